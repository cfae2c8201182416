namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The columns of one pipeline whose values SPL and the canonical form order and format alike: counts (a stats
/// count, dc or sum, always a number) and event times (a stats min, max, earliest or latest of _time, epoch seconds
/// in SPL and a datetime in the canonical form, or an eval of one moved by seconds). A column set again by eval to
/// anything else, or removed, is forgotten.
/// </summary>
internal sealed class SplColumnKinds
{
    private readonly HashSet<string> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _times = new(StringComparer.Ordinal);

    /// <summary>Whether the column always holds a number (so SPL's sort orders it numerically, as the canonical sort does).</summary>
    public bool IsCount(string column) => _counts.Contains(column);

    /// <summary>Whether the column holds the event time of some event (never null, a datetime in the canonical form).</summary>
    public bool IsTime(string column) => column == "_time" || _times.Contains(column);

    /// <summary>Records the aggregates a stats made (its columns replace all earlier ones).</summary>
    public void AfterStats(IEnumerable<(string Name, string Expression)> aggregates)
    {
        _counts.Clear();
        _times.Clear();
        foreach (var (name, expression) in aggregates)
        {
            if (expression is "count()" || expression.StartsWith("countif(", StringComparison.Ordinal)
                || expression.StartsWith("dcount(", StringComparison.Ordinal) || expression.StartsWith("sum(", StringComparison.Ordinal))
            {
                _counts.Add(name);
            }
            else if (expression is "min(_time)" or "max(_time)")
            {
                _times.Add(name);
            }
        }
    }

    /// <summary>
    /// After one command: the kinds of the columns it kept. A command that may set a column in its own way (rex, spath,
    /// mvexpand, bin, eventstats, append, lookup) forgets them all; eval and rename say what they set.
    /// </summary>
    public void AfterCommand(string command, IReadOnlyList<string> columns)
    {
        if (!KeepingCommands.Contains(command))
        {
            _counts.Clear();
            _times.Clear();
            return;
        }

        _counts.IntersectWith(columns);
        _times.IntersectWith(columns);
    }

    private static readonly HashSet<string> KeepingCommands = new(StringComparer.Ordinal)
    {
        "stats", "eval", "rename", "where", "search", "table", "fields", "sort", "head", "convert", "fillnull", "dedup", SplCommandParser.MacroCommand,
    };

    /// <summary>An eval set the column: an event time when its value is a datetime, else nothing known.</summary>
    public void Assigned(string column, bool isDateTime)
    {
        Forget(column);
        if (isDateTime) _times.Add(column);
    }

    public void Forget(string column)
    {
        _counts.Remove(column);
        _times.Remove(column);
    }

    public void Renamed(string from, string to)
    {
        var count = _counts.Remove(from);
        var time = _times.Remove(from);
        Forget(to);
        if (count) _counts.Add(to);
        if (time) _times.Add(to);
    }
}
