using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// What the SPL text says about its data source's fields beyond the translation of each command: where it reads a
/// Splunk default field (<see cref="FieldDefinition.SplunkMetadata"/>, such as source), a note that each target reads
/// it differently (RC5032); and, in a search that already has no translation, the names it reads that are fields of
/// another data source of the repository and none of its own (RC5033), so that a search written for CloudTrail keys
/// over Kubernetes audit events says so at each name.
/// </summary>
internal static class SplSourceFieldChecks
{
    public delegate void Report(SplToken token, string code, string message, DiagnosticSeverity severity);

    public static void Check(IReadOnlyList<SplCommand> commands, DataSource source, IReadOnlyList<DataSource> repository, bool failed, Report report)
    {
        var notedMetadata = new HashSet<string>(StringComparer.Ordinal);
        var made = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<SplToken>();
        var own = new SplFieldScope(source);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (DroppedPrefix(command) is { } prefix)
            {
                // drop_dm_object_name(X) renames X.f to f: the names it makes are columns of the search.
                made.UnionWith(seen.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.Length > prefix.Length).Select(n => n[prefix.Length..]));
            }

            seen.UnionWith(command.Arguments.Select(t => t.Value));
            for (var i = 0; i < command.Arguments.Length; i++)
            {
                var token = command.Arguments[i];
                if (!IsRead(command, i))
                {
                    if (IsNewName(command, i))
                    {
                        made.Add(token.Value);
                    }

                    continue;
                }

                if (made.Contains(token.Value))
                {
                    // A column the search made earlier under this name, not the event's field.
                    continue;
                }

                if (source.FindField(token.Value) is { SplunkMetadata: true } metadata)
                {
                    if (notedMetadata.Add(token.Value))
                    {
                        report(token, EscuDiagnosticCodes.SplunkMetadataField, MetadataNote(source, metadata), DiagnosticSeverity.Info);
                    }
                }
                else if (IsFieldPosition(command, i) && !Reads(own, token.Value))
                {
                    unknown.Add(token);
                }
            }
        }

        if (failed)
        {
            ReportFieldsOfOtherSources(unknown, source, repository, report);
        }
    }

    // Each name is put down to the other source that reads most of the search's unknown names (the one it was written
    // for), then to the next; a name no other source reads is left to the binder.
    private static void ReportFieldsOfOtherSources(List<SplToken> unknown, DataSource source, IReadOnlyList<DataSource> repository, Report report)
    {
        var scopes = repository.Where(d => d.EventFormat != source.EventFormat).Select(d => new SplFieldScope(d)).ToList();
        var names = unknown.Select(t => t.Value).Distinct(StringComparer.Ordinal).ToList();
        var ranked = scopes.OrderByDescending(s => names.Count(n => Reads(s, n))).ThenBy(s => s.DataSource.Name, StringComparer.Ordinal).ToList();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in unknown.Where(t => named.Add(t.Value)))
        {
            if (ranked.FirstOrDefault(s => Reads(s, token.Value)) is { } owner)
            {
                report(token, EscuDiagnosticCodes.FieldOfAnotherSource,
                    $"'{token.Value}' is {(owner.IsDataSourceField(token.Value) ? "a field" : "a Splunk add-on field derived from the fields")} of {owner.DataSource.Name} and not of {source.Name}, the data source of this search's macro: on its events it would be an unknown field",
                    DiagnosticSeverity.Error);
            }
        }
    }

    // The X. of ESCU's `drop_dm_object_name(X)` as a command, or null.
    internal static string? DroppedPrefix(SplCommand command) =>
        command.Name == SplCommandParser.MacroCommand && command.Head.Value is { } name
        && name.StartsWith("drop_dm_object_name(", StringComparison.Ordinal) && name.EndsWith(')')
            ? name["drop_dm_object_name(".Length..^1].Trim().Trim('"') + "."
            : null;

    // A field of the source, or a Splunk add-on field the import derives from its raw fields.
    private static bool Reads(SplFieldScope scope, string name) => scope.IsDataSourceField(name) || scope.Resolve(name).Note is not null;

    private static string MetadataNote(DataSource source, FieldDefinition field) =>
        $"'{field.Name}' is Splunk's default field, which the input sets, not a key of the {source.Name} event: Splunk reads the default field, "
        + $"the C# run reads the event's top-level key '{field.Name}' (events exported from Splunk carry it; a raw event does not, and reads null), "
        + (field.SentinelColumn is { Length: > 0 } column
            ? $"Sentinel the column {column}"
            : source.Sentinel.Unavailable is not null
                ? "and Sentinel has no table of the source (RC4104)"
                : $"and no column of {source.Sentinel.Table} holds it, so the Sentinel target reports RC4101 where it is read");

    // A column the search makes: the name after AS, and the one eval assigns.
    private static bool IsNewName(SplCommand command, int i)
    {
        var previous = i > 0 ? command.Arguments[i - 1] : null;
        var next = i + 1 < command.Arguments.Length ? command.Arguments[i + 1] : null;
        return previous is { Kind: SplTokenKind.Word } && previous.Value.Equals("as", StringComparison.OrdinalIgnoreCase)
            || (command.Name == "eval" && next is { Kind: SplTokenKind.Operator, Value: "=" } && previous?.Kind is null or SplTokenKind.Comma);
    }

    // A token that names a field the command reads: not a column it makes, nor a value after a comparison in search
    // terms, nor a string in an expression (eval, where).
    private static bool IsRead(SplCommand command, int i)
    {
        var search = command.Name == "search";
        var named = command.Arguments[i].Kind switch
        {
            SplTokenKind.Word or SplTokenKind.QuotedField => true,
            SplTokenKind.QuotedString => search,
            _ => false,
        };
        var searchValue = search && i > 0 && command.Arguments[i - 1].Kind == SplTokenKind.Operator;
        return named && !searchValue && !IsNewName(command, i);
    }

    // Where a word can only be a field name: before a comparison in search terms, and the arguments of spath, table and
    // fields (a keyword or a value elsewhere is not compared with field names).
    private static bool IsFieldPosition(SplCommand command, int i) => command.Name switch
    {
        "search" or "where" => i + 1 < command.Arguments.Length && command.Arguments[i + 1].Kind == SplTokenKind.Operator,
        "spath" or "table" or "fields" => i + 1 >= command.Arguments.Length || command.Arguments[i + 1].Kind != SplTokenKind.Operator,
        _ => false,
    };
}
