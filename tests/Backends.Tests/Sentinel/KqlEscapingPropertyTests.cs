using CsCheck;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Kql;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// Every KQL literal comes from <see cref="KqlText.StringLiteral"/>. Ten thousand adversarial strings (quotes of
/// every kind, backslashes, escape-looking text, line breaks, controls, bidi and format characters, lone surrogates
/// and surrogate pairs, the pipe, semicolons, comment and multi-line-literal openers) are each placed in a query and
/// analysed, all in one batch, by Kusto.Language: each query must have no diagnostic at all and exactly one string
/// literal whose parsed value is the input, so no value can end the literal early or change the query around it.
/// </summary>
public class KqlEscapingPropertyTests
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (6, (IGen<char>)Gen.Char["\"'\\@|;`/*\n\r\t\0{}[]()=!~$#"]),
            (3, Gen.Char[' ', '~']),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char["\u2028\u2029\u0085\u00A0\uFEFF\u200B\u202E\u2066\u007F\u001B\u0008\u000C\u000B"]),
            (1, Gen.Char["éü中ßЖ🙂"]),
            (1, Gen.Char))
        .Array[0, 40]
        .Select(chars => new string(chars));

    private static readonly string[] Contexts =
    [
        "print x = {0}",
        "AWSCloudTrail\n| where EventName == {0}",
        "AWSCloudTrail | where UserIdentityArn has {0} | project EventName",
    ];

    [AnalyzerFact]
    public void TenThousandAdversarialLiteralsParseAsExactlyTheirValue()
    {
        var values = Adversarial.Array[Cases].Single();
        var escapeLookalikes = new[] { "\\u0041", "\\\"", "'; drop", "```", "@\"x\"", "\" | take 1 //", "\\", "\"", "'" };
        values = [.. escapeLookalikes, .. values];
        var queries = values
            .Select((value, i) => new KustoQuery($"v{i}", string.Format(Contexts[i % Contexts.Length], KqlText.StringLiteral(value)), WithLiterals: true))
            .ToList();

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(KustoAnalyzerTests.RepositoryTables, queries);

        Assert.True(analysis.IsAvailable, analysis.ToString());
        Assert.Equal(queries.Count, analysis.Results.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var result = analysis.Results[i];
            var shown = $"input {Show(values[i])} as {queries[i].Text}";
            Assert.True(result.Diagnostics.IsEmpty, $"{shown}: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
            Assert.Equal(values[i], Assert.Single(result.Literals));
        }
    }

    [AnalyzerFact]
    public void BracketedIdentifiersNameExactlyTheirColumn()
    {
        var names = Gen.Frequency(
                (4, (IGen<char>)Gen.Char["'\"\\ -.[]|;\n"]),
                (6, Gen.Char['a', 'z']),
                (1, Gen.Char))
            .Array[1, 20]
            .Select(chars => new string(chars))
            .Where(name => !name.Any(char.IsSurrogate))
            .Array[500]
            .Single()
            .Concat(["where", "project", "and", "string", "has", "name with space"])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var queries = names
            .Select((name, i) => new KustoQuery($"n{i}", $"datatable({KqlText.Identifier(name)}: string) [{KqlText.StringLiteral(name)}]\n| project {KqlText.Identifier(name)}", WithLiterals: true))
            .ToList();

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze([], queries);

        for (var i = 0; i < names.Count; i++)
        {
            var result = analysis.Results[i];
            Assert.True(result.Diagnostics.IsEmpty, $"{Show(names[i])}: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
            Assert.Equal(names[i], Assert.Single(result.Columns).Name);
            // A bracketed name holds a string literal too: each one, and the datatable row, must be the name.
            var expected = KqlText.Identifier(names[i]).StartsWith('[') ? 3 : 1;
            Assert.Equal(Enumerable.Repeat(names[i], expected), result.Literals);
        }
    }

    private static string Show(string value) =>
        string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
