using System.Globalization;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// "Now" for <c>rulec run</c> (<c>--now</c>): the wall clock by default, a given ISO 8601 datetime, or <c>latest</c>,
/// the newest event time in the input, so rules with time windows (<c>ago(14d)</c>) can replay old logs. The newest
/// event time is the largest <c>_time</c> that any rule's data source reads from any event (its <c>time_field</c> in its
/// <c>time_format</c>); finding it takes a first pass over the event files. Also tracks the newest time during the real
/// pass to hint when time-window rules stayed silent because the logs are older than the clock.
/// </summary>
internal sealed partial class ReplayClock
{
    private readonly TimeSpec[] _times;
    private DateTime? _newest;

    private ReplayClock(DateTime now, bool wallClock, TimeSpec[] times)
    {
        Now = now;
        WallClock = wallClock;
        _times = times;
    }

    public DateTime Now { get; }

    /// <summary>True when no <c>--now</c> was given: windows are relative to the current time.</summary>
    public bool WallClock { get; }

    /// <summary>Resolves <c>--now</c>; null with a message when the value is neither a datetime nor <c>latest</c>.</summary>
    public static ReplayClock? Resolve(string? option, CSharpRuleBuild build, IEnumerable<string> eventFiles, out string? error)
    {
        error = null;
        var times = build.Pairs
            .Select(p => (p.Source.DataSource.TimeField, Format: (TimeFormat)(int)p.Source.DataSource.TimeFormat))
            .Distinct()
            .Select(t => new TimeSpec(FieldPath.Dotted(t.TimeField), t.Format))
            .ToArray();
        if (option is null)
        {
            return new ReplayClock(DateTime.UtcNow, wallClock: true, times);
        }

        if (option == "latest")
        {
            var scan = new ReplayClock(DateTime.UtcNow, wallClock: false, times);
            foreach (var file in eventFiles)
            {
                // Bad records are reported by the real pass; here they only have no time.
                foreach (var record in EventReader.ReadFile(file, _ => { }))
                {
                    scan.Observe(Row.FromEvent(record.Event));
                }
            }

            if (scan._newest is not { } newest)
            {
                error = "--now latest: no event has a time the rules' data sources can read";
                return null;
            }

            return new ReplayClock(newest, wallClock: false, times);
        }

        if (Conversions.TryParseDateTime(option, out var given))
        {
            return new ReplayClock(given, wallClock: false, times);
        }

        error = $"--now takes an ISO 8601 datetime (2024-05-25T21:14:00Z) or 'latest', not '{option}'";
        return null;
    }

    /// <summary>Notes an event's time (the largest any data source reads from it).</summary>
    public void Observe(Row row) => Observe(TimeOf(row));

    /// <summary>Notes a time seen in the events (nothing when null).</summary>
    public void Observe(DateTime? time)
    {
        if (time is { } seen && (_newest is null || seen > _newest))
        {
            _newest = seen;
        }
    }

    /// <summary>The largest time any data source reads from the event; reads nothing else, so any thread may call it.</summary>
    public DateTime? TimeOf(Row row)
    {
        DateTime? newest = null;
        foreach (var spec in _times)
        {
            if (row.Time(spec) is { Kind: ValueKind.DateTime } time && (newest is null || time.AsDateTime > newest))
            {
                newest = time.AsDateTime;
            }
        }

        return newest;
    }

    /// <summary>
    /// A hint when rules with now()/ago() gave no alert on the wall clock and the newest event is more than a day old:
    /// their windows most likely excluded every event. Null when there is nothing to say.
    /// </summary>
    public string? SilentWindowHint(IEnumerable<(string RuleName, string Search, long Alerts)> rules)
    {
        if (!WallClock || _newest is not { } newest || Now - newest < TimeSpan.FromDays(1))
        {
            return null;
        }

        var silent = rules.Where(r => r.Alerts == 0 && ClockCall().IsMatch(r.Search)).Select(r => r.RuleName).Order(StringComparer.Ordinal).ToList();
        if (silent.Count == 0)
        {
            return null;
        }

        var stamp = newest.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"rulec run: note: {silent.Count} rule(s) with a time window relative to now() gave no alert "
            + $"({string.Join(", ", silent.Take(3))}{(silent.Count > 3 ? ", ..." : "")}); the newest event is from {stamp}. "
            + "To replay old logs, run with --now latest (now = the newest event time) or --now <datetime>.";
    }

    [GeneratedRegex(@"\b(?:ago|now)\s*\(")]
    private static partial Regex ClockCall();
}
