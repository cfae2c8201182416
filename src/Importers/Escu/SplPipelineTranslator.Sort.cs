using System.Globalization;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>sort</c> and <c>head</c>: a canonical <c>sort by</c> and <c>take</c>. SPL's sort keeps 10,000 rows unless given a
/// count (0: all), sorts ascending unless a key has '-' (or the command ends in <c>desc</c>), and orders each value by
/// what it looks like (numbers numerically, text lexically); the canonical sort orders by type. A count, a distinct
/// count, a sum and an event time order alike on both; another key is written with a note, and refused where a limit
/// would keep other rows. <c>head</c> after a sort is its take; over raw events it keeps the newest events (Splunk
/// returns them newest first).
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private const long SplSortDefaultLimit = 10000;

    // A sort's limit when the next command is a head, which writes the one take of both.
    private long? _sortLimitForHead;

    private void Sort(SplCommand command)
    {
        var cursor = Cursor(command);
        long? limit = SplSortDefaultLimit;
        if (cursor.Peek() is { Kind: SplTokenKind.Word } first && Count(first) is { } count)
        {
            cursor.Next();
            limit = count == 0 ? null : count;
        }
        else if (cursor.IsWord("limit") && cursor.IsOperator("=", 1))
        {
            cursor.Next();
            cursor.Next();
            var value = cursor.Next();
            var n = Count(value) ?? throw new SplTranslationException(value, EscuDiagnosticCodes.UnsupportedArgument, $"sort limit='{value.Value}' is not a whole number");
            limit = n == 0 ? null : n;
        }

        var keys = new List<(SplToken At, string Name, bool Descending)>();
        var reversed = false;
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (cursor.AtEnd && keys.Count > 0 && token.Kind == SplTokenKind.Word && token.Value is "d" or "desc")
            {
                reversed = true; // a trailing desc reverses every key
                break;
            }

            var descending = false;
            var at = token;
            var name = token.Value;
            if (token.Kind == SplTokenKind.Word && name is "-" or "+")
            {
                descending = name == "-";
                at = cursor.Next();
                name = at.Value;
            }
            else if (token.Kind == SplTokenKind.Word && name.Length > 1 && name[0] is '-' or '+')
            {
                descending = name[0] == '-';
                name = name[1..];
            }

            if (cursor.Is(SplTokenKind.OpenParen))
            {
                name = OrderingFunction(at, name, cursor);
            }

            if (at.Kind is not (SplTokenKind.Word or SplTokenKind.QuotedString) || name.Length == 0)
            {
                throw new SplTranslationException(at, EscuDiagnosticCodes.SplSyntax, $"unexpected '{at.Text}' in sort: expected a field, with '-' or '+' before it");
            }

            keys.Add((at, name, descending));
        }

        if (keys.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.SplSyntax, "sort without a field");
        }

        var headFollows = _index + 1 < _commands.Length && _commands[_index + 1].Name == "head";
        // The rows kept: a limit below SPL's default keeps rows that SPL's order and the canonical one may choose apart.
        var kept = Math.Min(limit ?? long.MaxValue, headFollows ? FollowingHeadRows() : long.MaxValue);
        var canonical = new List<string>();
        foreach (var (at, name, descending) in keys)
        {
            if (_memberListColumns.Contains(name) || (!scope.IsColumn(name) && SplMemberPaths.IsMemberPath(name)))
            {
                throw new SplTranslationException(at, EscuDiagnosticCodes.UnfaithfulOrder, $"sort by the multivalue field '{name}': SPL orders a row by its first value, which the canonical sort cannot read");
            }

            if (!_kinds.IsCount(name) && !_kinds.IsTime(name))
            {
                if (kept < SplSortDefaultLimit)
                {
                    throw new SplTranslationException(at, EscuDiagnosticCodes.UnfaithfulOrder,
                        $"a limit after sort by '{name}': SPL orders its values by what each looks like (numbers numerically, addresses as addresses, other text lexically), the canonical sort by type, so other rows could be kept; sort by a count or a time, or keep all rows (sort 0)");
                }

                Note(at, EscuDiagnosticCodes.FidelityNote, $"sort by '{name}': SPL orders its values by what each looks like (numbers numerically, other text lexically) and places rows without it elsewhere; the canonical sort orders by type, with rows without it first ascending and last descending{(kept == long.MaxValue ? "" : $", so beyond {kept.ToString(CultureInfo.InvariantCulture)} rows others could be kept")}");
            }

            var read = scope.IsColumn(name) || name == "_time" ? SplFieldScope.Path(name) : Read(at, name);
            canonical.Add($"{read} {(descending != reversed ? "desc" : "asc")}");
        }

        _stages.Add("sort by " + string.Join(", ", canonical));
        if (headFollows)
        {
            _sortLimitForHead = limit;
        }
        else if (limit is { } rows)
        {
            _stages.Add("take " + rows.ToString(CultureInfo.InvariantCulture));
        }
    }

    // auto(x) is the default ordering; num(x), str(x) and ip(x) order by a reading of the value the canonical sort has not.
    private static string OrderingFunction(SplToken at, string function, SplTokenCursor cursor)
    {
        cursor.Next();
        var field = cursor.Next();
        cursor.Expect(SplTokenKind.CloseParen, "')'");
        return function.ToLowerInvariant() switch
        {
            "auto" => field.Value,
            "num" or "str" or "ip" => throw new SplTranslationException(at, EscuDiagnosticCodes.UnfaithfulOrder,
                $"sort by {function}({field.Value}): SPL orders every value as a {function switch { "num" => "number", "str" => "text", _ => "network address" }}, an ordering the canonical sort has no form for"),
            _ => throw new SplTranslationException(at, EscuDiagnosticCodes.SplSyntax, $"'{function}(' in sort: expected auto(), num(), str() or ip()"),
        };
    }

    private void Head(SplCommand command)
    {
        var rows = HeadRows(command);
        if (_index > 0 && _commands[_index - 1].Name == "sort")
        {
            var sortLimit = _sortLimitForHead;
            _sortLimitForHead = null;
            _stages.Add("take " + Math.Min(rows, sortLimit ?? long.MaxValue).ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (!scope.RawEvents)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnfaithfulOrder,
                "head without a sort before it keeps the first rows in the order the command before left them, which the canonical form leaves unspecified: sort first");
        }

        Note(command.Head, EscuDiagnosticCodes.FidelityNote, "head over events keeps the newest: Splunk returns events newest first, so it is written as sort by _time desc, then take");
        _stages.Add("sort by _time desc");
        _stages.Add("take " + rows.ToString(CultureInfo.InvariantCulture));
    }

    // The next command's head count; a head that does not translate is reported at its own place.
    private long FollowingHeadRows()
    {
        try
        {
            return HeadRows(_commands[_index + 1]);
        }
        catch (SplTranslationException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>The rows a head keeps: its count (10 by default), given alone or as limit=.</summary>
    private long HeadRows(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        if (options.Keys.FirstOrDefault(k => !k.Equals("limit", StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            throw new SplTranslationException(options[other], EscuDiagnosticCodes.UnsupportedArgument, $"head {other}= is not translated (only a count, or limit=)");
        }

        SplToken? countToken = options.GetValueOrDefault("limit") ?? positional.FirstOrDefault();
        if (positional.Count > (options.ContainsKey("limit") ? 0 : 1) || countToken is not null && Count(countToken) is null)
        {
            var at = countToken is not null && Count(countToken) is null ? countToken : positional[^1];
            throw new SplTranslationException(at, EscuDiagnosticCodes.UnsupportedArgument, "head is translated with a count only (not an eval expression)");
        }

        return countToken is null ? 10 : Count(countToken)!.Value;
    }

    private static long? Count(SplToken token) =>
        token.Kind == SplTokenKind.Word && long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
