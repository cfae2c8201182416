using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// An eval or where comparison that reads a multivalue field (array members, a{}.b) whole: Splunk documents no
/// value-by-value meaning for eval's operators, so the translation is written as the canonical any-value comparison
/// and carries a warning that makes the rule partial, while the search command's terms, whose any-value meaning
/// Splunk does document, stay silent.
/// </summary>
public class EscuMultivalueComparisonTests
{
    private static SplTranslation Translate(string spl) => SplQueryTranslator.Translate(spl, EscuScratch.Context);

    private static Diagnostic[] Warnings(SplTranslation result) =>
        [.. result.Diagnostics.Where(d => d.Code == EscuDiagnosticCodes.UndocumentedMultivalueComparison)];

    [Theory]
    [InlineData("`cloudtrail` | rename requestParameters.items{}.userId as uid | eval m=if(uid==recipientAccountId, 1, 0)", "uid", "==")]
    [InlineData("`cloudtrail` | rename requestParameters.items{}.userId as uid | where uid=\"123\"", "uid", "=")]
    [InlineData("`cloudtrail` | where 'requestParameters.items{}.userId'!=\"123\"", "requestParameters.items{}.userId", "!=")]
    [InlineData("`cloudtrail` | spath output=uid path=requestParameters.items{}.userId | eval m=if(recipientAccountId==uid, 1, 0)", "uid", "==")]
    public void An_eval_comparison_of_a_multivalue_field_is_written_with_a_warning_at_the_operator(string spl, string field, string op)
    {
        var result = Translate(spl);
        Assert.NotNull(result.Search);
        var warning = Assert.Single(Warnings(result));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains($"eval '{op}' with the multivalue field '{field}'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(spl.IndexOf(op == "=" ? "=\"" : op, spl.IndexOf('|', StringComparison.Ordinal), StringComparison.Ordinal) + 1, warning.Span.Column);
    }

    [Theory]
    [InlineData("`cloudtrail` | rename requestParameters.items{}.userId as uid | search uid=123")]
    [InlineData("`cloudtrail` | eval m=if(userIdentity.accountId==recipientAccountId, 1, 0)")]
    [InlineData("`cloudtrail` | rename requestParameters.items{}.userId as uid | eval uid=mvindex(uid, 0) | where uid=\"123\"")]
    [InlineData("`cloudtrail` | rename requestParameters.items{}.userId as uid | rename uid as other, eventName as uid | where uid=\"x\"")]
    public void Search_terms_and_comparisons_of_single_values_carry_no_warning(string spl)
    {
        var result = Translate(spl);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        Assert.Empty(Warnings(result));
    }
}
