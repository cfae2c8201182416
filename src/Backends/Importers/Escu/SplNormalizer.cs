using System.Text.RegularExpressions;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Backends.Importers.Escu;

/// <summary>
/// SPL in a form two searches that mean the same compare equal in: one line per command, whitespace and quotes
/// normalised, the terms of consecutive filters (search terms and where) as one sorted set (their order commutes),
/// and the conventions either side adds left out: security_content_ctime and *_filter macros, fillnull (the
/// Splunk backend fills group-by fields itself), evals that only copy a field (the backend's derivations of
/// add-on fields), and the add-on's errorCode=success, which the backend writes as an empty-errorCode test.
/// </summary>
public static partial class SplNormalizer
{
    public static IReadOnlyList<string> Normalize(string spl)
    {
        var lines = new List<string>();
        var filters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var command in SplCommandParser.Parse(spl).Commands)
        {
            switch (command.Name)
            {
                case SplCommandParser.MacroCommand:
                case "fillnull":
                    continue;
                case "search" or "where":
                    foreach (var term in Terms(command))
                    {
                        filters.Add(term);
                    }

                    continue;
            }

            if (command.Name == "eval" && Eval(command) is var assignments && assignments.Count == 0)
            {
                continue;
            }

            Flush(filters, lines);
            lines.Add(command.Name == "eval" ? "eval " + string.Join(", ", Eval(command)) : command.Name + " " + Text(command.Arguments));
        }

        Flush(filters, lines);
        return lines;
    }

    private static void Flush(SortedSet<string> filters, List<string> lines)
    {
        if (filters.Count > 0)
        {
            lines.Add("filter " + string.Join(" ; ", filters));
            filters.Clear();
        }
    }

    // Atoms of a search or where: field op value with the quotes and case of values dropped; boolean words kept as
    // their own atoms so AND/OR/NOT structure still counts, the data-source macro kept as written.
    private static IEnumerable<string> Terms(SplCommand command)
    {
        var text = Text(command.Arguments);
        text = ErrorCodeSuccess().Replace(text, "errorCode=success");
        foreach (var atom in AtomSplit().Split(text).Where(a => a.Length > 0))
        {
            var cleaned = atom.Trim('(', ')').Replace("==", "=", StringComparison.Ordinal);
            if (cleaned.Length == 0 || cleaned is "AND" or "and")
            {
                continue;
            }

            yield return cleaned.ToLowerInvariant();
        }
    }

    private static List<string> Eval(SplCommand command)
    {
        var assignments = new List<string>();
        var parts = SplitTopLevel(command.Arguments);
        foreach (var part in parts)
        {
            if (part.Count >= 3 && part[1] is { Kind: SplTokenKind.Operator, Value: "=" })
            {
                // A copy of one field (name=field or 'a.b'='a.b') is a derivation the backend spells out.
                if (part.Count == 3 && part[2].Kind is SplTokenKind.Word or SplTokenKind.QuotedField)
                {
                    continue;
                }

                var value = Text(part.Skip(2));
                value = Coalesced().Replace(value, "$1");
                assignments.Add($"{part[0].Value}={Unwrap(value)}");
            }
            else
            {
                assignments.Add(Text(part));
            }
        }

        return assignments;
    }

    private static string Unwrap(string text) => text.StartsWith('(') && text.EndsWith(')') && text.Count(c => c == '(') == 1 ? text[1..^1] : text;

    private static List<List<SplToken>> SplitTopLevel(IEnumerable<SplToken> tokens)
    {
        var parts = new List<List<SplToken>> { new() };
        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token.Kind switch { SplTokenKind.OpenParen => 1, SplTokenKind.CloseParen => -1, _ => 0 };
            if (token.Kind == SplTokenKind.Comma && depth == 0)
            {
                parts.Add([]);
                continue;
            }

            parts[^1].Add(token);
        }

        return [.. parts.Where(p => p.Count > 0)];
    }

    // Tokens joined so spacing and quoting do not matter: quotes dropped, no space around = and commas, as/by lower-cased.
    private static string Text(IEnumerable<SplToken> tokens)
    {
        var words = new List<string>();
        foreach (var token in tokens)
        {
            var text = token.Kind switch
            {
                SplTokenKind.QuotedString when token.Value.Length == 0 => "\"\"",
                SplTokenKind.QuotedString or SplTokenKind.QuotedField => token.Value,
                SplTokenKind.Comma => "",
                SplTokenKind.Word when token.Value is "AS" or "As" or "BY" or "By" => token.Value.ToLowerInvariant(),
                _ => token.Text,
            };
            if (text.Length > 0)
            {
                words.Add(text);
            }
        }

        var joined = Spacing().Replace(string.Join(" ", words), "$1");
        return joined.Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\(?isnull\(errorCode\) OR errorCode==?""""\)?", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodeSuccess();

    [GeneratedRegex(@"\s+(?=(?:[^()]*\([^()]*\))*[^()]*$)", RegexOptions.CultureInvariant)]
    private static partial Regex AtomSplit();

    [GeneratedRegex(@"coalesce\(([^(),]+) """"\)", RegexOptions.CultureInvariant)]
    private static partial Regex Coalesced();

    [GeneratedRegex(@"\s*(=|!=|==|<=|>=|<|>)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Spacing();
}
