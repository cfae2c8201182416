using System.Globalization;
using System.Text;
using CsCheck;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Rule string literals with adversarial text reach SPL only through <see cref="SplLiteral"/>: whatever the
/// emitter chooses (search term, match regex, eval string), the SPL tokenizes without problems, has exactly one
/// pipe per command (nothing injected), and a search term holds exactly the value.
/// </summary>
public class SplEmitterPropertyTests
{
    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char["\"\\'|`$*=[](){}<>!.,%#^? \n\r\t"]),
            (3, Gen.Char['a', 'z']),
            (2, Gen.Char[' ', '~']),
            (1, Gen.Char["\u2028\u00e9\u4e2d\u202E\uFEFF\u007F"]))
        .Array[1, 20]
        .Select(chars => new string(chars));

    [Fact]
    public void LiteralsCannotInjectSpl()
    {
        var template = CompiledRules.Named("aws_ecr_container_scanning_findings_medium");
        var context = BindingContext.For(template.DataSource);
        var terms = 0;
        Adversarial.Sample(
            value =>
            {
                var literal = RuleString(value);
                var query = $"where eventName =~ {literal} and userAgent contains {literal} | extend x = strcat(eventName, {literal}) | where awsRegion startswith {literal}";
                var parsed = QueryParser.Parse(query);
                Assert.True(parsed.Succeeded, query);
                var bound = QueryBinder.Bind(parsed.Query!, context);
                var spl = SplEmitter.Emit(new CompiledRule(template.Rule, template.DataSource, bound)).Spl;

                var tokens = SplTokenizer.Tokenize(spl);
                Assert.Empty(tokens.Problems);
                Assert.Equal(spl.Split('\n').Length - 1, tokens.Tokens.Count(t => t.Kind == SplTokenKind.Pipe));
                var first = tokens.Tokens.TakeWhile(t => t.Kind != SplTokenKind.Pipe).ToList();
                var field = first.FindIndex(t => t.Value == "eventName");
                if (field >= 0)
                {
                    Interlocked.Increment(ref terms);
                    Assert.Equal(value, first[field + 2].Value);
                }
            },
            iter: 2_000);
        Assert.True(terms > 100, $"only {terms} values became search terms");
    }

    /// <summary>The rule language's double-quoted form of <paramref name="value"/>.</summary>
    private static string RuleString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u007f' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
