using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>table(name) as a pipeline source: its columns and types, and the names and places it is refused.</summary>
public class TableBindingTests
{
    [Fact]
    public void A_table_gives_its_declared_columns_with_their_types()
    {
        var bound = TableFixtures.Bind("""
            let seen = (table(seen_logins) | project user, City, firstTime);
            where eventName == "ConsoleLogin"
            | extend user = tostring(userIdentity.arn)
            | join kind=leftouter (seen) on user
            """);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        var let = Assert.IsType<BoundLetPipeline>(bound.Lets[0]);
        var source = Assert.IsType<BoundTableInput>(let.Pipeline.Source);
        Assert.Equal(
            [("user", ScalarType.String), ("City", ScalarType.String), ("firstTime", ScalarType.DateTime), ("count", ScalarType.Long)],
            source.Schema.Columns.Select(c => (c.Name, c.Type)));
        Assert.Contains(bound.Output.Columns, c => c.Name == "firstTime" && c.Type == ScalarType.DateTime);
    }

    [Fact]
    public void A_join_right_side_and_a_union_member_may_read_a_table()
    {
        Assert.False(TableFixtures.Bind("""
            extend bucket = tostring(requestParameters.bucketName)
            | join kind=inner (table(bucket_owners) | where tier < 3) on bucket
            | union (table(bucket_owners) | project bucket)
            """).HasErrors);
    }

    [Fact]
    public void An_unknown_table_is_RC2550_with_a_suggestion_at_the_name()
    {
        const string search = "join kind=inner (table(seen_login) | project user) on $left.eventName == $right.user";
        var diagnostic = Assert.Single(TableFixtures.Bind(search).Diagnostics);
        Assert.Equal(BindingCodes.UnknownTable, diagnostic.Code);
        Assert.Equal(search.IndexOf("seen_login", StringComparison.Ordinal), diagnostic.Span.Start);
        Assert.Equal("seen_login".Length, diagnostic.Span.Length);
        Assert.Contains("did you mean 'seen_logins'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_main_pipeline_cannot_start_from_a_table()
    {
        var diagnostic = Assert.Single(TableFixtures.Bind("table(seen_logins) | where user == \"x\"").Diagnostics);
        Assert.Equal(BindingCodes.TableAsMainSource, diagnostic.Code);
        Assert.Equal(0, diagnostic.Span.Start);
    }

    [Fact]
    public void A_table_column_keeps_its_type_in_comparisons()
    {
        var diagnostic = Assert.Single(TableFixtures.Bind("join kind=inner (table(bucket_owners) | where tier == \"1\") on $left.eventName == $right.owner").Diagnostics);
        Assert.Equal(BindingCodes.ComparisonTypeMix, diagnostic.Code);
    }

    [Fact]
    public void Table_is_an_ordinary_name_elsewhere()
    {
        Assert.False(TableFixtures.Bind("extend table = eventName | where table == \"x\"").HasErrors);
    }
}
