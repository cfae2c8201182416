using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// Reads Splunk .conf text as Splunk does (Admin Manual, "Configuration file structure"): <c>[stanza]</c> headers,
/// <c>key = value</c> settings split at the first <c>=</c> with surrounding whitespace dropped, <c>#</c> comments
/// that start a line, blank lines, and a backslash at the end of a line continuing the value on the next line (the
/// line break stays in the value). Never throws; problems are data, at their line and column.
/// </summary>
public static class ConfReader
{
    public static ConfFile Read(string path, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var stanzas = ImmutableArray.CreateBuilder<ConfStanza>();
        var seenStanzas = new HashSet<string>(StringComparer.Ordinal);
        var name = ConfStanza.ImplicitDefault;
        var stanzaLine = 0;
        var entries = ImmutableArray.CreateBuilder<ConfEntry>();

        void Close()
        {
            if (stanzaLine > 0 || entries.Count > 0)
            {
                stanzas.Add(new ConfStanza(name, stanzaLine, entries.ToImmutable()));
            }

            entries.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            if (trimmed[0] == '[')
            {
                var close = trimmed.LastIndexOf(']');
                if (close < 0 || close != trimmed.Length - 1)
                {
                    problems.Add(Diagnostic.Error(SplunkDiagnostics.ConfSyntax, "a stanza header must end with ']'", At(path, lineNumber, line.IndexOf('[') + 1)));
                    continue;
                }

                Close();
                name = trimmed[1..close];
                stanzaLine = lineNumber;
                if (!seenStanzas.Add(name))
                {
                    problems.Add(Diagnostic.Warning(SplunkDiagnostics.ConfDuplicateStanza, $"stanza [{name}] appears more than once", At(path, lineNumber, line.IndexOf('[') + 1)));
                }

                continue;
            }

            var equals = line.IndexOf('=');
            if (equals < 0 || line[..equals].Trim().Length == 0)
            {
                problems.Add(Diagnostic.Error(SplunkDiagnostics.ConfSyntax, "expected '[stanza]', 'key = value' or a '#' comment", At(path, lineNumber, line.Length - line.TrimStart().Length + 1)));
                continue;
            }

            var key = line[..equals].Trim();
            var keyColumn = line.Length - line.TrimStart().Length + 1;
            var afterEquals = line[(equals + 1)..];
            var valueColumn = equals + 2 + (afterEquals.Length - afterEquals.TrimStart().Length);
            var value = new StringBuilder(afterEquals.TrimStart());
            while (EndsWithContinuation(value) && i + 1 < lines.Length)
            {
                value.Length--;
                value.Append('\n').Append(lines[++i]);
            }

            if (entries.Any(e => e.Key == key))
            {
                problems.Add(Diagnostic.Warning(SplunkDiagnostics.ConfDuplicateKey, $"'{key}' is set more than once in [{name}]; Splunk keeps the last", At(path, lineNumber, keyColumn)));
            }

            entries.Add(new ConfEntry(key, value.ToString().TrimEnd(), lineNumber, keyColumn, valueColumn));
        }

        Close();
        return new ConfFile(path, stanzas.ToImmutable(), problems.ToImmutable());
    }

    private static bool EndsWithContinuation(StringBuilder value) => value.Length > 0 && value[^1] == '\\';

    private static SourceSpan At(string path, int line, int column) => SourceSpan.At(path, line, Math.Max(column, 1));
}
