using System.Text.Json;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;
using RuleCompiler.Runtime.Rows;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>Hand-written lookup tables in the style of ESCU's baselines, and queries bound against them.</summary>
internal static class TableFixtures
{
    /// <summary>A maintained table: users seen logging in to the console, as a baseline search keeps them.</summary>
    public static readonly LookupTable SeenLogins = Table("""
        name: seen_logins
        description: Users seen logging in to the AWS console and the city they came from.
        columns:
          - {name: user, type: string}
          - {name: City, type: string}
          - {name: firstTime, type: datetime}
          - {name: count, type: long}
        keys: [user]
        maintained_by: the baseline search "Previously Seen Users Console Logins"
        splunk:
          collection: seen_logins
        sentinel:
          watchlist: SeenLogins
        """);

    /// <summary>A static table with its rows in the file (two rows for one key, one key differing only in case).</summary>
    public static readonly LookupTable Owners = Table("""
        name: bucket_owners
        description: Owners of S3 buckets.
        columns:
          - {name: bucket, type: string}
          - {name: owner, type: string}
          - {name: tier, type: long}
        rows:
          - {bucket: logs, owner: alice, tier: 1}
          - {bucket: logs, owner: bob, tier: 2}
          - {bucket: LOGS, owner: carol, tier: 3}
          - {bucket: "it's \"odd\"", owner: "x\ny", tier: 4}
        """);

    public static readonly LookupTable[] All = [SeenLogins, Owners];

    public static LookupTable Table(string yaml)
    {
        var name = yaml.Split('\n')[0]["name: ".Length..].Trim();
        var document = DocumentLoader.LoadTable(YamlLoader.LoadText($"rules/tables/{name}.yml", yaml));
        Assert.True(document.Model is not null, string.Join("\n", document.Diagnostics));
        return document.Model!;
    }

    /// <summary>The search as the query of a copy of a real rule of rules/ (what the SPL and KQL emitters read).</summary>
    public static Compiler.Compilation.CompiledRule Rule(string search)
    {
        var rule = Splunk.CompiledRules.Named("aws_ecr_container_upload_outside_business_hours");
        var bound = Bind(search, rule.DataSource);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return rule with { Query = bound };
    }

    public static BoundQuery Bind(string search, DataSource? dataSource = null)
    {
        var parsed = QueryParser.Parse(search);
        Assert.True(parsed.Query is not null, string.Join("\n", parsed.Diagnostics));
        return QueryBinder.Bind(parsed.Query!, BindingContext.For(dataSource ?? Ast.CloudTrail).WithTables(All));
    }

    public static CSharpRuleSource Source(string name, string search)
    {
        var bound = Bind(search);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return new(RuleHarness.Info(name), bound, Ast.CloudTrail);
    }

    public static List<Row> Rows(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => Row.FromEvent(e.Clone()))];
    }
}
