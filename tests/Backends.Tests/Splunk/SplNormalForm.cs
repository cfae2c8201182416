using System.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// What an SPL detection search means, as lines that can be compared between the ESCU seeds and the compiled SPL:
/// the source macro; the filter terms (search terms, later <c>search</c> commands, list tests) lower-cased,
/// without grouping parentheses or <c>CASE()</c>; the array expansion commands; each output column with the field
/// it comes from (through renames, before or after stats, wildcard renames included; <c>eval</c> for computed
/// ones; the aggregate for stats results); the ctime and filter macros. fillnull, fields and table are left out:
/// they decide which rows survive with missing values and which columns are shown, not what is matched or computed.
/// </summary>
internal static partial class SplNormalForm
{
    public static List<string> Of(string spl, ISet<string> listNames, ISet<string>? knownFields = null)
    {
        var lines = new List<string>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var wildcards = new List<(string FromPrefix, string ToPrefix)>();
        var lookups = new Dictionary<string, string>(StringComparer.Ordinal);
        string Source(string field) => Origin(field, origins, wildcards, knownFields);
        List<string>? output = null;
        var commands = Commands(spl);
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var words = Words(command);
            var name = words.Count == 0 ? "" : words[0].ToLowerInvariant();
            if (i == 0)
            {
                lines.Add("source " + words[0]);
                lines.AddRange(Filters(words.Skip(1), listNames));
                continue;
            }

            switch (name)
            {
                case "search":
                    lines.AddRange(Filters(words.Skip(1), listNames));
                    break;
                case "lookup":
                    lookups[words[^1]] = words[1];
                    break;
                case "where" when WhereList().Match(command) is { Success: true } m && lookups.TryGetValue(m.Groups[2].Value, out var list):
                    lines.Add("filter " + (m.Groups[1].Value == "isnull" ? "not list:" : "list:") + list);
                    break;
                case "spath" or "mvexpand":
                    lines.Add("expand " + string.Join(" ", words));
                    break;
                case "rename":
                    var args = words.Skip(1).Where(w => w != ",").Select(w => w.TrimEnd(',')).ToList();
                    for (var k = 0; k + 2 < args.Count && args[k + 1].Equals("as", StringComparison.OrdinalIgnoreCase); k += 3)
                    {
                        var (from, to) = (args[k], args[k + 2]);
                        if (from.EndsWith('*') && to.EndsWith('*'))
                        {
                            wildcards.Add((from[..^1], to[..^1]));
                        }
                        else
                        {
                            origins[to] = Source(from);
                            origins.Remove(from);
                            if (output is not null)
                            {
                                output = [.. output.Select(o => o == from ? to : o)];
                            }
                        }
                    }

                    break;
                case "eval":
                    foreach (var assignment in Assignments(command[4..]))
                    {
                        origins[assignment] = "eval";
                    }

                    break;
                case "stats":
                    output = Stats(words.Skip(1).ToList(), origins, Source);
                    wildcards.Clear();
                    break;
                case "where":
                    lines.Add("where " + command[5..].Trim());
                    break;
                default:
                    if (MacroCall().Match(command) is { Success: true } macro)
                    {
                        lines.Add(macro.Groups[1].Value.StartsWith("security_content_ctime(", StringComparison.Ordinal) ? "ctime " + macro.Groups[1].Value[23..^1] : "macro " + macro.Groups[1].Value);
                    }

                    break;
            }
        }

        foreach (var column in output ?? [])
        {
            lines.Add($"column {column} <- {Source(column)}");
        }

        return lines;
    }

    private static List<string> Stats(List<string> words, Dictionary<string, string> origins, Func<string, string> source)
    {
        var by = words.FindIndex(w => w.Equals("by", StringComparison.OrdinalIgnoreCase));
        var items = by < 0 ? words : words[..by];
        var keys = by < 0 ? [] : words[(by + 1)..].Select(w => w.TrimEnd(',')).Where(w => w.Length > 0).ToList();
        var newOrigins = keys.ToDictionary(k => k, source, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var name = item;
            if (i + 2 < items.Count && items[i + 1].Equals("as", StringComparison.OrdinalIgnoreCase))
            {
                name = items[i + 2];
                i += 2;
            }

            var call = Regex.Match(item, @"^(\w+)\((.*)\)$");
            newOrigins[name] = call.Success ? $"{call.Groups[1].Value}({source(call.Groups[2].Value)})" : item;
        }

        origins.Clear();
        foreach (var (k, v) in newOrigins)
        {
            origins[k] = v;
        }

        return [.. newOrigins.Keys];
    }

    private static string Origin(string field, Dictionary<string, string> origins, List<(string FromPrefix, string ToPrefix)> wildcards, ISet<string>? knownFields)
    {
        if (origins.TryGetValue(field, out var origin))
        {
            return origin;
        }

        foreach (var (from, to) in wildcards)
        {
            if (field.StartsWith(to, StringComparison.Ordinal) && (knownFields is null || knownFields.Contains(from + field[to.Length..])))
            {
                return from + field[to.Length..];
            }
        }

        return field;
    }

    private static IEnumerable<string> Filters(IEnumerable<string> words, ISet<string> listNames)
    {
        var negated = false;
        foreach (var word in words)
        {
            var term = CaseDirective().Replace(word, "$1").Trim('(', ')');
            if (term.Length == 0 || term.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (term.Equals("not", StringComparison.OrdinalIgnoreCase))
            {
                negated = true;
                continue;
            }

            var not = negated ? "not " : "";
            negated = false;
            yield return term.StartsWith('`') && listNames.Contains(term.Trim('`'))
                ? "filter " + not + "list:" + term.Trim('`')
                : "filter " + not + term.ToLowerInvariant();
        }
    }

    /// <summary>The names an eval assigns (split at top-level commas, outside quotes and parentheses).</summary>
    private static IEnumerable<string> Assignments(string text)
    {
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    var part = text[start..Math.Min(i, text.Length)];
                    var eq = part.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0)
                    {
                        yield return part[..eq].Trim().Trim('\'');
                    }

                    start = i + 1;
                    break;
            }
        }
    }

    /// <summary>The commands of a search: split at pipes outside quotes and brackets, whitespace collapsed.</summary>
    public static List<string> Commands(string spl)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var depth = 0;
        for (var i = 0; i < spl.Length; i++)
        {
            var c = spl[i];
            if (quoted && c == '\\' && i + 1 < spl.Length)
            {
                current.Append(c).Append(spl[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '[')
            {
                depth++;
            }
            else if (!quoted && c == ']')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == '|')
            {
                commands.Add(Collapse(current.ToString()));
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        commands.Add(Collapse(current.ToString()));
        return [.. commands.Where(c => c.Length > 0)];
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Words separated by spaces outside quotes; a comma ends a word and is dropped.</summary>
    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in command)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && (c == ' ' || c == ','))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"CASE\(([^()]*)\)")]
    private static partial Regex CaseDirective();

    [GeneratedRegex(@"^where (isnull|isnotnull)\((\w+)\)$")]
    private static partial Regex WhereList();

    [GeneratedRegex(@"^`([^`]+)`$")]
    private static partial Regex MacroCall();
}
