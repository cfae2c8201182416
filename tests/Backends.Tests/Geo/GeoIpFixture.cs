using RuleCompiler.Runtime.Geo;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>The tests' tiny geo-IP database: invented places on the documentation ranges (Fixtures/geoip/).</summary>
internal static class GeoIpFixture
{
    public static string File => Path.Combine(RepositoryPaths.Root, "tests", "Backends.Tests", "Fixtures", "geoip", "documentation_ranges.csv");

    public static GeoIpDatabase Database { get; } = Load();

    private static GeoIpDatabase Load()
    {
        var load = GeoIpDatabase.Load([File]);
        Assert.Empty(load.Problems);
        return load.Database!;
    }

    /// <summary>Loads database text; the problems as "line,column: message".</summary>
    public static GeoIpLoad Read(string text) => GeoIpDatabase.Read([("test.csv", new StringReader(text))]);
}
