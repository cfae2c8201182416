using CsCheck;
using RuleCompiler.Backends.Splunk.App;
using RuleCompiler.Backends.Splunk.Conf;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Model;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>
/// The app's lookups for tables: transforms.conf (a CSV lookup for a static table, a KV store lookup for a maintained
/// one, each checked against Splunk's transforms.conf.spec), collections.conf, and the CSV; goldens under
/// tests/Backends.Tests/Golden/SplunkTableApp/.
/// </summary>
public class SplunkTableAppTests
{
    private static SplunkAppFiles Render(params LookupTable[] tables) =>
        SplunkAppWriter.Render(SplunkAppFixture.App with { Tables = [.. tables] });

    [SplunkAppFact]
    public void Tables_become_lookups_that_pass_the_transforms_spec()
    {
        var rendered = Render(TableFixtures.Owners, TableFixtures.SeenLogins);
        Assert.False(rendered.HasErrors, string.Join("\n", rendered.Diagnostics));
        var transforms = ConfReader.Read("transforms.conf", rendered.Text("default/transforms.conf"));
        Assert.Empty(transforms.Problems);
        Assert.Empty(ConfChecker.Check(transforms, SplunkReference.Spec("transforms.conf")));
        var kv = transforms.Find("seen_logins")!;
        Assert.Equal(("kvstore", "seen_logins", "_key, user, City, firstTime, count", "true"),
            (kv["external_type"], kv["collection"], kv["fields_list"], kv["case_sensitive_match"]));
        Assert.Equal("bucket_owners.csv", transforms.Find("bucket_owners")!["filename"]);
        var collections = ConfReader.Read("collections.conf", rendered.Text("default/collections.conf"));
        Assert.Empty(collections.Problems);
        var collection = collections.Find("seen_logins")!;
        Assert.Equal(("string", "time", "number"), (collection["field.user"], collection["field.firstTime"], collection["field.count"]));
        SplGolden.Matches(rendered.Text("default/transforms.conf"), "SplunkTableApp", "transforms.conf");
        SplGolden.Matches(rendered.Text("default/collections.conf"), "SplunkTableApp", "collections.conf");
        SplGolden.Matches(rendered.Text("lookups/bucket_owners.csv"), "SplunkTableApp", "bucket_owners.csv");
    }

    [SplunkAppFact]
    public void A_maintained_table_without_a_collection_is_RC4023_at_the_table()
    {
        var rendered = Render(TableFixtures.SeenLogins with { SplunkCollection = null });
        var error = Assert.Single(rendered.Diagnostics, d => d.IsError);
        Assert.Equal((SplDiagnostics.TableLookup, TableFixtures.SeenLogins.Span), (error.Code, error.Span));
    }

    [Fact]
    public void Adversarial_cells_read_back_from_the_csv_exactly()
    {
        var cell = Gen.Frequency(
                (5, (IGen<char>)Gen.Char[",\"\n\r ;\t'|[]`$"]),
                (4, Gen.Char['a', 'z']),
                (1, Gen.Char["\u00e9\u4e2d\u2028"]))
            .Array[0, 20].Select(chars => new string(chars));
        Gen.Select(cell, cell).Array[1, 6].Sample(rows =>
        {
            var table = TableFixtures.Owners with
            {
                Rows = [.. rows.Select(r => new TableRow([r.Item1, r.Item2, 1L], TableFixtures.Owners.Span))],
            };
            var csv = Render(table).Text("lookups/bucket_owners.csv");
            Assert.Equal([["bucket", "owner", "tier"], .. rows.Select(r => new[] { r.Item1, r.Item2, "1" })], RfcCsv.Read(csv));
        }, iter: 2_000);
    }
}
