using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests.Tables;

/// <summary>Lookup table files (rules/tables/NAME.yml): what a good file gives, and each bad file's diagnostic at its place.</summary>
public class TableFileTests
{
    private const string Modeline = "# yaml-language-server: $schema=../../schemas/table.schema.json\n";

    private const string Static = Modeline + """
        name: known_regions
        description: Regions the organisation runs workloads in.
        columns:
          - name: region
            type: string
          - name: owner
            type: string
          - name: accounts
            type: long
          - name: since
            type: datetime
          - name: active
            type: bool
        keys: [region]
        rows:
          - region: us-east-1
            owner: platform
            accounts: 12
            since: "2021-03-04T05:06:07Z"
            active: true
          - region: eu-west-1
            owner: 0042
        sentinel:
          watchlist: KnownRegions
        """;

    private static LoadedDocument<LookupTable> Load(string text, string name = "known_regions") =>
        DocumentLoader.LoadTable(YamlLoader.LoadText($"rules/tables/{name}.yml", text));

    private static Diagnostic Single(LoadedDocument<LookupTable> document, string code)
    {
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Null(document.Model);
        return diagnostic;
    }

    [Fact]
    public void A_static_table_has_typed_rows_in_file_order()
    {
        var document = Load(Static);
        Assert.Empty(document.Diagnostics);
        var table = document.Model!;
        Assert.True(table.IsStatic);
        Assert.Equal(["region", "owner", "accounts", "since", "active"], table.Columns.Select(c => c.Name));
        Assert.Equal([FieldType.String, FieldType.String, FieldType.Long, FieldType.DateTime, FieldType.Bool], table.Columns.Select(c => c.Type));
        Assert.Equal(["region"], table.Keys.AsEnumerable());
        Assert.Equal("KnownRegions", table.SentinelWatchlist);
        Assert.True(table.CaseSensitiveMatch);
        Assert.Equal(["us-east-1", "platform", 12L, new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc), true], table.Rows[0].Values.ToArray());
        Assert.Equal(DateTimeKind.Utc, ((DateTime)table.Rows[0].Values[3]!).Kind);
        // A number written for a string column keeps its text; a missing cell is null.
        Assert.Equal(["eu-west-1", "0042", null, null, null], table.Rows[1].Values.ToArray());
    }

    [Fact]
    public void A_maintained_table_has_columns_and_no_rows()
    {
        var document = Load(Modeline + """
            name: seen_logins
            description: Users seen logging in to the console, with where from.
            columns:
              - {name: user, type: string}
              - {name: firstTime, type: datetime}
            maintained_by: the baseline search "Previously Seen Users Console Logins"
            case_sensitive_match: false
            splunk:
              collection: seen_logins_kv
            """, "seen_logins");
        Assert.Empty(document.Diagnostics);
        var table = document.Model!;
        Assert.False(table.IsStatic);
        Assert.Empty(table.Rows);
        Assert.Equal("seen_logins_kv", table.SplunkCollection);
        Assert.False(table.CaseSensitiveMatch);
    }

    [Fact]
    public void A_row_naming_an_undeclared_column_is_RC1325_at_the_key()
    {
        var diagnostic = Single(Load(Static.Replace("    owner: platform", "    ownr: platform", StringComparison.Ordinal)), "RC1325");
        Assert.Equal((18, 5), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains("did you mean 'owner'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    accounts: 12", "    accounts: twelve", "accounts")]
    [InlineData("    active: true", "    active: \"yes\"", "active")]
    [InlineData("    since: \"2021-03-04T05:06:07Z\"", "    since: \"last tuesday\"", "since")]
    public void A_cell_not_of_its_column_type_is_RC1326_at_the_value(string old, string replacement, string column)
    {
        var text = Static.Replace(old, replacement, StringComparison.Ordinal);
        var diagnostic = Single(Load(text), "RC1326");
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith(replacement, StringComparison.Ordinal)) + 1;
        Assert.Equal((line, replacement.IndexOf(':', StringComparison.Ordinal) + 3), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains($"column '{column}'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_a_column_and_a_column_declared_twice_are_RC1327()
    {
        Assert.Contains("the key 'regoin'", Single(Load(Static.Replace("keys: [region]", "keys: [regoin]", StringComparison.Ordinal)), "RC1327").Message, StringComparison.Ordinal);
        var twice = Static.Replace("  - name: owner\n", "  - name: region\n", StringComparison.Ordinal).Replace("    owner: 0042\n", "", StringComparison.Ordinal).Replace("    owner: platform\n", "", StringComparison.Ordinal);
        Assert.Contains("declared twice", Single(Load(twice), "RC1327").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_and_maintained_by_together_is_RC1327_and_neither_a_schema_error()
    {
        var both = Load(Static + "\nmaintained_by: a search\n");
        Assert.Contains("both", Single(both, "RC1327").Message, StringComparison.Ordinal);
        var neither = Load(Modeline + "name: t\ndescription: d\ncolumns:\n  - {name: a, type: string}\n", "t");
        Assert.NotEmpty(neither.Diagnostics);
        Assert.Null(neither.Model);
    }

    [Fact]
    public void A_column_type_outside_the_language_is_a_schema_error_at_the_value()
    {
        var document = Load(Static.Replace("    type: long", "    type: int64", StringComparison.Ordinal));
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.StartsWith("RC12", diagnostic.Code, StringComparison.Ordinal);
        Assert.Equal(10, diagnostic.Span.Line);
    }

    [Fact]
    public void A_table_over_the_row_limit_is_RC1328_not_an_out_of_memory()
    {
        var rows = string.Concat(Enumerable.Range(0, Limits.MaxTableRows + 1).Select(i => $"  - {{a: r{i}}}\n"));
        var document = Load(Modeline + "name: big\ndescription: d\ncolumns:\n  - {name: a, type: string}\nrows:\n" + rows, "big");
        var diagnostic = Single(document, "RC1328");
        Assert.Equal(6, diagnostic.Span.Line);
    }

    [Fact]
    public void A_repository_loads_its_tables_and_checks_their_file_names()
    {
        using var repository = TempRepository.CopyOfValid();
        Directory.CreateDirectory(repository.PathOf("tables"));
        File.WriteAllText(repository.PathOf("tables/known_regions.yml"), Static);
        File.WriteAllText(repository.PathOf("tables/other_name.yml"), Static);
        var result = RuleRepository.Load(repository.Root);
        Assert.Equal(2, result.Counts.Tables);
        Assert.Equal(2, result.Tables.Length);
        var mismatch = Assert.Single(result.Diagnostics);
        Assert.Equal(("RC1303", "other_name.yml"), (mismatch.Code, Path.GetFileName(mismatch.Span.Path)));
    }
}
