using System.Text.Json;
using CsCheck;
using RuleCompiler.Runtime.Geo;
using Xunit;

namespace RuleCompiler.Backends.Tests.Geo;

/// <summary>
/// Properties of the geo-IP database: any text in a row's place fields comes back exactly as written (or the row is
/// refused, never a crash or a changed object: no CSV or JSON injection), and the flattened ranges answer as a
/// linear longest-prefix scan does.
/// </summary>
public class GeoIpPropertyTests
{
    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char["\",\\'|`$*=[](){}<>!.%#{}: \n\r\t\0"]),
            (3, Gen.Char['a', 'z']),
            (1, Gen.Char["\u2028\u00e9\u4e2d\u202E\uFEFF\u007F"]),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char))
        .Array[0, 12].Select(chars => new string(chars));

    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public void PlaceTextComesBackExactlyOrTheRowIsRefused()
    {
        Gen.Select(Adversarial, Adversarial, Adversarial).Sample((country, state, city) =>
        {
            var text = GeoIpDatabase.Header + "\n192.0.2.0/24," + Quoted(country) + "," + Quoted(state) + "," + Quoted(city) + ",1.5,-2.5\n";
            var load = GeoIpFixture.Read(text);
            if (load.Database is null)
            {
                // Only what a line cannot hold (a line break) or what is not text (a lone surrogate) is refused.
                return load.Problems.Count > 0 && (country + state + city).Any(c => c == '\n' || char.IsSurrogate(c));
            }

            var found = load.Database.Lookup("192.0.2.7");
            using var json = JsonDocument.Parse(found.ToText());
            var members = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            return members.SequenceEqual(["country", "state", "city", "latitude", "longitude"])
                && found.Member("country").AsString == country
                && found.Member("state").AsString == state
                && found.Member("city").AsString == city;
        }, iter: 2000);
    }

    [Fact]
    public void TheBinarySearchAnswersAsALinearLongestPrefixScan()
    {
        var network = Gen.Select(Gen.UInt, Gen.Int[0, 32]).Select((address, length) =>
            (Address: length == 0 ? 0u : address & (uint.MaxValue << (32 - length)), Length: length));
        Gen.Select(network.Array[1, 30], Gen.UInt.Array[1, 30]).Sample((networks, probes) =>
        {
            var distinct = networks.Distinct().ToArray();
            var rows = distinct.Select((n, i) => $"{Dotted(n.Address)}/{n.Length},c{i},,,,");
            var load = GeoIpFixture.Read(GeoIpDatabase.Header + "\n" + string.Join("\n", rows) + "\n");
            Assert.Empty(load.Problems);
            foreach (var probe in probes.Concat(distinct.Select(n => n.Address)).Concat(distinct.Select(n => n.Address | (n.Length == 32 ? 0 : uint.MaxValue >> n.Length))))
            {
                var expected = distinct.Select((n, i) => (n, i))
                    .Where(x => x.n.Length == 0 || (probe >> (32 - x.n.Length)) == (x.n.Address >> (32 - x.n.Length)))
                    .OrderByDescending(x => x.n.Length).Select(x => "c" + x.i).FirstOrDefault();
                var address = Dotted(probe);
                var actual = IpAddressText.TryParse(address, out var parsed) && IpAddressText.IsPrivate(parsed) ? expected : load.Database!.Find(address)?.Country;
                if (actual != expected)
                {
                    return false;
                }
            }

            return true;
        }, iter: 500);
    }

    private static string Dotted(uint address) => $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";
}
