using System.Collections.Immutable;
using System.Text;

namespace RuleCompiler.Backends.Splunk.Spl;

/// <summary>
/// The project's own SPL tokenizer: pipes, commands, search terms (<c>field=value</c> is Word, Operator, Word or
/// QuotedString), double-quoted strings with <c>\"</c> and <c>\\</c> escapes, backtick macros, subsearch brackets,
/// and, in the arguments of <c>eval</c>, <c>where</c> and <c>fieldformat</c>, expression tokens (operators,
/// single-quoted field names). It never throws: what it cannot read becomes an <see cref="SplProblem"/>. Used to
/// prove the escaping of <see cref="SplLiteral"/> and to read ESCU searches.
/// </summary>
public static class SplTokenizer
{
    private static readonly HashSet<string> ExpressionCommands = new(StringComparer.OrdinalIgnoreCase) { "eval", "where", "fieldformat" };

    public static SplTokens Tokenize(string text) => new Reader(text).Run();

    private sealed class Reader(string text)
    {
        private readonly ImmutableArray<SplToken>.Builder tokens = ImmutableArray.CreateBuilder<SplToken>();
        private readonly ImmutableArray<SplProblem>.Builder problems = ImmutableArray.CreateBuilder<SplProblem>();

        // One entry per open subsearch: whether the enclosing command reads expressions.
        private readonly Stack<bool> outerExpressionMode = new();
        private int position;
        private int line = 1;
        private int lineStart;
        private bool expressionMode;
        private bool commandExpected = true;

        public SplTokens Run()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (char.IsWhiteSpace(c))
                {
                    Advance(1);
                    continue;
                }

                var start = position;
                var startLine = line;
                var startColumn = position - lineStart + 1;
                switch (c)
                {
                    case '|':
                        Advance(1);
                        Add(SplTokenKind.Pipe, start, startLine, startColumn, "|");
                        expressionMode = false;
                        commandExpected = true;
                        continue;
                    case '[':
                        Advance(1);
                        Add(SplTokenKind.OpenBracket, start, startLine, startColumn, "[");
                        outerExpressionMode.Push(expressionMode);
                        expressionMode = false;
                        commandExpected = true;
                        continue;
                    case ']':
                        Advance(1);
                        Add(SplTokenKind.CloseBracket, start, startLine, startColumn, "]");
                        if (outerExpressionMode.Count == 0)
                        {
                            Problem(SplunkDiagnostics.UnbalancedBracket, "']' without a matching '['", start, startLine, startColumn);
                        }
                        else
                        {
                            expressionMode = outerExpressionMode.Pop();
                        }

                        commandExpected = false;
                        continue;
                    case '(':
                        Single(SplTokenKind.OpenParen, start, startLine, startColumn);
                        continue;
                    case ')':
                        Single(SplTokenKind.CloseParen, start, startLine, startColumn);
                        continue;
                    case ',':
                        Single(SplTokenKind.Comma, start, startLine, startColumn);
                        continue;
                    case '"':
                        ReadQuoted('"', SplTokenKind.QuotedString, start, startLine, startColumn);
                        continue;
                    case '\'' when expressionMode:
                        ReadQuoted('\'', SplTokenKind.QuotedField, start, startLine, startColumn);
                        continue;
                    case '`':
                        ReadMacro(start, startLine, startColumn);
                        continue;
                }

                if (OperatorLength() is > 0 and var length)
                {
                    Advance(length);
                    Add(SplTokenKind.Operator, start, startLine, startColumn, text[start..position]);
                    commandExpected = false;
                    continue;
                }

                ReadWord(start, startLine, startColumn);
            }

            if (outerExpressionMode.Count > 0)
            {
                Problem(SplunkDiagnostics.UnbalancedBracket, "'[' never closed", position, line, position - lineStart + 1);
            }

            return new SplTokens(tokens.ToImmutable(), problems.ToImmutable());
        }

        private int OperatorLength()
        {
            var c = text[position];
            var next = position + 1 < text.Length ? text[position + 1] : '\0';
            return c switch
            {
                '=' or '!' or '<' or '>' when next == '=' => 2,
                '=' or '<' or '>' => 1,
                '+' or '-' or '*' or '/' or '%' or '.' when expressionMode => 1,
                _ => 0,
            };
        }

        private void ReadWord(int start, int startLine, int startColumn)
        {
            while (position < text.Length && IsWordChar(text[position], start))
            {
                Advance(1);
            }

            if (position == start)
            {
                // A lone character no rule reads (such as '!' not followed by '='): a word of its own.
                Advance(1);
            }

            var word = text[start..position];
            var isCommand = commandExpected && ((tokens.Count > 0 && tokens[^1].Kind is SplTokenKind.Pipe)
                || word.Equals("search", StringComparison.OrdinalIgnoreCase));
            Add(isCommand ? SplTokenKind.Command : SplTokenKind.Word, start, startLine, startColumn, word);
            if (isCommand)
            {
                expressionMode = ExpressionCommands.Contains(word);
            }

            commandExpected = false;
        }

        private bool IsWordChar(char c, int start)
        {
            if (char.IsWhiteSpace(c) || c is '|' or '[' or ']' or '(' or ')' or ',' or '"' or '`' or '=' or '<' or '>')
            {
                return false;
            }

            if (c == '!' && position + 1 < text.Length && text[position + 1] == '=')
            {
                return false;
            }

            if (!expressionMode)
            {
                return true;
            }

            // In expressions a number keeps its decimal point; everywhere else operators end the word.
            if (c == '.' && char.IsAsciiDigit(text[start]) && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))
            {
                return true;
            }

            return c is not ('+' or '-' or '*' or '/' or '%' or '.' or '\'' or '!');
        }

        private void ReadQuoted(char quote, SplTokenKind kind, int start, int startLine, int startColumn)
        {
            Advance(1);
            var value = new StringBuilder();
            while (position < text.Length && text[position] != quote)
            {
                var c = text[position];
                if (c == '\\' && position + 1 < text.Length && (text[position + 1] == quote || text[position + 1] == '\\'))
                {
                    value.Append(text[position + 1]);
                    Advance(2);
                    continue;
                }

                if (c == '`')
                {
                    Problem(SplunkDiagnostics.BacktickInString, "a backtick inside a quoted string, which Splunk may expand as a macro", position, line, position - lineStart + 1);
                }

                value.Append(c);
                Advance(1);
            }

            if (position >= text.Length)
            {
                Problem(SplunkDiagnostics.UnterminatedSpl, $"{quote} opened here is never closed", start, startLine, startColumn);
            }
            else
            {
                Advance(1);
            }

            tokens.Add(new SplToken(kind, text[start..position], value.ToString(), start, startLine, startColumn));
            commandExpected = false;
        }

        private void ReadMacro(int start, int startLine, int startColumn)
        {
            var close = text.IndexOf('`', position + 1);
            if (close < 0)
            {
                Problem(SplunkDiagnostics.UnterminatedSpl, "a macro call whose closing backtick is missing", start, startLine, startColumn);
                Advance(text.Length - position);
                tokens.Add(new SplToken(SplTokenKind.Macro, text[start..], text[(start + 1)..], start, startLine, startColumn));
                return;
            }

            Advance(close + 1 - position);
            tokens.Add(new SplToken(SplTokenKind.Macro, text[start..position], text[(start + 1)..close], start, startLine, startColumn));
            commandExpected = false;
        }

        private void Single(SplTokenKind kind, int start, int startLine, int startColumn)
        {
            Advance(1);
            Add(kind, start, startLine, startColumn, text[start..position]);
            commandExpected = false;
        }

        private void Add(SplTokenKind kind, int start, int startLine, int startColumn, string value) =>
            tokens.Add(new SplToken(kind, text[start..position], value, start, startLine, startColumn));

        private void Problem(string code, string message, int offset, int problemLine, int column) =>
            problems.Add(new SplProblem(code, message, offset, problemLine, column));

        private void Advance(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (text[position] == '\n')
                {
                    line++;
                    lineStart = position + 1;
                }

                position++;
            }
        }
    }
}
