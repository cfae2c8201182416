using System.Text;
using CsCheck;
using RuleCompiler.Backends.Splunk.Spl;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Every value and field name reaches SPL through <see cref="SplLiteral"/>. On adversarial strings (quotes,
/// backslashes, pipes, backticks, $, *, =, brackets, line breaks, unicode, lone surrogates, empty), each spelled
/// value must read back with <see cref="SplTokenizer"/> as exactly one term holding exactly the input, inside a real
/// command, with the rest of the pipeline still intact after it (nothing injected).
/// </summary>
public class SplLiteralPropertyTests
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char["\"\\'|`$*=[](){}<>!.,% \n\r\t\0"]),
            (3, Gen.Char['a', 'z']),
            (2, Gen.Char[' ', '~']),
            (1, Gen.Char["\u2028\u00e9\u4e2d\u202E\uFEFF\u007F"]),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char))
        .Array[0, 30]
        .Select(chars => new string(chars));

    [Fact]
    public void SearchTermsAreOneTermWithExactlyTheValue()
    {
        var expressible = 0;
        Adversarial.Sample(
            value =>
            {
                var spelled = SplLiteral.SearchTermValue(value);
                if (!spelled.IsExpressible)
                {
                    Assert.True(value.Length == 0 || value.Any(c => c is '*' or '`' or '$' || c < ' ' || c == '\u007f'), value);
                    Assert.NotNull(spelled.Reason);
                    return;
                }

                Interlocked.Increment(ref expressible);
                var result = SplTokenizer.Tokenize($"search field={spelled.Text} | stats count");
                Assert.Empty(result.Problems);
                var tokens = result.Tokens;
                Assert.Equal(7, tokens.Length);
                Assert.Equal((SplTokenKind.Word, "field"), (tokens[1].Kind, tokens[1].Value));
                Assert.Equal((SplTokenKind.Operator, "="), (tokens[2].Kind, tokens[2].Value));
                Assert.Contains(tokens[3].Kind, new[] { SplTokenKind.Word, SplTokenKind.QuotedString });
                Assert.Equal(value, tokens[3].Value);
                Assert.Equal([SplTokenKind.Pipe, SplTokenKind.Command, SplTokenKind.Word], tokens.Skip(4).Select(t => t.Kind));
            },
            iter: Cases);
        Assert.True(expressible > Cases / 10, $"only {expressible} of {Cases} values were expressible as search terms");
    }

    [Fact]
    public void QuotedArgumentsAreOneStringWithExactlyTheValue()
    {
        var expressible = 0;
        Adversarial.Sample(
            value =>
            {
                var spelled = SplLiteral.QuotedArgument(value);
                if (!spelled.IsExpressible)
                {
                    Assert.Contains(value, c => c is '`' or '$' || c < ' ' || c == '\u007f');
                    Assert.NotNull(spelled.Reason);
                    return;
                }

                Interlocked.Increment(ref expressible);
                var result = SplTokenizer.Tokenize($"search x | rex field=f {spelled.Text} | stats count");
                Assert.Empty(result.Problems);
                var tokens = result.Tokens;
                Assert.Equal(11, tokens.Length);
                Assert.Equal((SplTokenKind.QuotedString, value), (tokens[7].Kind, tokens[7].Value));
                Assert.Equal([SplTokenKind.Pipe, SplTokenKind.Command, SplTokenKind.Word], tokens.Skip(8).Select(t => t.Kind));
            },
            iter: Cases);
        Assert.True(expressible > Cases / 10, $"only {expressible} of {Cases} values were expressible as quoted arguments");
    }

    [Fact]
    public void EvalStringsReadBackAsExactlyTheValue()
    {
        Adversarial.Sample(
            value =>
            {
                var spelled = SplLiteral.EvalString(value);
                var result = SplTokenizer.Tokenize($"| eval x={spelled} | where x=={spelled} | stats count");
                Assert.Empty(result.Problems);
                var tokens = result.Tokens;
                Assert.Equal([SplTokenKind.Pipe, SplTokenKind.Command, SplTokenKind.Word, SplTokenKind.Operator], tokens.Take(4).Select(t => t.Kind));
                var (evalValue, afterEval) = ReadEvalString(tokens, 4);
                Assert.Equal(value, evalValue);
                Assert.Equal(["|", "where", "x", "=="], tokens.Skip(afterEval).Take(4).Select(t => t.Value));
                var (whereValue, afterWhere) = ReadEvalString(tokens, afterEval + 4);
                Assert.Equal(value, whereValue);
                Assert.Equal(["|", "stats", "count"], tokens.Skip(afterWhere).Select(t => t.Value));
            },
            iter: Cases);
    }

    [Fact]
    public void FieldNamesRoundTripInEveryContext()
    {
        var quoted = 0;
        Adversarial.Sample(
            name =>
            {
                if (SplLiteral.EvalFieldName(name).Text is { } evalName)
                {
                    var tokens = SplTokenizer.Tokenize($"| eval {evalName}=1 | stats count").Tokens;
                    Assert.Equal(name, tokens[2].Value);
                    Assert.Contains(tokens[2].Kind, new[] { SplTokenKind.Word, SplTokenKind.QuotedField });
                    Assert.Equal(["=", "1", "|", "stats", "count"], tokens.Skip(3).Select(t => t.Value));
                    if (tokens[2].Kind == SplTokenKind.QuotedField)
                    {
                        Interlocked.Increment(ref quoted);
                    }
                }

                if (SplLiteral.CommandFieldName(name).Text is { } commandName)
                {
                    var tokens = SplTokenizer.Tokenize($"| stats count by {commandName} | table {commandName}").Tokens;
                    Assert.Equal(8, tokens.Length);
                    Assert.Equal(name, tokens[4].Value);
                    Assert.Equal(SplTokenKind.Command, tokens[6].Kind);
                    Assert.Equal(name, tokens[7].Value);
                }

                if (SplLiteral.SearchFieldName(name).Text is { } searchName)
                {
                    var tokens = SplTokenizer.Tokenize($"search {searchName}=x | head 1").Tokens;
                    Assert.Equal(name, tokens[1].Value);
                    Assert.Equal(["=", "x", "|", "head", "1"], tokens.Skip(2).Select(t => t.Value));
                }
            },
            iter: Cases);
        Assert.True(quoted > Cases / 10, $"only {quoted} field names needed and got single quotes");
    }

    /// <summary>
    /// Reads one eval string expression as <see cref="SplLiteral.EvalString"/> writes it, a quoted string or
    /// (s . urldecode("%XX") . ...), evaluating it; returns the value and the index after it.
    /// </summary>
    private static (string Value, int Next) ReadEvalString(IReadOnlyList<SplToken> tokens, int at)
    {
        if (tokens[at].Kind == SplTokenKind.QuotedString)
        {
            return (tokens[at].Value, at + 1);
        }

        Assert.Equal(SplTokenKind.OpenParen, tokens[at].Kind);
        var value = new StringBuilder();
        var i = at + 1;
        while (true)
        {
            if (tokens[i].Kind == SplTokenKind.QuotedString)
            {
                value.Append(tokens[i].Value);
                i++;
            }
            else
            {
                Assert.Equal(["urldecode", "("], tokens.Skip(i).Take(2).Select(t => t.Value));
                Assert.Equal(SplTokenKind.QuotedString, tokens[i + 2].Kind);
                Assert.Equal(SplTokenKind.CloseParen, tokens[i + 3].Kind);
                value.Append(PercentDecode(tokens[i + 2].Value));
                i += 4;
            }

            if (tokens[i].Kind == SplTokenKind.CloseParen)
            {
                return (value.ToString(), i + 1);
            }

            Assert.Equal((SplTokenKind.Operator, "."), (tokens[i].Kind, tokens[i].Value));
            i++;
        }
    }

    private static string PercentDecode(string encoded)
    {
        Assert.Matches("^(%[0-9A-F]{2})+$", encoded);
        var bytes = Enumerable.Range(0, encoded.Length / 3).Select(k => Convert.ToByte(encoded.Substring(k * 3 + 1, 2), 16)).ToArray();
        return Encoding.UTF8.GetString(bytes);
    }
}
