using RuleCompiler.Runtime.Geo;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

public class GeoIpDatabaseTests
{
    private const string Header = "network,country,state,city,latitude,longitude\n";

    [Theory]
    [InlineData("192.0.2.10", "Testland", "North Province", "Exampleton")]
    [InlineData("192.0.2.127", "Testland", "North Province", "Exampleton")]
    [InlineData("192.0.2.128", "Testland", "North Province", "Inner Exampleton")] // the /25 inside the /24 wins
    [InlineData("192.0.2.199", "Testland", "North Province", "Inner Exampleton")]
    [InlineData("192.0.2.200", "Testland", "North Province", "Pointville, Upper")] // the /32 inside the /25
    [InlineData("192.0.2.201", "Testland", "North Province", "Inner Exampleton")] // back to the /25 after it
    [InlineData("192.0.2.255", "Testland", "North Province", "Inner Exampleton")]
    [InlineData("198.51.100.7", "Otherland", "", "Samplecity")]
    [InlineData("203.0.113.9", "Quote \"Land\"", "Coast", "")]
    [InlineData("2001:db8::1", "Sixland", "Central", "Hexton")]
    [InlineData("2001:DB8:FFFF::1", "Sixland", "Central", "Hexton")]
    [InlineData("2001:db8:abcd::5", "Sixland", "Central", "Inner Hexton")]
    [InlineData("::ffff:192.0.2.10", "Testland", "North Province", "Exampleton")] // IPv4-mapped IPv6 is the IPv4 address
    public void FindsTheLongestPrefixHoldingTheAddress(string address, string country, string state, string city)
    {
        var place = GeoIpFixture.Database.Find(address);
        Assert.NotNull(place);
        Assert.Equal((country, state, city), (place.Country, place.State, place.City));
    }

    [Theory]
    [InlineData("192.0.1.255")] // just below the /24
    [InlineData("192.0.3.0")] // just above it
    [InlineData("8.8.8.8")]
    [InlineData("2001:db9::1")]
    [InlineData("10.1.2.3")] // private addresses are never placed
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("")] // not addresses
    [InlineData("192.0.2")]
    [InlineData("192.0.2.256")]
    [InlineData("192.0.2.10/24")]
    [InlineData(" 192.0.2.10")]
    [InlineData("0xC0.0.2.10")]
    [InlineData("2001:db8::1%eth0")]
    [InlineData("Exampleton")]
    public void GivesNullForAMissAPrivateOrAnInvalidAddress(string address) => Assert.Null(GeoIpFixture.Database.Find(address));

    [Fact]
    public void TheObjectHasKqlsMembersAndNullCoordinatesWhenTheFileLeavesThemEmpty()
    {
        var found = GeoIpFixture.Database.Lookup(Value.String("192.0.2.200"));
        Assert.Equal("""{"country":"Testland","state":"North Province","city":"Pointville, Upper","latitude":11,"longitude":21}""", found.ToText());
        var empty = GeoIpFixture.Database.Lookup(Value.String("203.0.113.1"));
        Assert.Equal("""{"country":"Quote \"Land\"","state":"Coast","city":"","latitude":null,"longitude":null}""", empty.ToText());
    }

    [Fact]
    public void NullAndNonTextArgumentsGiveNull()
    {
        Assert.True(GeoIpFixture.Database.Lookup(Value.Null).IsNull);
        Assert.True(GeoIpFixture.Database.Lookup(Value.Long(3221225994)).IsNull);
    }

    [Fact]
    public void WholeSpaceNetworksAreTheFallback()
    {
        var load = GeoIpFixture.Read(Header + "0.0.0.0/0,Anyland,,,,\n::/0,Sixany,,,,\n192.0.2.0/24,Testland,,,,\n");
        var database = Assert.IsType<GeoIpDatabase>(load.Database);
        Assert.Equal("Anyland", database.Find("8.8.8.8")?.Country);
        Assert.Equal("Testland", database.Find("192.0.2.1")?.Country);
        Assert.Equal("Anyland", database.Find("255.255.255.255")?.Country);
        Assert.Equal("Sixany", database.Find("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")?.Country);
        Assert.Equal("Sixany", database.Find("2001:db8::1")?.Country);
    }

    [Theory]
    [InlineData("", 1, 1, "the file is empty")]
    [InlineData("network,country\n", 1, 1, "the first line must be the header")]
    [InlineData(Header + "192.0.2.0/24,Testland,,,1\n", 2, 26, "a row has 6 fields")]
    [InlineData(Header + "192.0.2.0/24,Testland,,,1,2,3\n", 2, 29, "a row has 6 fields")]
    [InlineData(Header + "192.0.2.1/24,Testland,,,,\n", 2, 1, "'192.0.2.1/24' is not a network")]
    [InlineData(Header + "192.0.2.0/33,Testland,,,,\n", 2, 1, "is not a network")]
    [InlineData(Header + "192.0.2.0,Testland,,,,\n", 2, 1, "is not a network")]
    [InlineData(Header + "2001:db8::/129,Testland,,,,\n", 2, 1, "is not a network")]
    [InlineData(Header + "192.0.2.0/24,Testland,,,91,0\n", 2, 25, "'91' is not a latitude")]
    [InlineData(Header + "192.0.2.0/24,Testland,,,0,1e3\n", 2, 27, "'1e3' is not a longitude")]
    [InlineData(Header + "192.0.2.0/24,Testland,,,NaN,0\n", 2, 25, "is not a latitude")]
    [InlineData(Header + "192.0.2.0/24,\"Test,,,,\n", 2, 14, "a quoted field is not closed")]
    [InlineData(Header + "192.0.2.0/24,\"Test\"x,,,,\n", 2, 20, "a closing quote must end the field")]
    [InlineData(Header + "192.0.2.0/24,Te\"st,,,,\n", 2, 16, "a quote inside an unquoted field")]
    [InlineData(Header + "192.0.2.0/24,A,,,,\n# comment\n192.0.2.0/24,B,,,,\n", 4, 1, "the network is listed twice (also test.csv line 2)")]
    public void AMalformedFileIsReportedAtItsLineAndColumn(string text, int line, int column, string message)
    {
        var load = GeoIpFixture.Read(text);
        Assert.Null(load.Database);
        var problem = Assert.Single(load.Problems);
        Assert.Equal(("test.csv", line, column, false), (problem.File, problem.Line, problem.Column, problem.TooLarge));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverlongLineIsASizeProblemAndIsNotHeld()
    {
        var load = GeoIpFixture.Read(Header + "192.0.2.0/24," + new string('x', 1_000_000) + ",,,,\n198.51.100.0/24,Otherland,,,,\n");
        var problem = Assert.Single(load.Problems);
        Assert.Equal((2, 4097, true), (problem.Line, problem.Column, problem.TooLarge));
    }

    [Fact]
    public void ProblemsOfSeveralRowsAreAllReported()
    {
        var load = GeoIpFixture.Read(Header + "x,,,,,\n192.0.2.0/24,ok,,,,\ny,,,,,\n");
        Assert.Equal([2, 4], load.Problems.Select(p => p.Line));
    }
}
