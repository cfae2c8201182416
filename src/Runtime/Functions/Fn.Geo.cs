using RuleCompiler.Runtime.Geo;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Functions;

public static partial class Fn
{
    /// <summary>
    /// <c>geo_info_from_ip_address(ip)</c>: the object {country, state, city, latitude, longitude} of the run's geo-IP
    /// database (<see cref="GeoIp"/>), or null for a null, invalid, private or unknown address, or with no database.
    /// </summary>
    public static Value GeoInfoFromIpAddress(Value ip) => GeoIp.Current?.Lookup(ip) ?? Value.Null;
}
