namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>Searches on aws_cloudtrail that read geo_info_from_ip_address, in the style of ESCU's new-country detections.</summary>
internal static class GeoIpCases
{
    private const string Keys = "user = tostring(userIdentity.arn), src_ip = sourceIPAddress";

    /// <summary>Each compiles for both SIEMs; its SPL and KQL are goldens (Golden/SplunkGeo, Golden/Kql/geo).</summary>
    public static readonly IReadOnlyDictionary<string, string> Portable = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["country_not_home"] = $"""
            where eventName == "ConsoleLogin"
            | extend Country = geo_info_from_ip_address(sourceIPAddress).country
            | where Country != "United States"
            | summarize firstTime = min(_time), lastTime = max(_time), n = count() by Country, {Keys}
            """,
        ["all_members"] = $"""
            where eventName == "ConsoleLogin"
            | extend {Keys}, Country = geo_info_from_ip_address(sourceIPAddress).country, Region = geo_info_from_ip_address(sourceIPAddress).state,
                     City = geo_info_from_ip_address(sourceIPAddress).city, lat = geo_info_from_ip_address(sourceIPAddress).latitude,
                     lon = geo_info_from_ip_address(sourceIPAddress).longitude
            | where lat > 10.5
            | summarize n = count() by Country, Region, City, user, src_ip
            """,
        ["computed_address"] = $"""
            where eventName == "ConsoleLogin"
            | extend place = strcat(geo_info_from_ip_address(coalesce(sourceIPAddress, "0.0.0.0")).city, ", ", geo_info_from_ip_address(coalesce(sourceIPAddress, "0.0.0.0")).country)
            | summarize n = count() by place, {Keys}
            """,
        ["project_nested_field"] = $"""
            where eventName == "ConsoleLogin"
            | project {Keys}, _time, country = geo_info_from_ip_address(requestParameters.ipAddress).country, userAgent
            """,
        ["where_on_a_member"] = $"""
            where eventName == "ConsoleLogin" and geo_info_from_ip_address(sourceIPAddress).country != "Testland"
            | where geo_info_from_ip_address(sourceIPAddress).latitude > 10.5 or isempty(geo_info_from_ip_address(sourceIPAddress).city)
            | project _time, {Keys}
            """,
        ["after_summarize"] = $"""
            where eventName == "ConsoleLogin"
            | summarize firstTime = min(_time), lastTime = max(_time) by {Keys}
            | extend justSeenCountry = geo_info_from_ip_address(src_ip).country
            | where isnotempty(justSeenCountry)
            """,
    };
}
