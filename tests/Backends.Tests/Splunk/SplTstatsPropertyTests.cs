using CsCheck;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Adversarial texts in a rule over a data model reach tstats only through <see cref="SplLiteral"/>: the fill value
/// (tstats' fillnull_value) and a where value (a search term of tstats' where) tokenize without problems, inject no
/// pipe, and read back as exactly the value; a value SPL cannot spell is refused (RC4006, RC4017), never written.
/// </summary>
public class SplTstatsPropertyTests
{
    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char["\"\\'|`$*=[](){}<>!.,%#^? \n\r\t"]),
            (3, Gen.Char['a', 'z']),
            (1, Gen.Char["\u2028\u00e9\u202E\uFEFF"]))
        .Array[1, 16]
        .Select(chars => new string(chars));

    [Fact]
    public void Fill_values_and_where_values_cannot_inject_spl_into_tstats()
    {
        var template = CompiledRules.Named("aws_ecr_container_scanning_findings_medium");
        var risk = EscuScratch.Context.DataSources.Single(d => d.Name == "es_risk");
        var context = BindingContext.For(risk);
        var filled = 0;
        Adversarial.Sample(
            value =>
            {
                var literal = Compiler.Language.Printing.StringLiterals.Quote(value);
                var query = $"where All_Risk.risk_object_type =~ {literal}\n| fill-null {literal} in All_Risk.risk_object\n| summarize n = count() by All_Risk.risk_object";
                var parsed = QueryParser.Parse(query);
                Assert.True(parsed.Succeeded, query);
                var bound = QueryBinder.Bind(parsed.Query!, context);
                Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
                var result = SplEmitter.Emit(new CompiledRule(template.Rule, risk, bound));
                if (result.HasErrors)
                {
                    // A value search terms cannot hold exactly (a '*', which a term reads as a wildcard) is refused as no term.
                    Assert.All(result.Diagnostics.Where(d => d.IsError), d => Assert.Contains(d.Code, new[] { SplDiagnostics.NotSpellable, SplDiagnostics.TstatsWhere }));
                    return;
                }

                var tokens = SplTokenizer.Tokenize(result.Spl);
                Assert.Empty(tokens.Problems);
                Assert.Equal(result.Spl.Split('\n').Length, tokens.Tokens.Count(t => t.Kind == SplTokenKind.Pipe));
                var list = tokens.Tokens.ToList();
                var option = list.FindIndex(t => t.Value == "fillnull_value");
                Assert.Equal(value, list[option + 2].Value);
                var term = list.FindIndex(t => t.Value == "All_Risk.risk_object_type");
                Assert.Equal(SplTokenKind.Operator, list[term + 1].Kind);
                Interlocked.Increment(ref filled);
            },
            iter: 300);
        Assert.True(filled > 30, $"only {filled} values were written");
    }
}
