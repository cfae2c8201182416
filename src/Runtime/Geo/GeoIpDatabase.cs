using System.Globalization;
using System.Text.Json;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Runtime.Geo;

/// <summary>One place of the database, and its object as <c>geo_info_from_ip_address</c> returns it.</summary>
public sealed record GeoPlace(string Country, string State, string City, double? Latitude, double? Longitude)
{
    // Built on the first lookup that finds the place: a city-level database has some 100,000 places, most never read.
    // Two threads racing here build equal objects; the Lazy makes each build one.
    private Lazy<Value>? _object;

    internal Value Object => (_object ??= new Lazy<Value>(ObjectOf)).Value;

    private Value ObjectOf()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("country", Country);
            writer.WriteString("state", State);
            writer.WriteString("city", City);
            WriteNumber(writer, "latitude", Latitude);
            WriteNumber(writer, "longitude", Longitude);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return Value.FromJson(document.RootElement.Clone());
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? number)
    {
        if (number is { } n)
        {
            writer.WriteNumber(name, n);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

/// <summary>A problem with a geo-IP database file, at its line and column; <see cref="TooLarge"/> for a size limit.</summary>
public sealed record GeoIpProblem(string File, int Line, int Column, bool TooLarge, string Message);

/// <summary>The outcome of loading: the database, or null with the problems that stopped it.</summary>
public sealed record GeoIpLoad(GeoIpDatabase? Database, IReadOnlyList<GeoIpProblem> Problems);

/// <summary>
/// A geo-IP database: CIDR networks (IPv4 and IPv6) with their place, flattened at load into sorted, disjoint address
/// ranges that each carry the place of the longest prefix covering them, so a lookup is one binary search.
/// The file format (docs/rule-format.md): a CSV with the header <c>network,country,state,city,latitude,longitude</c>.
/// </summary>
public sealed class GeoIpDatabase
{
    public const string Header = "network,country,state,city,latitude,longitude";

    private const int MaxProblems = 100;

    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly GeoPlace[] _places;

    private GeoIpDatabase(UInt128[] starts, UInt128[] ends, GeoPlace[] places, int networks)
    {
        _starts = starts;
        _ends = ends;
        _places = places;
        NetworkCount = networks;
    }

    public int NetworkCount { get; }

    /// <summary>Loads the files (in the order given, as one database); any problem leaves no database.</summary>
    public static GeoIpLoad Load(IEnumerable<string> files)
    {
        var builder = new Builder();
        foreach (var file in files)
        {
            var size = new FileInfo(file).Length;
            if (size > Limits.MaxGeoIpFileBytes)
            {
                builder.Problem(file, 1, 1, true, $"the geo-IP database file is {size:N0} bytes, more than the limit of {Limits.MaxGeoIpFileBytes:N0}");
                continue;
            }

            using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
            builder.Read(file, reader);
        }

        return builder.Build();
    }

    /// <summary>Reads databases from text (tests, tools): each source a file name for messages and its reader.</summary>
    public static GeoIpLoad Read(IEnumerable<(string File, TextReader Reader)> sources)
    {
        var builder = new Builder();
        foreach (var (file, reader) in sources)
        {
            builder.Read(file, reader);
        }

        return builder.Build();
    }

    /// <summary>The place of the longest network holding the address, or null (not an address, private, or not found).</summary>
    public GeoPlace? Find(string text)
    {
        if (!IpAddressText.TryParse(text, out var address) || IpAddressText.IsPrivate(address))
        {
            return null;
        }

        int low = 0, high = _starts.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (_ends[middle] < address)
            {
                low = middle + 1;
            }
            else if (_starts[middle] > address)
            {
                high = middle - 1;
            }
            else
            {
                return _places[middle];
            }
        }

        return null;
    }

    /// <summary><c>geo_info_from_ip_address</c>: the place's object, or null.</summary>
    public Value Lookup(Value ip) => ip.AsString is { } text && Find(text) is { } place ? place.Object : Value.Null;

    private readonly record struct Network(UInt128 Start, UInt128 End, int Place, string File, int Line);

    private sealed class Builder
    {
        private readonly List<GeoIpProblem> _problems = [];
        private readonly List<Network> _networks = [];
        private readonly List<GeoPlace> _places = [];
        private readonly Dictionary<(string, string, string, double?, double?), int> _placeIndex = [];

        public void Problem(string file, int line, int column, bool tooLarge, string message)
        {
            if (_problems.Count < MaxProblems)
            {
                _problems.Add(new GeoIpProblem(file, line, column, tooLarge, message));
            }
        }

        public void Read(string file, TextReader reader)
        {
            var csv = new GeoIpCsv(reader);
            var headerSeen = false;
            while (csv.ReadLine(out var tooLong) is { } line)
            {
                if (tooLong is not null)
                {
                    Problem(file, csv.LineNumber, Limits.MaxGeoIpLineLength + 1, true, tooLong);
                    continue;
                }

                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (!headerSeen)
                {
                    headerSeen = true;
                    if (!string.Equals(line.Replace(" ", "", StringComparison.Ordinal).TrimStart('\uFEFF'), Header, StringComparison.Ordinal))
                    {
                        Problem(file, csv.LineNumber, 1, false, $"the first line must be the header '{Header}'");
                        return;
                    }

                    continue;
                }

                if (_networks.Count >= Limits.MaxGeoIpNetworks)
                {
                    Problem(file, csv.LineNumber, 1, true, $"the geo-IP database holds more than {Limits.MaxGeoIpNetworks:N0} networks");
                    return;
                }

                Row(file, csv.LineNumber, line);
            }

            if (!headerSeen)
            {
                Problem(file, 1, 1, false, $"the file is empty: a geo-IP database starts with the header '{Header}'");
            }
        }

        private void Row(string file, int lineNumber, string line)
        {
            var (fields, column, quoting) = GeoIpCsv.Split(line);
            if (fields is null)
            {
                Problem(file, lineNumber, column, false, quoting!);
                return;
            }

            if (fields.Count != 6)
            {
                Problem(file, lineNumber, fields.Count > 6 ? fields[6].Column : line.Length + 1, false,
                    $"a row has 6 fields ({Header}), not {fields.Count}");
                return;
            }

            if (ParseNetwork(fields[0].Text) is not { } network)
            {
                Problem(file, lineNumber, fields[0].Column, false,
                    $"'{Shown(fields[0].Text)}' is not a network: write an IPv4 or IPv6 address with its prefix length and no host bits set (192.0.2.0/24, 2001:db8::/32)");
                return;
            }

            if (!Coordinate(fields[4], 90, out var latitude) || !Coordinate(fields[5], 180, out var longitude))
            {
                var bad = Coordinate(fields[4], 90, out _) ? fields[5] : fields[4];
                Problem(file, lineNumber, bad.Column, false, $"'{Shown(bad.Text)}' is not a {(bad == fields[4] ? "latitude (-90..90)" : "longitude (-180..180)")} in decimal degrees, nor empty");
                return;
            }

            for (var i = 1; i <= 3; i++)
            {
                if (!IsValidUnicode(fields[i].Text))
                {
                    Problem(file, lineNumber, fields[i].Column, false, "the field is not valid Unicode text (a lone surrogate)");
                    return;
                }
            }

            var key = (fields[1].Text, fields[2].Text, fields[3].Text, latitude, longitude);
            if (!_placeIndex.TryGetValue(key, out var place))
            {
                place = _places.Count;
                _placeIndex[key] = place;
                _places.Add(new GeoPlace(key.Item1, key.Item2, key.Item3, latitude, longitude));
            }

            _networks.Add(new Network(network.Start, network.End, place, file, lineNumber));
        }

        public GeoIpLoad Build()
        {
            if (_problems.Count > 0)
            {
                return new GeoIpLoad(null, _problems);
            }

            // Networks are nested or disjoint; sorted by start and then widest first, a stack of the open networks
            // gives each stretch of addresses the innermost (longest-prefix) network that covers it.
            _networks.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            var starts = new List<UInt128>();
            var ends = new List<UInt128>();
            var places = new List<int>();
            void Emit(UInt128 from, UInt128 to, int place)
            {
                if (from <= to)
                {
                    starts.Add(from);
                    ends.Add(to);
                    places.Add(place);
                }
            }

            var open = new Stack<Network>();
            UInt128 cursor = 0;
            var finished = false;
            void Close()
            {
                var top = open.Pop();
                if (!finished)
                {
                    Emit(cursor, top.End, top.Place);
                }

                if (top.End == UInt128.MaxValue)
                {
                    finished = true;
                }
                else
                {
                    cursor = UInt128.Max(cursor, top.End + 1);
                }
            }

            foreach (var network in _networks)
            {
                while (open.Count > 0 && open.Peek().End < network.Start)
                {
                    Close();
                }

                if (open.Count > 0 && open.Peek().Start == network.Start && open.Peek().End == network.End)
                {
                    var first = open.Peek();
                    Problem(network.File, network.Line, 1, false, $"the network is listed twice (also {Path.GetFileName(first.File)} line {first.Line})");
                    continue;
                }

                if (open.Count > 0 && network.Start > cursor)
                {
                    Emit(cursor, network.Start - 1, open.Peek().Place);
                }

                cursor = network.Start;
                open.Push(network);
            }

            while (open.Count > 0)
            {
                Close();
            }

            if (_problems.Count > 0)
            {
                return new GeoIpLoad(null, _problems);
            }

            return new GeoIpLoad(new GeoIpDatabase([.. starts], [.. ends], [.. places.Select(i => _places[i])], _networks.Count), []);
        }

        private static (UInt128 Start, UInt128 End)? ParseNetwork(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !IpAddressText.TryParse(text.AsSpan(0, slash), out var address)
                || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return null;
            }

            var v4 = IpAddressText.IsIpv4(address) && text.IndexOf(':', StringComparison.Ordinal) < 0;
            var bits = v4 ? length + IpAddressText.MappedIpv4PrefixBits : length;
            if (length < 0 || (v4 && length > 32) || bits > 128)
            {
                return null;
            }

            var host = bits == 0 ? UInt128.MaxValue : bits == 128 ? UInt128.Zero : (UInt128.One << (128 - bits)) - 1;
            return (address & host) != 0 ? null : (address, address | host);
        }

        private static bool Coordinate(CsvField field, double bound, out double? value)
        {
            value = null;
            if (field.Text.Length == 0)
            {
                return true;
            }

            if (!double.TryParse(field.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || !double.IsFinite(number) || Math.Abs(number) > bound)
            {
                return false;
            }

            value = number;
            return true;
        }

        private static bool IsValidUnicode(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A field as a message quotes it: control characters escaped, long text cut.</summary>
        private static string Shown(string text)
        {
            var cut = text.Length > 60 ? text[..60] + "..." : text;
            return string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        }
    }
}
