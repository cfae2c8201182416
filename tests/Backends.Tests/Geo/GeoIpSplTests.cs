using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.Splunk;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>
/// geo_info_from_ip_address(ip).member in SPL: iplocation with a helper prefix, then the eval of the member's field;
/// goldens under tests/Backends.Tests/Golden/SplunkGeo/ (RULEC_UPDATE_GOLDEN=1 rewrites them). Other uses are refused.
/// </summary>
public class GeoIpSplTests
{
    public static TheoryData<string> Cases => new(GeoIpCases.Portable.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmittedSplMatchesGoldenFile(string name)
    {
        var (rule, checks) = SearchInRuleCopy.Compile(GeoIpCases.Portable[name]);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkGeo", name + ".spl");
        Assert.Contains("\n| iplocation prefix=rc_geo_", result.Spl, StringComparison.Ordinal);
        Assert.DoesNotContain("geo_info", result.Spl, StringComparison.Ordinal);
    }

    [Theory]
    // The object itself, a member in a summarize key, a path below a member, a member SPL has no field for.
    [InlineData("extend place = geo_info_from_ip_address(sourceIPAddress)" + Keys, "RC4030")]
    [InlineData("summarize n = count() by c = geo_info_from_ip_address(sourceIPAddress).country, user = tostring(userIdentity.arn), src_ip = sourceIPAddress", "RC4030")]
    [InlineData("extend c = tostring(geo_info_from_ip_address(sourceIPAddress).timezone)" + Keys, "RC4030")]
    // iplocation runs before the stage's eval: an address assigned in the same extend would be read before it is set.
    [InlineData("extend ip = coalesce(sourceIPAddress, \"\"), c = geo_info_from_ip_address(ip).country" + Keys, "RC4031")]
    public void OtherUsesAreRefusedAtTheConstruct(string stages, string code)
    {
        var (rule, _) = SearchInRuleCopy.Compile("where eventName == \"ConsoleLogin\"\n| " + stages);
        var result = SplEmitter.Emit(rule);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
        // At the stage: the search key's line, then the where, then the stage.
        Assert.Equal(rule.Rule.Search.Span.Line + 2, diagnostic.Span.Line);
    }

    private const string Keys = "\n| extend user = tostring(userIdentity.arn), src_ip = sourceIPAddress";

    [Fact]
    public void EachStageLocatesAgainAndDropsItsHelperFields()
    {
        var (rule, _) = SearchInRuleCopy.Compile("""
            where eventName == "ConsoleLogin"
            | extend a = geo_info_from_ip_address(sourceIPAddress).country, b = geo_info_from_ip_address(sourceIPAddress).city
            | extend c = geo_info_from_ip_address(sourceIPAddress).country
            | extend user = tostring(userIdentity.arn), src_ip = sourceIPAddress
            """);
        var spl = SplEmitter.Emit(rule).Spl;
        Assert.Equal(2, spl.Split("| iplocation ").Length - 1);
        Assert.Contains("| iplocation prefix=rc_geo_1_ sourceIPAddress\n| eval a=rc_geo_1_Country, b=rc_geo_1_City\n| fields - rc_geo_1_Country rc_geo_1_Region rc_geo_1_City rc_geo_1_lat rc_geo_1_lon", spl, StringComparison.Ordinal);
        Assert.Contains("| iplocation prefix=rc_geo_2_ sourceIPAddress\n| eval c=rc_geo_2_Country\n| fields - ", spl, StringComparison.Ordinal);
    }
}
