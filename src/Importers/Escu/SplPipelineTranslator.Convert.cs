using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>convert [timeformat=F] ctime(x) [AS y]</c>: the event time x as text, format_datetime with F (by default
/// <c>%m/%d/%Y %H:%M:%S</c>). Only an event time is taken: SPL's ctime formats a number of seconds and leaves other
/// values as they are, where format_datetime would read text as a date. The other conversions have no canonical form.
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private const string SplCtimeDefaultFormat = "%m/%d/%Y %H:%M:%S";

    private void Convert(SplCommand command)
    {
        var cursor = Cursor(command);
        string? format = null;
        var assignments = new List<string>();
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (token.Kind == SplTokenKind.Word && token.Value.Equals("timeformat", StringComparison.OrdinalIgnoreCase) && cursor.IsOperator("="))
            {
                cursor.Next();
                var value = cursor.Next();
                format = StrftimeFormats.Canonical(value.Value) ?? throw StrftimeFormats.Refused(value);
                continue;
            }

            if (token.Kind != SplTokenKind.Word || !cursor.Is(SplTokenKind.OpenParen))
            {
                throw new SplTranslationException(token, EscuDiagnosticCodes.SplSyntax, $"unexpected '{token.Text}' in convert: expected a conversion such as ctime(field)");
            }

            if (!token.Value.Equals("ctime", StringComparison.OrdinalIgnoreCase))
            {
                throw new SplTranslationException(token, EscuDiagnosticCodes.UnsupportedFunction, $"convert {token.Value}() has no canonical translation (only ctime() of an event time)");
            }

            cursor.Next();
            var field = cursor.Next();
            cursor.Expect(SplTokenKind.CloseParen, "')'");
            var output = field;
            if (cursor.IsWord("as"))
            {
                cursor.Next();
                output = cursor.Next();
            }

            if (!_kinds.IsTime(field.Value) || field.Value.Contains('*', StringComparison.Ordinal))
            {
                throw new SplTranslationException(field, EscuDiagnosticCodes.UntranslatedTimeFormat,
                    $"convert ctime({field.Value}): only an event time (_time, or a stats min, max, earliest or latest of it) is translated; SPL formats a number of seconds and leaves any other value as it is");
            }

            var text = format ?? StrftimeFormats.Canonical(SplCtimeDefaultFormat)!;
            assignments.Add($"{SplFieldScope.Name(output.Value)} = format_datetime({SplFieldScope.Path(field.Value)}, {StringLiterals.Quote(text)})");
            Note(token, EscuDiagnosticCodes.FidelityNote, "convert ctime() formats in the search's time zone, which ESCU assumes is UTC: the time's UTC text");
            _kinds.Forget(output.Value);
            _numericText.Forget(output.Value);
            scope.Define(output.Value);
        }

        if (assignments.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.SplSyntax, "convert without a conversion");
        }

        _stages.Add("extend " + string.Join(", ", assignments));
    }
}
