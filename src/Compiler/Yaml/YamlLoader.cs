using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>
/// Reads one YAML file into an immutable <see cref="YamlNode"/> tree that keeps the line and column of every node.
/// Never throws: unreadable files, bad encodings, syntax errors, duplicate keys, aliases and extra documents become
/// diagnostics. Built on YamlDotNet's event parser because its representation model drops duplicate keys silently.
/// </summary>
public static class YamlLoader
{
    /// <summary>Nesting deeper than this is refused, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    public static YamlFile LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            // Checked before reading: a huge file from a pull request must not be loaded and parsed at all.
            var size = new FileInfo(path).Length;
            if (size > Limits.MaxRuleFileBytes)
            {
                return new YamlFile(path, "", null,
                    [Diagnostic.Error(YamlDiagnosticCodes.FileTooLarge, $"the file is {size:N0} bytes, more than the limit of {Limits.MaxRuleFileBytes:N0}", SourceSpan.File(path))]);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new YamlFile(path, "", null,
                [Diagnostic.Error(YamlDiagnosticCodes.UnreadableFile, $"cannot read the file: {e.Message}", SourceSpan.File(path))]);
        }

        return Load(path, bytes);
    }

    public static YamlFile Load(string path, ReadOnlySpan<byte> bytes)
    {
        var (text, problem) = SourceTextDecoder.Decode(path, bytes);
        return text is null ? new YamlFile(path, "", null, [problem!]) : LoadText(path, text);
    }

    /// <summary>Parses already decoded text (tests and the CLI's in-memory callers use it).</summary>
    public static YamlFile LoadText(string path, string text) => new TreeBuilder(path, text).Build();

    private sealed class TreeBuilder(string path, string text)
    {
        private readonly Parser parser = new(new StringReader(text));
        private readonly ImmutableArray<Diagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        private readonly Stack<ParsingEvent> openCollections = new();
        private Mark lastMark = Mark.Empty;

        public YamlFile Build()
        {
            YamlNode? root = null;
            try
            {
                root = ReadStream();
            }
            catch (YamlException e)
            {
                diagnostics.Add(SyntaxDiagnostic(e.Message, (int)e.Start.Line, (int)e.Start.Column));
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet throws this without a position for some unterminated flow collections; the innermost
                // open '[' or '{' is what the user has to close, else the last event read is the closest place.
                var open = openCollections.FirstOrDefault(IsFlow);
                diagnostics.Add(open is null
                    ? SyntaxDiagnostic(e.Message, (int)lastMark.Line, (int)lastMark.Column)
                    : Diagnostic.Error(YamlDiagnosticCodes.SyntaxError,
                        $"YAML syntax error: this {(open is SequenceStart ? "'['" : "'{'")} is never closed", SpanOf(open)));
            }
            catch (TooDeepException e)
            {
                diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.TooDeep,
                    $"nesting deeper than {MaxDepth} levels is not supported", e.Span));
            }

            return new YamlFile(path, text, diagnostics.Any(d => d.Code == YamlDiagnosticCodes.SyntaxError) ? null : root,
                diagnostics.ToImmutable());
        }

        private YamlNode? ReadStream()
        {
            Expect<StreamStart>(Next());
            var first = Next();
            if (first is StreamEnd)
            {
                diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.EmptyFile, "the file is empty (no YAML document)", SourceSpan.File(path)));
                return null;
            }

            Expect<DocumentStart>(first);
            var root = ReadNode(Next(), 0);
            Expect<DocumentEnd>(Next());
            if (Next() is DocumentStart second)
            {
                diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.MultipleDocuments,
                    "a rule file holds exactly one YAML document; remove this second document", SpanOf(second)));
                return root;
            }

            if (root is YamlScalar { Value: "", Style: YamlScalarStyle.Plain })
            {
                diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.EmptyFile, "the file is empty (its document has no content)", SourceSpan.File(path)));
                return null;
            }

            return root;
        }

        private YamlNode ReadNode(ParsingEvent current, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new TooDeepException(SpanOf(current));
            }

            switch (current)
            {
                case Scalar scalar:
                    return new YamlScalar(scalar.Value, StyleOf(scalar.Style), SpanOf(scalar));
                case AnchorAlias alias:
                    diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.AliasNotSupported,
                        $"aliases (*{alias.Value}) are not supported in rule files; write the value out", SpanOf(alias)));
                    return new YamlScalar("", YamlScalarStyle.Plain, SpanOf(alias));
                case SequenceStart start:
                    return ReadSequence(start, depth);
                case MappingStart start:
                    return ReadMapping(start, depth);
                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private YamlSequence ReadSequence(SequenceStart start, int depth)
        {
            var items = ImmutableArray.CreateBuilder<YamlNode>();
            openCollections.Push(start);
            ParsingEvent current;
            while ((current = Next()) is not SequenceEnd)
            {
                items.Add(ReadNode(current, depth + 1));
            }

            openCollections.Pop();
            return new YamlSequence(items.ToImmutable(), Between(start, current));
        }

        private YamlMapping ReadMapping(MappingStart start, int depth)
        {
            var entries = ImmutableArray.CreateBuilder<YamlEntry>();
            var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
            openCollections.Push(start);
            ParsingEvent current;
            while ((current = Next()) is not MappingEnd)
            {
                var keyNode = ReadNode(current, depth + 1);
                var value = ReadNode(Next(), depth + 1);
                if (keyNode is not YamlScalar key || current is AnchorAlias)
                {
                    if (current is not AnchorAlias)
                    {
                        diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.ComplexKey, "mapping keys must be plain strings", keyNode.Span));
                    }

                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    diagnostics.Add(Diagnostic.Error(YamlDiagnosticCodes.DuplicateKey,
                        $"duplicate key '{key.Value}' (first defined at line {first.Span.Line}); YAML keeps only one of them", key.Span));
                    continue;
                }

                seen.Add(key.Value, key);
                entries.Add(new YamlEntry(key, value));
            }

            openCollections.Pop();
            return new YamlMapping(entries.ToImmutable(), Between(start, current));
        }

        private ParsingEvent Next()
        {
            if (!parser.MoveNext() || parser.Current is null)
            {
                throw new YamlException(lastMark, lastMark, "unexpected end of the file");
            }

            lastMark = parser.Current.End;
            return parser.Current;
        }

        private static void Expect<T>(ParsingEvent current)
            where T : ParsingEvent
        {
            if (current is not T)
            {
                throw new YamlException(current.Start, current.End, $"expected {typeof(T).Name}, found {current.GetType().Name}");
            }
        }

        private Diagnostic SyntaxDiagnostic(string message, int line, int column)
        {
            line = Math.Max(1, line);
            column = Math.Max(1, column);
            var tab = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? FindIndentationTab(1, int.MaxValue) : FindIndentationTab(line - 1, line + 1);
            if (tab is { } at)
            {
                return Diagnostic.Error(YamlDiagnosticCodes.TabIndentation,
                    "tab character in indentation; YAML indents with spaces only", SourceSpan.At(path, at.Line, at.Column));
            }

            return Diagnostic.Error(YamlDiagnosticCodes.SyntaxError, $"YAML syntax error: {Clean(message)}", SourceSpan.At(path, line, column));
        }

        // YamlDotNet's tab errors often point at the enclosing mapping, and other errors near an indenting tab are
        // caused by it; the first line in range whose leading whitespace holds a tab is the place to fix.
        private (int Line, int Column)? FindIndentationTab(int fromLine, int toLine)
        {
            var lines = text.Split('\n');
            for (var line = Math.Max(1, fromLine); line <= Math.Min(toLine, lines.Length); line++)
            {
                var content = lines[line - 1];
                for (var i = 0; i < content.Length && char.IsWhiteSpace(content[i]); i++)
                {
                    if (content[i] == '\t')
                    {
                        return (line, i + 1);
                    }
                }
            }

            return null;
        }

        // YamlDotNet prefixes messages with its own "(Line: .., Col: ..)" positions; ours are in the diagnostic already.
        private static string Clean(string message)
        {
            var text = message.Trim();
            if (text.StartsWith("(Line:", StringComparison.Ordinal))
            {
                var close = text.IndexOf("): ", StringComparison.Ordinal);
                if (close > 0)
                {
                    text = text[(close + 3)..];
                }
            }

            return text.TrimEnd('.');
        }

        private static bool IsFlow(ParsingEvent e) =>
            e is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };

        private SourceSpan SpanOf(ParsingEvent e) =>
            new(path, (int)e.Start.Line, (int)e.Start.Column, (int)e.End.Line, (int)e.End.Column);

        private SourceSpan Between(ParsingEvent start, ParsingEvent end) =>
            new(path, (int)start.Start.Line, (int)start.Start.Column, (int)end.End.Line, (int)end.End.Column);

        private static YamlScalarStyle StyleOf(ScalarStyle style) => style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };
    }

    private sealed class TooDeepException(SourceSpan span) : Exception("nesting too deep")
    {
        public SourceSpan Span { get; } = span;
    }
}
