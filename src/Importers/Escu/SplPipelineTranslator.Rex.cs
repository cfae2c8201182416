using System.Text.RegularExpressions;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// <c>rex [field=F] "regex"</c>: each named group becomes a column set from its numbered group by extract(), but only
/// where the regex matches F, as SPL sets it; elsewhere the column keeps its earlier value (null for a new one):
/// <c>name = iif(F matches regex "re", extract("re", n, F), previous)</c>. A rex on _raw translates only as the
/// whole JSON event of a data source whose events are one JSON object per line (docs/translation.md, "rex").
/// </summary>
internal sealed partial class SplPipelineTranslator
{
    private void Rex(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        foreach (var (key, value) in options)
        {
            RexOption(key.ToLowerInvariant(), value);
        }

        if (positional is not [{ Kind: SplTokenKind.QuotedString } regex])
        {
            throw new SplTranslationException(positional.FirstOrDefault() ?? command.Head, EscuDiagnosticCodes.SplSyntax, "rex takes one quoted regular expression");
        }

        var (pattern, problem) = RexPattern.Read(regex.Value);
        if (problem is not null)
        {
            throw new SplTranslationException(Inside(regex, problem.Index), EscuDiagnosticCodes.UnportableRegex, problem.Message);
        }

        var named = pattern!.Groups.Where(g => g.Name is not null).ToList();
        if (named.Count == 0)
        {
            throw new SplTranslationException(regex, EscuDiagnosticCodes.UntranslatedRex, "a rex without a named group extracts no field");
        }

        foreach (var group in named)
        {
            if (!SplRexGroupName.IsValid(group.Name!))
            {
                throw new SplTranslationException(Inside(regex, group.Index), EscuDiagnosticCodes.UntranslatedRex, $"the group name '{group.Name}' is not translated (names start with a letter and have at most 32 letters, digits and _; Splunk gives _KEY_/_VAL_ and other _ names meanings of their own)");
            }

            if (SplunkDefaultFields.Contains(group.Name!))
            {
                throw new SplTranslationException(Inside(regex, group.Index), EscuDiagnosticCodes.UntranslatedRex, $"Splunk gives every event a field '{group.Name}' of its own: where the regex does not match it keeps that value, which no canonical field holds");
            }

            if (named.Count(g => g.Name == group.Name) > 1)
            {
                throw new SplTranslationException(Inside(regex, group.Index), EscuDiagnosticCodes.UntranslatedRex, $"two groups named '{group.Name}'");
            }

            if (group.Optional)
            {
                throw new SplTranslationException(Inside(regex, group.Index), EscuDiagnosticCodes.UntranslatedRex, $"a match can leave out the group '{group.Name}' (it is optional or in one branch of an alternation): SPL then leaves the field as it was, where extract() would give \"\"");
            }
        }

        if (RegexChecker.Check(pattern.Canonical) is { } unportable)
        {
            throw new SplTranslationException(regex, EscuDiagnosticCodes.UnportableRegex, unportable.Message);
        }

        var field = options.TryGetValue("field", out var f) ? f : null;
        if ((field?.Value ?? "_raw") == "_raw")
        {
            RawRex(field ?? command.Head, regex, pattern, named[0].Name!);
            return;
        }

        var source = Read(field!, field!.Value);
        var subject = source.Contains(' ', StringComparison.Ordinal) ? $"({source})" : source;
        var literal = StringLiterals.Quote(pattern.Canonical);
        // Assignments see the ones before them: a group that renames F itself comes last, so the others read F.
        var assignments = named.OrderBy(g => g.Name == field.Value)
            .Select(g => $"{SplFieldScope.Name(g.Name!)} = iif({subject} matches regex {literal}, extract({literal}, {g.Number}, {subject}), {Previous(regex, g.Name!)})")
            .ToList();
        foreach (var group in named)
        {
            scope.Define(group.Name!);
            _numericText.Forget(group.Name!);
            MarkMemberList(group.Name!, false);
        }

        Note(command.Head, EscuDiagnosticCodes.FidelityNote, "rex sets a field only where its regex matches: each named group is an extract() where the regex matches, and the field's earlier value (null for a new field) elsewhere");
        _stages.Add("extend " + string.Join(",\n         ", assignments));
    }

    private static void RexOption(string key, SplToken value)
    {
        switch (key)
        {
            case "field":
                return;
            case "max_match" when value.Value == "1":
                return;
            case "max_match":
                throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedRex, $"max_match={value.Value} extracts {(value.Value == "0" ? "every match" : "up to " + value.Value + " matches")} as multivalue fields; extract() takes the first match only");
            case "mode":
                throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedRex, $"mode={value.Value} edits the field's text with a sed expression instead of extracting fields; it is not translated");
            case "offset_field":
                throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedRex, "offset_field= records where each group matched, which no canonical function gives");
            default:
                throw new SplTranslationException(value, EscuDiagnosticCodes.UntranslatedRex, $"the rex option '{key}' is not translated");
        }
    }

    /// <summary>
    /// What a field holds where rex does not match: its earlier value (a column, a text field of the events, an add-on
    /// field, a member a bare spath extracted), or null for a name nothing set.
    /// </summary>
    private string Previous(SplToken at, string name)
    {
        if (scope.ListMatch(name) is not null || _memberListColumns.Contains(name))
        {
            throw new SplTranslationException(at, EscuDiagnosticCodes.UntranslatedRex, $"rex would overwrite '{name}', which holds a list here, with one text where it matches");
        }

        if (scope.IsColumn(name))
        {
            return SplFieldScope.Path(name);
        }

        if (!scope.RawEvents)
        {
            return "null";
        }

        if (scope.DataSource.FindField(name) is { SplunkField: { } splunkName } renamed && splunkName != name)
        {
            throw new SplTranslationException(at, EscuDiagnosticCodes.UntranslatedRex, $"where rex does not match, Splunk's field '{name}' keeps its own value, which is not the events' {name} (Splunk reads that as {splunkName})");
        }

        if (scope.DataSource.FindField(name) is { } declared)
        {
            // Splunk holds a text field as its text; an object only as its leaves, and other types would become text.
            return declared.Type == FieldType.String
                ? SplFieldScope.Path(name)
                : throw new SplTranslationException(at, EscuDiagnosticCodes.UntranslatedRex, $"rex would overwrite the {declared.Type.ToString().ToLowerInvariant()} field '{name}' of the events with text where it matches");
        }

        if (scope.IsDataSourceField(name))
        {
            throw new SplTranslationException(at, EscuDiagnosticCodes.UntranslatedRex, $"rex would set '{name}', an object of the events (Splunk holds only its leaves), where it matches");
        }

        var (_, derived) = scope.Resolve(name);
        return derived is not null || scope.BareMembersOf is not null ? Read(at, name) : "null";
    }

    /// <summary>
    /// rex on _raw: the raw text is no canonical field. For events that are each one JSON object on one line
    /// (CloudTrail, as the Splunk Add-on for AWS indexes it), <c>(?&lt;j&gt;{.+})</c> matches from the first <c>{</c>
    /// (the event's opening brace) to the last <c>}</c> (its closing one): j is the whole event, so
    /// <c>spath input=j</c> reads the event's own fields. Any other read of j is refused.
    /// </summary>
    private void RawRex(SplToken field, SplToken regex, RexPattern pattern, string name)
    {
        if (!WholeObject().IsMatch(pattern.Canonical))
        {
            throw new SplTranslationException(regex, EscuDiagnosticCodes.UntranslatedRex, "rex on _raw reads the event's raw text, which is no canonical field (rules read the event's fields); the one form translated is the whole JSON event, \"(?<name>{.+})\", read with spath input=name");
        }

        if (!scope.RawEvents || scope.DataSource.EventFormat != EventFormat.CloudTrail)
        {
            throw new SplTranslationException(field, EscuDiagnosticCodes.UntranslatedRex, scope.RawEvents
                ? $"rex on _raw as the whole JSON event needs events that are one JSON object per line; {scope.DataSource.Name}'s raw form in Splunk is not known to be"
                : "rex on _raw after stats, table or fields: the rows have no raw text");
        }

        scope.DefineRawText(name, regex);
        Note(regex, EscuDiagnosticCodes.FidelityNote, $"'{name}' is the whole event's JSON text (each event is one JSON object on one line, so the regex spans it from its first '{{' to its last '}}'): spath input={name} reads the event's fields, as spath without input=");
    }

    /// <summary>The character at <paramref name="index"/> of a quoted string's value, as a token of its own (for positions).</summary>
    private static SplToken Inside(SplToken quoted, int index)
    {
        var (offset, line, column) = (quoted.Offset + 1, quoted.Line, quoted.Column + 1);
        var raw = quoted.Text;
        for (int k = 1, decoded = 0; k < raw.Length && decoded < index; decoded++)
        {
            var width = raw[k] == '\\' && k + 1 < raw.Length && raw[k + 1] is '"' or '\\' ? 2 : 1;
            (line, column) = raw[k] == '\n' ? (line + 1, 1) : (line, column + width);
            offset += width;
            k += width;
        }

        return quoted with { Kind = SplTokenKind.Word, Offset = offset, Line = line, Column = column };
    }

    // Splunk's default fields, which every event has (the Search Manual's "Use default fields").
    private static readonly HashSet<string> SplunkDefaultFields = new(StringComparer.Ordinal)
    {
        "host", "source", "sourcetype", "index", "splunk_server", "splunk_server_group", "linecount", "punct", "eventtype", "tag",
        "timestartpos", "timeendpos", "date_second", "date_minute", "date_hour", "date_mday", "date_month", "date_year", "date_wday", "date_zone",
    };

    // One group around {.+} or {.*} (the braces escaped or not): from the first '{' to the last '}'.
    [GeneratedRegex(@"^\((?:\\\{|\{)\.[+*](?:\\\}|\})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeObject();
}
