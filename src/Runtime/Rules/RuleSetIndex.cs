using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Rules;

/// <summary>
/// Which rules an event can concern, from the constants of their leading filters. Each rule with filter keys is
/// filed under one of them: the one on the field whose constants tell rules apart best (most distinct values over
/// all rules, so <c>eventName</c> wins over <c>eventSource</c>). Per event each indexed field is read once and
/// looked up; the result is those rules plus the rules without keys, in rule order. The index only prunes: every
/// candidate still runs its own filter, and a rule is left out only when its key proves the filter false. Besides,
/// an event whose shape is one data source format (<see cref="EventShape"/>) goes only to the rules of that format:
/// a GuardDuty rule never sees a CloudTrail record, whatever its filter. A rule over a Splunk data model sees only the
/// rows of its dataset (<see cref="EventShape.Accepts"/>).
/// </summary>
public sealed class RuleSetIndex
{
    private readonly IndexedField[] _fields;
    private readonly int[] _always;

    // Each rule's event format: an event of a known format goes only to that format's rules (and those without one).
    private readonly string?[] _formats;
    private readonly bool _routesByFormat;

    // Whether a rule reads a Splunk data model: an event of no known format goes to it only when it is a row of its dataset.
    private readonly bool _hasDataModelRules;

    public RuleSetIndex(IReadOnlyList<IndexedRule> rules)
    {
        var scores = rules.SelectMany(r => r.Keys)
            .GroupBy(k => k.FieldName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(k => k.Values).Distinct(StringComparer.OrdinalIgnoreCase).Count(), StringComparer.Ordinal);
        var filed = new SortedDictionary<string, (FieldPath Path, List<(int Rule, IReadOnlyList<string> Values)> Rules)>(StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            var best = rules[i].Keys
                .OrderByDescending(k => scores[k.FieldName])
                .ThenBy(k => k.Values.Count)
                .ThenBy(k => k.FieldName, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best is null)
            {
                always.Add(i);
                continue;
            }

            if (!filed.TryGetValue(best.FieldName, out var field))
            {
                field = (best.Path, []);
                filed.Add(best.FieldName, field);
            }

            field.Rules.Add((i, best.Values));
        }

        _always = [.. always];
        // With one indexed field (the usual case) every lookup result already includes the rules without keys,
        // so an event costs one field read and one dictionary lookup.
        var mergeAlways = filed.Count == 1 ? _always : [];
        _fields = [.. filed.Values.Select(f => new IndexedField(f.Path, f.Rules, mergeAlways))];
        if (_fields.Length == 1)
        {
            _always = [];
        }

        _formats = [.. rules.Select(r => r.Rule.Info.EventFormat)];
        _routesByFormat = _formats.Any(f => f is not null);
        _hasDataModelRules = _formats.Any(EventShape.IsDataModel);
        RuleCount = rules.Count;
        IndexedFields = [.. filed.Keys];
        UnindexedRules = always.Count;
    }

    public int RuleCount { get; }

    /// <summary>The fields rules are filed under (for reports and tests).</summary>
    public IReadOnlyList<string> IndexedFields { get; }

    /// <summary>How many rules every event is offered to.</summary>
    public int UnindexedRules { get; }

    /// <summary>The indexes of the rules whose leading filters <paramref name="evt"/> may pass, ascending.</summary>
    public ReadOnlySpan<int> Candidates(JsonElement evt, List<int> scratch) => Candidates(Row.FromEvent(evt), scratch);

    /// <summary>
    /// As <see cref="Candidates(JsonElement, List{int})"/> for an event's row, whose cache of fields read then serves
    /// the candidates' filters too.
    /// </summary>
    public ReadOnlySpan<int> Candidates(Row evt, List<int> scratch)
    {
        var candidates = IndexedCandidates(evt, scratch);
        if (!_routesByFormat || candidates.IsEmpty)
        {
            return candidates;
        }

        var format = EventShape.Of(evt);
        if (format is null && !_hasDataModelRules)
        {
            return candidates;
        }

        // Keep the candidates of the event's format (and those without one). The list may already hold the
        // candidates: compacting it in place only ever writes behind what it reads.
        var holdsThem = candidates.Overlaps(CollectionsMarshal.AsSpan(scratch));
        if (!holdsThem)
        {
            scratch.Clear();
        }

        var kept = 0;
        foreach (var rule in candidates)
        {
            if (_formats[rule] is null || _formats[rule] == format || (format is null && EventShape.Accepts(_formats[rule]!, evt)))
            {
                if (holdsThem)
                {
                    scratch[kept] = rule;
                }
                else
                {
                    scratch.Add(rule);
                }

                kept++;
            }
        }

        if (holdsThem)
        {
            scratch.RemoveRange(kept, scratch.Count - kept);
        }

        return CollectionsMarshal.AsSpan(scratch);
    }

    private ReadOnlySpan<int> IndexedCandidates(Row evt, List<int> scratch)
    {
        if (_fields.Length == 1)
        {
            return _fields[0].Candidates(evt);
        }

        scratch.Clear();
        foreach (var field in _fields)
        {
            foreach (var rule in field.Candidates(evt))
            {
                scratch.Add(rule);
            }
        }

        if (scratch.Count == 0)
        {
            return _always;
        }

        scratch.AddRange(_always);
        var span = CollectionsMarshal.AsSpan(scratch);
        span.Sort();
        return span;
    }

    /// <summary>One field and the rules filed under it, by value (ignoring case) and all of them.</summary>
    private sealed class IndexedField
    {
        private const int StackLimit = 256;
        private readonly FieldPath _path;
        private readonly Dictionary<string, int[]> _byValue;
        private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly int[] _all;
        private readonly int[] _none;

        public IndexedField(FieldPath path, List<(int Rule, IReadOnlyList<string> Values)> rules, int[] always)
        {
            _path = path;
            var byValue = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (rule, values) in rules)
            {
                foreach (var value in values)
                {
                    if (!byValue.TryGetValue(value, out var list))
                    {
                        byValue.Add(value, list = []);
                    }

                    if (list.Count == 0 || list[^1] != rule)
                    {
                        list.Add(rule);
                    }
                }
            }

            _byValue = byValue.ToDictionary(e => e.Key, e => Merge(e.Value, always), StringComparer.OrdinalIgnoreCase);
            _lookup = _byValue.GetAlternateLookup<ReadOnlySpan<char>>();
            _all = Merge(rules.Select(r => r.Rule), always);
            _none = always;
        }

        private static int[] Merge(IEnumerable<int> rules, int[] always) => [.. rules.Concat(always).Distinct().Order()];

        public int[] Candidates(Row evt)
        {
            if (!evt.HasEvent)
            {
                // Not an object (the reader yields none): the rules' filters decide, as without the index.
                return _all;
            }

            JsonElement element;
            try
            {
                if (!TryRead(evt, out element))
                {
                    // A top-level key named like the dotted path: the rule may read either, so offer all.
                    return _all;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // A key System.Text.Json cannot read (a lone surrogate escape): the rules' own filters then fail
                // on this event one by one, and are reported for it, exactly as without the index.
                return _all;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Undefined or JsonValueKind.Null:
                    // Null equals only "", which no key holds.
                    return _none;
                case JsonValueKind.String:
                    return Lookup(element);
                default:
                    // Arrays (any element may match), numbers and bools (compared as text or converted): every rule.
                    return _all;
            }
        }

        private int[] Lookup(JsonElement element)
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            var text = raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
            if (text.Length <= StackLimit && text.IndexOf((byte)'\\') < 0)
            {
                // No escapes: decode the bytes in place (invalid UTF-8 becomes U+FFFD, as EventStrings reads it).
                Span<char> chars = stackalloc char[StackLimit];
                var length = Encoding.UTF8.GetChars(text, chars);
                return _lookup.TryGetValue(chars[..length], out var found) ? found : _none;
            }

            return _byValue.TryGetValue(EventStrings.Read(element), out var rules) ? rules : _none;
        }

        /// <summary>
        /// The element the path names (Undefined when missing, as <see cref="Row.TryGetEventJson"/> reads it); false
        /// when the event also has a top-level key spelled like a dotted path, which <see cref="Row.Get"/> reads first.
        /// </summary>
        private bool TryRead(Row evt, out JsonElement element)
        {
            element = default;
            if (_path.HeadPath.Length > 1 && evt.TryGetEventTopJson(_path.Head, out _))
            {
                return false;
            }

            evt.TryGetEventJson(_path, out element);
            return true;
        }
    }
}
