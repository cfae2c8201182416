using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Runtime.Geo;
using RuleCompiler.Runtime.Rows;
using Xunit;
using static RuleCompiler.Backends.Tests.CSharp.RuleHarness;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>geo_info_from_ip_address in generated C#, run on events against the tests' tiny database.</summary>
public class GeoIpRuleTests
{
    private const string NewCountry = """
        where eventName == "ConsoleLogin"
        | extend Country = geo_info_from_ip_address(sourceIPAddress).country,
                 City = geo_info_from_ip_address(sourceIPAddress).city,
                 lat = geo_info_from_ip_address(sourceIPAddress).latitude
        | where Country != "Testland"
        | summarize logins = count(), firstLat = min(lat) by Country, City
        """;

    private static string Login(string ip) =>
        $$"""{"eventTime":"2024-05-25T21:14:00Z","eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com","sourceIPAddress":"{{ip}}"}""";

    private static List<Row> RunGeo(GeoIpDatabase? database, string search, params string[] events)
    {
        using var scope = GeoIp.Use(database);
        return Run(QueryParser.Parse(search).Query!, events);
    }

    [Fact]
    public void GroupsLoginsByTheCountryOfTheirAddress()
    {
        var rows = RunGeo(GeoIpFixture.Database, NewCountry,
            Login("192.0.2.10"), Login("198.51.100.1"), Login("198.51.100.2"), Login("2001:db8::7"), Login("10.0.0.1"), Login("not-an-ip"));
        Assert.Equal(
            [
                "Country=, City=, logins=2, firstLat=",
                "Country=Otherland, City=Samplecity, logins=2, firstLat=-33.5",
                "Country=Sixland, City=Hexton, logins=1, firstLat=48.1",
            ],
            rows.Select(Text).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void WithNoDatabaseEveryAddressGivesNull()
    {
        var rows = RunGeo(null, NewCountry, Login("192.0.2.10"), Login("198.51.100.1"));
        Assert.Equal(["Country=, City=, logins=2, firstLat="], rows.Select(Text));
    }

    [Fact]
    public void AMissingFieldGivesNullAndTheWholeObjectIsADynamicValue()
    {
        var rows = RunGeo(GeoIpFixture.Database, """
            extend place = geo_info_from_ip_address(sourceIPAddress), missing = geo_info_from_ip_address(requestParameters.nothing)
            | where isempty(missing)
            | project place, state = tostring(place.state)
            """,
            Login("198.51.100.9"));
        Assert.Equal("""place={"country":"Otherland","state":"","city":"Samplecity","latitude":-33.5,"longitude":151.25}, state=""", Text(Assert.Single(rows)));
    }
}
