using System.Collections.Concurrent;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Compile;
using RuleCompiler.Backends.CSharp.Emit;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;
using RuleCompiler.Compiler.Language.Syntax;
using static RuleCompiler.Backends.Tests.CSharp.Ast;

namespace RuleCompiler.Backends.Tests.CSharp;

/// <summary>
/// Every literal reaches C# through <see cref="CSharpLiteral.String"/>. Adversarial strings (quotes, backslashes,
/// line breaks of every kind, lone surrogates, NUL, braces, bidi controls) must each become exactly one literal
/// token holding exactly that string, and a compiled <c>field == literal</c> rule must match it and not a near miss.
/// </summary>
public class EscapingPropertyTests
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (4, (IGen<char>)Gen.Char["\"\\\n\r\t\0{}$@'/*#`"]),
            (2, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char["\u2028\u2029\u0085\u00A0\uFEFF\u200B\u202E\u007F"]),
            (4, Gen.Char[' ', '~']),
            (1, Gen.Char))
        .Array[0, 40]
        .Select(chars => new string(chars));

    [Fact]
    public void EachEscapedStringIsOneLiteralTokenWithExactlyItsValue()
    {
        Adversarial.Sample(
            value =>
            {
                var text = CSharpLiteral.String(value);
                var tokens = SyntaxFactory.ParseTokens(text).ToList();
                Assert.Equal(2, tokens.Count); // the literal and end-of-file
                var token = tokens[0];
                Assert.Equal(SyntaxKind.StringLiteralToken, token.Kind());
                Assert.False(token.ContainsDiagnostics, text);
                Assert.Equal(value, token.ValueText);
                Assert.Equal(value, (string?)token.Value);
                Assert.Equal(SyntaxKind.EndOfFileToken, tokens[1].Kind());
                Assert.True(tokens[1].LeadingTrivia.Count == 0, "nothing may follow the literal");
            },
            iter: Cases);
    }

    [Fact]
    public void EscapedLiteralsParseInsideACompilationUnit()
    {
        Adversarial.Sample(
            value =>
            {
                var tree = CSharpSyntaxTree.ParseText($"class C {{ string s = {CSharpLiteral.String(value)}; }}");
                Assert.Empty(tree.GetDiagnostics());
                var literal = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>().Single();
                Assert.Equal(value, literal.Token.ValueText);
            },
            iter: Cases);
    }

    [Fact]
    public void CompiledEqualityMatchesTheValueAndNotANearMiss()
    {
        var values = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        Adversarial.Where(v => v.Length > 0).Sample(v => { values.TryAdd(v, 0); }, iter: Cases);
        var ordered = values.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.True(ordered.Count > Cases * 9 / 10, $"only {ordered.Count} distinct values");

        // One class per literal makes Roslyn take minutes for 10,000; instead each rule holds a group of literals,
        // (field == literal_i and k == i) or ..., so every literal is still compiled and checked on its own.
        const int group = 100;
        var source = Fields(("field", Compiler.Model.FieldType.String), ("k", Compiler.Model.FieldType.Long));
        var rules = ordered.Chunk(group).Select((chunk, g) => RuleHarness.Source(
            "Literals " + g,
            Query(Where(chunk.Select((v, j) => (Expression)And(Eq(F("field"), Str(v)), Eq(F("k"), Long(g * group + j)))).Aggregate(Or))),
            dataSource: source)).ToList();
        var generated = CSharpGenerator.Generate(rules);
        var (set, errors) = RuleAssemblyCompiler.Compile(generated);
        Assert.Empty(errors);
        var jsonChecked = 0;
        using (set)
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                var value = ordered[i];
                var matches = (Func<Row, bool>)Delegate.CreateDelegate(
                    typeof(Func<Row, bool>),
                    set!.Rules[i / group].GetType().GetMethod("Matches")!);
                Assert.True(matches(Event(value, i)), $"case {i} does not match itself");
                var nearMiss = NearMiss(value, i);
                Assert.False(matches(Event(nearMiss, i)) && !string.Equals(nearMiss, value, StringComparison.Ordinal), $"case {i} matches a near miss");
                Assert.False(matches(Row.FromColumns([new("other", value), new("k", (long)i)])));

                // The same through a JSON event, where the comparison runs on the UTF-8 bytes. JSON cannot carry a
                // lone surrogate, so those values are checked as columns only (above).
                if (!HasLoneSurrogate(value))
                {
                    Assert.True(MatchesJson(matches, value, i), $"case {i} does not match itself in an event");
                    Assert.False(MatchesJson(matches, nearMiss, i) && !string.Equals(nearMiss, value, StringComparison.Ordinal), $"case {i} matches a near miss in an event");
                    jsonChecked++;
                }
            }
        }

        // Lone surrogates are frequent by design (a one-in-six chance per character), so roughly one value in ten
        // has none and goes through the JSON path as well.
        Assert.True(jsonChecked > 500, $"only {jsonChecked} values checked through JSON events");
    }

    private static bool MatchesJson(Func<Row, bool> matches, string value, long k)
    {
        using var document = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["field"] = value, ["k"] = k }));
        return matches(Row.FromEvent(document.RootElement));
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static Row Event(string field, long k) => Row.FromColumns([new("field", field), new("k", k)]);

    /// <summary>The value with one character changed (position chosen by the case number).</summary>
    private static string NearMiss(string value, int seed)
    {
        var chars = value.ToCharArray();
        var at = seed % chars.Length;
        chars[at] = chars[at] == 'a' ? 'b' : 'a';
        return new string(chars);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1e300)]
    [InlineData(-0.0)]
    [InlineData(5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void RealLiteralsRoundTrip(double value)
    {
        var expression = SyntaxFactory.ParseExpression(CSharpLiteral.Real(value));
        Assert.Empty(expression.GetDiagnostics());
        if (double.IsFinite(value))
        {
            // A negative number is a minus applied to the literal.
            var negative = expression is Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax minus;
            var literal = negative ? ((Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax)expression).Operand : expression;
            var parsed = (double)((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)literal).Token.Value!;
            Assert.Equal(value, negative ? -parsed : parsed);
            Assert.Equal(double.IsNegative(value), negative);
        }
    }

    [Fact]
    public void IdentifiersFromUserTextAreSafe()
    {
        Assert.Equal("a_b_c", CSharpLiteral.IdentifierPart("a.b\"c"));
        Assert.Equal("AwsEcrContainerUploadOutsideBusinessHours", CSharpLiteral.TypeName("AWS ECR Container Upload Outside Business Hours"));
        Assert.Equal("Rule1Password", CSharpLiteral.TypeName("1Password\"; System.Exit(1); //"[..9]));
        Assert.Equal("Rule", CSharpLiteral.TypeName("\"; //"));
        Assert.Equal("long.MinValue", CSharpLiteral.Long(long.MinValue));
        _ = Value.Null;
    }
}
