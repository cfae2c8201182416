using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>regex FIELD="re"</c>: keeps the events whose field matches the regular expression, which is exactly
/// <c>where match(FIELD, "re")</c> (an event without the field matches nothing), so it is read as that call and
/// comes across as <c>where FIELD matches regex "re"</c>, with the dialect checks of match(). <c>FIELD!="re"</c> is
/// refused, since Splunk does not document whether it keeps an event without the field, and so is a regex of the raw
/// event text (no FIELD, or <c>_raw</c>), which the canonical language does not read.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private void RegexFilter(SplCommand command)
    {
        if (command.Arguments is not [{ Kind: SplTokenKind.Word } field, { Kind: SplTokenKind.Operator, Value: "=" }, { Kind: SplTokenKind.QuotedString } pattern]
            || field.Value == "_raw")
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument,
                "regex is translated as regex FIELD=\"pattern\" only: with != Splunk does not document whether an event without the field is kept, and the raw event text has no canonical reading");
        }

        SplToken At(SplTokenKind kind, string text) => field with { Kind = kind, Text = text, Value = text };
        SplToken[] call = [At(SplTokenKind.Word, "match"), At(SplTokenKind.OpenParen, "("), field, At(SplTokenKind.Comma, ","), pattern, At(SplTokenKind.CloseParen, ")")];
        _stages.Add("where " + Expression(new SplTokenCursor(call, pattern), whole: true));
    }
}
