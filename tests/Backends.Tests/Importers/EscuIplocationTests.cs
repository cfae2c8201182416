using CsCheck;
using RuleCompiler.Backends.Tests.Geo;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Runtime.Geo;
using Xunit;
using static RuleCompiler.Backends.Tests.Importers.EscuSpl;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// SPL iplocation: the fields City, Country, Region, lat, lon (with prefix=) as members of geo_info_from_ip_address,
/// new columns that are null where no place is found, as iplocation adds no field; the canonical text per case under
/// Golden/EscuIplocation (RULEC_UPDATE_GOLDEN=1 rewrites them); run on events against the tests' tiny database;
/// compiled back to iplocation and round-tripped; and the forms that would change meaning refused at the construct.
/// </summary>
public class EscuIplocationTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "country_not_home", "`cloudtrail` eventName=ConsoleLogin | iplocation sourceIPAddress | where Country!=\"United States\" | stats count min(_time) as firstTime max(_time) as lastTime by Country user_arn src_ip" },
        { "prefix_and_allfields_false", "`cloudtrail` eventName=ConsoleLogin | iplocation prefix=src_ allfields=false lang=en sourceIPAddress | table _time user_arn src_City src_Country src_Region src_lat src_lon" },
        { "after_stats", "`cloudtrail` eventName=ConsoleLogin | stats earliest(_time) as firstTime latest(_time) as lastTime by user_arn src_ip | iplocation src_ip | rename Country as justSeenCountry | table firstTime lastTime user_arn justSeenCountry" },
        { "nested_field", "`cloudtrail` eventName=ConsoleLogin | iplocation requestParameters.ipAddress | stats dc(Country) as countries values(City) as cities by user_arn | where countries > 1" },
        { "after_tstats", "| tstats earliest(_time) as firstTime latest(_time) as lastTime from datamodel=Authentication where Authentication.signature=ConsoleLogin by Authentication.user Authentication.src | iplocation Authentication.src | `drop_dm_object_name(Authentication)` | rename Country as justSeenCountry | table firstTime lastTime user justSeenCountry" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Iplocation_is_the_members_of_geo_info_from_ip_address(string name, string spl)
    {
        var result = Translate(spl);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Search, "EscuIplocation", name + ".search");
        Assert.Contains(result.Notes, n => n.Code == EscuDiagnosticCodes.IplocationNote);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }

    [AnalyzerFact]
    public void Iplocation_binds_compiles_to_accepted_kql_runs_and_round_trips_through_spl()
    {
        foreach (var (name, spl) in Cases.Select(c => ((string)c[0], (string)c[1])).Where(c => c.Item1 != "after_tstats"))
        {
            EscuRexTests.Verified(spl);
        }
    }

    private static readonly string[] Logins =
    [
        """{"eventTime": "2024-06-01T07:30:01Z", "eventID": "1", "eventName": "ConsoleLogin", "sourceIPAddress": "192.0.2.200"}""",
        """{"eventTime": "2024-06-01T07:30:02Z", "eventID": "2", "eventName": "ConsoleLogin", "sourceIPAddress": "2001:db8:abcd::1"}""",
        """{"eventTime": "2024-06-01T07:30:03Z", "eventID": "3", "eventName": "ConsoleLogin", "sourceIPAddress": "10.1.1.1"}""",
        """{"eventTime": "2024-06-01T07:30:04Z", "eventID": "4", "eventName": "ConsoleLogin", "sourceIPAddress": "not an address"}""",
        """{"eventTime": "2024-06-01T07:30:05Z", "eventID": "5", "eventName": "ConsoleLogin"}""",
    ];

    [Fact]
    public void An_address_with_no_place_gives_no_fields_and_the_others_their_place()
    {
        using var database = GeoIp.Use(GeoIpFixture.Database);
        Assert.Equal(
            [
                "eventID=1, City=Pointville, Upper, Country=Testland, Region=North Province, lat=11, lon=21",
                "eventID=2, City=Inner Hexton, Country=Sixland, Region=Central, lat=48.2, lon=11.7",
                "eventID=3, City=, Country=, Region=, lat=, lon=",
                "eventID=4, City=, Country=, Region=, lat=, lon=",
                "eventID=5, City=, Country=, Region=, lat=, lon=",
            ],
            Run("`cloudtrail` eventName=ConsoleLogin | iplocation sourceIPAddress | table eventID City Country Region lat lon", Logins));
    }

    [Fact]
    public void Stats_by_country_leaves_out_the_addresses_with_no_place_as_SPL_does()
    {
        using var database = GeoIp.Use(GeoIpFixture.Database);
        Assert.Equal(
            ["Country=Sixland, count=1"],
            Run("`cloudtrail` eventName=ConsoleLogin | iplocation sourceIPAddress | where Country!=\"Testland\" | stats count by Country", Logins));
    }

    [Theory]
    [InlineData("`cloudtrail` | iplocation allfields=true sourceIPAddress", 37, "Continent, MetroCode and Timezone")]
    [InlineData("`cloudtrail` | iplocation lang=es sourceIPAddress", 32, "lang=es")]
    [InlineData("`cloudtrail` | iplocation dbpath=x sourceIPAddress", 34, "option 'dbpath'")]
    [InlineData("`cloudtrail` | eval City=\"home\" | iplocation sourceIPAddress", 35, "'City', which already holds a value")]
    [InlineData("`cloudtrail` | iplocation sourceIPAddress | iplocation userAgent", 45, "'City', which already holds a value")]
    [InlineData("`cloudtrail` | iplocation sourceIPAddress userAgent", 43, "takes one field")]
    [InlineData("`cloudtrail` | iplocation", 16, "takes one field")]
    public void Forms_that_would_change_meaning_are_refused_at_the_construct(string spl, int column, string says)
    {
        var code = says.Contains("one field", StringComparison.Ordinal) ? EscuDiagnosticCodes.SplSyntax : EscuDiagnosticCodes.UntranslatedIplocation;
        Refused(spl, code, column, says);
    }

    [Fact]
    public void A_second_iplocation_with_its_own_prefix_translates() =>
        Assert.Contains("dst_City = geo_info_from_ip_address(tostring(requestParameters.ipAddress)).city",
            Search("`cloudtrail` | iplocation sourceIPAddress | iplocation prefix=dst_ requestParameters.ipAddress | table City dst_City"), StringComparison.Ordinal);

    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char["\"\\'|`$*=[](){}<>!.,% \n\t\0"]),
            (3, Gen.Char['a', 'z']),
            (1, Gen.Char["\u2028\u00e9\u4e2d\u202E\uFEFF"]))
        .Array[1, 10].Select(chars => new string(chars));

    [Fact]
    public void An_adversarial_prefix_names_exactly_its_columns_or_is_refused()
    {
        Adversarial.Sample(prefix =>
        {
            var quoted = "\"" + prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            var result = Translate($"`cloudtrail` | iplocation prefix={quoted} sourceIPAddress");
            if (result.Search is null)
            {
                return result.Diagnostics.Any(d => d.IsError);
            }

            var parsed = QueryParser.Parse(result.Search);
            if (parsed.Query is null)
            {
                return false;
            }

            var bound = QueryBinder.Bind(parsed.Query, BindingContext.For(CSharp.Ast.CloudTrail));
            var added = bound.OutputColumns.Select(c => c.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            return !bound.HasErrors && new[] { "City", "Country", "Region", "lat", "lon" }.All(n => added.Contains(prefix + n));
        }, iter: 500);
    }
}
