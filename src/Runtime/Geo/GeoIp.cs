namespace RuleCompiler.Runtime.Geo;

/// <summary>
/// The geo-IP database <c>geo_info_from_ip_address</c> reads in this run. <c>rulec test</c> and <c>rulec run</c> load
/// the repository's rules/geoip/ and use it for the run; a program hosting generated rules calls <see cref="Use"/>.
/// With none, every lookup gives null. The database flows with the async context, as <see cref="Values.EvaluationClock"/>.
/// </summary>
public static class GeoIp
{
    private static readonly AsyncLocal<GeoIpDatabase?> Active = new();

    public static GeoIpDatabase? Current => Active.Value;

    /// <summary>Uses <paramref name="database"/> until the returned scope is disposed.</summary>
    public static IDisposable Use(GeoIpDatabase? database)
    {
        var previous = Active.Value;
        Active.Value = database;
        return new Restore(previous);
    }

    private sealed class Restore(GeoIpDatabase? previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}
