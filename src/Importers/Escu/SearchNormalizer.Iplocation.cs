using System.Text.RegularExpressions;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The Splunk backend's geo_info_from_ip_address, read back: <c>iplocation prefix=rc_geo_N_ F</c> (after
/// <c>eval rc_ip_M=e</c> for an address that is no field) is the importer's <c>extend rc_geo_N_City = ..., ...</c>,
/// the stage's eval reads <c>rc_geo_N_Country</c>, and <c>fields - rc_geo_N_...</c> drops them. Each helper read is
/// written back as the member it holds (<c>geo_info_from_ip_address(F).country</c>), and the helper stages are left out.
/// </summary>
public static partial class SearchNormalizer
{
    private static readonly Dictionary<string, string> LocatedMembers = new(StringComparer.Ordinal)
    {
        ["City"] = "city",
        ["Country"] = "country",
        ["Region"] = "state",
        ["lat"] = "latitude",
        ["lon"] = "longitude",
    };

    private static string WithLocatedMembers(string search)
    {
        if (!search.Contains("rc_geo_", StringComparison.Ordinal))
        {
            return search;
        }

        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var computed = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var stage in search.Split("\n| "))
        {
            if (ComputedAddress().Match(stage) is { Success: true } temporary)
            {
                computed[temporary.Groups[1].Value] = temporary.Groups[2].Value;
                continue;
            }

            if (LocatedHelpers().Match(stage) is { Success: true } helpers)
            {
                var address = helpers.Groups[2].Value;
                addresses[helpers.Groups[1].Value] = computed.GetValueOrDefault(address, address);
                continue;
            }

            var read = stage;
            if (read.StartsWith("project-away ", StringComparison.Ordinal))
            {
                var names = read["project-away ".Length..].Split(", ").Where(n => !HelperName().IsMatch(n.Trim())).ToList();
                if (names.Count == 0)
                {
                    continue;
                }

                read = "project-away " + string.Join(", ", names);
            }

            kept.Add(HelperRead().Replace(read, m => addresses.TryGetValue(m.Groups[1].Value, out var address)
                ? $"geo_info_from_ip_address({address}).{LocatedMembers[m.Groups[2].Value]}"
                : m.Value));
        }

        return string.Join("\n| ", kept);
    }

    [GeneratedRegex(@"^extend (rc_ip_\d+) = (.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ComputedAddress();

    [GeneratedRegex(@"^extend rc_geo_(\d+)_City = geo_info_from_ip_address\((.+?)\)\.city,\s+rc_geo_\1_Country = ", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LocatedHelpers();

    [GeneratedRegex(@"\brc_geo_(\d+)_(City|Country|Region|lat|lon)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HelperRead();

    [GeneratedRegex(@"^(rc_geo_\d+_(City|Country|Region|lat|lon)|rc_ip_\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HelperName();
}
