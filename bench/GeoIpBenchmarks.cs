using System.Text;
using BenchmarkDotNet.Attributes;
using RuleCompiler.Runtime.Geo;

namespace RuleCompiler.Benchmarks;

/// <summary>
/// The geo-IP database of the C# run: loading a synthetic database (nested /16 and /24 networks with invented places,
/// as a city-level export is shaped) and looking up addresses, one binary search each.
/// </summary>
[MemoryDiagnoser]
public class GeoIpBenchmarks
{
    private string _text = "";
    private GeoIpDatabase _database = null!;
    private string[] _addresses = [];

    [Params(10_000, 200_000)]
    public int Networks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder(GeoIpDatabase.Header).Append('\n');
        for (var i = 0; i < Networks; i++)
        {
            // Every 64th network a /16 holding the /24s after it; first octets from 11, past the private 10/8.
            var a = 11 + (i >> 16);
            var b = (i >> 8) & 255;
            var c = i & 255;
            text.Append(c == 0 ? $"{a}.{b}.0.0/16,Land{b},State{c % 50},City{i % 997},1.5,2.5\n" : $"{a}.{b}.{c}.0/24,Land{b},State{c % 50},City{i % 997},1.5,2.5\n");
        }

        _text = text.ToString();
        _database = Load();
        var random = new Random(7);
        _addresses = [.. Enumerable.Range(0, 1024).Select(_ => $"{11 + random.Next(Math.Max(1, Networks >> 16))}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}")];
    }

    [Benchmark]
    public GeoIpDatabase Load() =>
        GeoIpDatabase.Read([("synthetic.csv", new StringReader(_text))]).Database ?? throw new InvalidOperationException("the synthetic database does not load");

    /// <summary>1,024 lookups of random addresses in the covered space.</summary>
    [Benchmark(OperationsPerInvoke = 1024)]
    public int Lookup()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            if (_database.Find(address) is not null)
            {
                found++;
            }
        }

        return found;
    }
}
