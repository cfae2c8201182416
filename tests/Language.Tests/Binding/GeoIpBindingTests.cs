using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>geo_info_from_ip_address: its catalogue entry, and the types of its declared members.</summary>
public class GeoIpBindingTests
{
    private static BoundQuery Bind(string search) => TestSources.Bind(QueryParser.Parse(search).Query!);

    private static ScalarType ColumnType(BoundQuery bound, string name) => bound.OutputColumns.Single(c => c.Name == name).Type;

    [Fact]
    public void The_catalogue_declares_KQLs_members_with_their_types()
    {
        var function = FunctionCatalogue.Find("geo_info_from_ip_address");
        Assert.NotNull(function);
        Assert.Equal((1, 1, ScalarType.Dynamic), (function.MinArity, function.MaxArity, function.ReturnType));
        Assert.Equal(
            ["city:String", "country:String", "latitude:Real", "longitude:Real", "state:String"],
            function.Members!.Select(m => $"{m.Key}:{m.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Members_have_their_declared_types_and_the_object_is_dynamic()
    {
        var bound = Bind("""
            extend c = geo_info_from_ip_address(sourceIPAddress).country, s = geo_info_from_ip_address(sourceIPAddress).state,
                   t = geo_info_from_ip_address(sourceIPAddress).city, lat = geo_info_from_ip_address(sourceIPAddress).latitude,
                   lon = geo_info_from_ip_address(sourceIPAddress).longitude, o = geo_info_from_ip_address(requestParameters.ip)
            | summarize n = count() by c, s, t, lat, lon, o2 = tostring(o)
            """);
        NoDiagnostics(bound);
        Assert.Equal(
            [ScalarType.String, ScalarType.String, ScalarType.String, ScalarType.Real, ScalarType.Real],
            new[] { "c", "s", "t", "lat", "lon" }.Select(n => ColumnType(bound, n)));
    }

    [Fact]
    public void A_member_compares_as_its_type()
    {
        NoDiagnostics(Bind("where geo_info_from_ip_address(sourceIPAddress).latitude > 10.5 and geo_info_from_ip_address(sourceIPAddress).country != \"Testland\""));
        Assert.Equal(BindingCodes.ComparisonTypeMix, Single(Bind("where geo_info_from_ip_address(sourceIPAddress).latitude == \"north\""), BindingCodes.ComparisonTypeMix).Code);
    }

    [Theory]
    [InlineData("extend z = geo_info_from_ip_address(sourceIPAddress).timezone")]
    [InlineData("extend z = geo_info_from_ip_address(sourceIPAddress).Country")]
    [InlineData("extend z = geo_info_from_ip_address(sourceIPAddress).country.name")]
    [InlineData("extend z = geo_info_from_ip_address(sourceIPAddress)[0]")]
    public void Another_path_warns_and_reads_a_dynamic_null(string search)
    {
        var bound = Bind(search);
        var diagnostic = Single(bound, BindingCodes.UndeclaredMember);
        Assert.False(diagnostic.IsError);
        Assert.Contains("city, country, latitude, longitude, state", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(ScalarType.Dynamic, ColumnType(bound, "z"));
    }

    [Theory]
    [InlineData("extend z = geo_info_from_ip_address()", BindingCodes.WrongArity)]
    [InlineData("extend z = geo_info_from_ip_address(sourceIPAddress, \"en\")", BindingCodes.WrongArity)]
    [InlineData("extend z = geo_info_from_ip_address(_time)", BindingCodes.ArgumentType)]
    [InlineData("extend z = tolong(sourceIPAddress).country", BindingCodes.MemberOfScalar)]
    public void Wrong_calls_are_errors(string search, string code)
    {
        var diagnostic = Assert.Single(Bind(search).Diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
    }
}
