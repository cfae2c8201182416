using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Translates the commands of one SPL pipeline, in order, into canonical stages (one per line). A command that does
/// not translate is reported at its token and the next command is still read, so one import lists every problem.
/// </summary>
internal sealed partial class SplPipelineTranslator(SplFieldScope scope, SplTranslationContext context, Action<SplToken, string, string, DiagnosticSeverity> report)
{
    private readonly List<string> _stages = [];
    private readonly NumericTextColumns _numericText = new();
    private string? _pendingFill;
    private (string Column, string Expression)? _expandSource;

    // Columns holding a member list (read from a{}.b): a stats by one of them expands it first, as SPL splits a
    // multivalue by-field into one group per value.
    private readonly HashSet<string> _memberListColumns = new(StringComparer.Ordinal);

    // Columns a fillnull with a field list filled since the last stats: never null, so a stats keeps their events.
    private readonly HashSet<string> _filledColumns = new(StringComparer.Ordinal);

    // Counts and event times, which SPL and the canonical form sort and format alike.
    private readonly SplColumnKinds _kinds = new();
    private ImmutableArray<SplCommand> _commands;
    private int _index;

    public string Run(ImmutableArray<SplCommand> commands)
    {
        _commands = commands;
        for (_index = 0; _index < commands.Length; _index++)
        {
            var command = commands[_index];
            scope.Current = command;
            try
            {
                Command(command);
            }
            catch (SplTranslationException e)
            {
                report(e.Token, e.Code, e.Message, DiagnosticSeverity.Error);
            }

            _kinds.AfterCommand(command.Name, scope.Columns);
            if (command.Name != "stats")
            {
                _afterLastStats.Add(command.Name);
            }
        }

        if (_pendingFill is not null)
        {
            _stages.Add($"fill-null {_pendingFill}");
        }

        if (scope.RawEvents)
        {
            // The search's output events would carry the raw text as a field, which no canonical event has.
            foreach (var rex in scope.RawTextDefinitions)
            {
                report(rex, EscuDiagnosticCodes.RawEventText, "the search ends in events, which would carry the raw event's JSON text this rex sets as a field; no canonical field holds it", DiagnosticSeverity.Error);
            }
        }

        return string.Concat(_lets.Select(l => l + "\n")) + (_stages.Count == 0 ? "where true\n" : string.Join("\n| ", _stages) + "\n");
    }

    private void Note(SplToken token, string code, string message) => report(token, code, message, DiagnosticSeverity.Info);

    private SplTokenCursor Cursor(SplCommand command) => new(command.Arguments, command.Arguments.IsEmpty ? command.Head : command.Arguments[^1]);

    private void Command(SplCommand command)
    {
        if (command.Name == "append")
        {
            Append(command);
            return;
        }

        if (command.Name != "join" && command.Arguments.FirstOrDefault(t => t.Kind == SplTokenKind.OpenBracket) is { } bracket)
        {
            throw new SplTranslationException(bracket, EscuDiagnosticCodes.UnsupportedCommand, $"a subsearch in '{command.Head.Value}' has no canonical translation");
        }

        switch (command.Name)
        {
            case "search":
                Search(command);
                break;
            case "where":
                _stages.Add("where " + Expression(Cursor(command), whole: true));
                break;
            case "eval":
                Eval(command);
                break;
            case "rename":
                Rename(command);
                break;
            case "spath":
                Spath(command);
                break;
            case "rex":
                Rex(command);
                break;
            case "regex":
                RegexFilter(command);
                break;
            case "mvexpand":
                MvExpand(command);
                break;
            case "tstats" when scope.DataSource.Splunk.IsDataModel:
                Tstats(command);
                break;
            case "stats":
                Stats(command);
                break;
            case "eventstats":
                EventStats(command);
                break;
            case "bin" or "bucket":
                Bin(command);
                break;
            case "fillnull":
                FillNull(command);
                break;
            case "dedup":
                Dedup(command);
                break;
            case "table":
                Project(command, Cursor(command));
                break;
            case "sort":
                Sort(command);
                break;
            case "head":
                Head(command);
                break;
            case "convert":
                Convert(command);
                break;
            case "fields":
                Fields(command);
                break;
            case SplCommandParser.MacroCommand when DropDataModelObjectName(command):
                break;
            case SplCommandParser.MacroCommand:
                MacroCommand(command);
                break;
            case "lookup" when ListLookup(command):
                break;
            case "lookup" when command.Arguments is [{ Kind: SplTokenKind.Word } name, ..] && context.Tables.ContainsKey(name.Value):
                TableLookup(command);
                break;
            case "join":
                Join(command);
                break;
            case "iplocation":
                Iplocation(command);
                break;
            default:
                throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedCommand, Unsupported(command.Name));
        }
    }

    private static string Unsupported(string name) => name switch
    {
        "streamstats" => $"'{name}' (an aggregate added to every row) has no canonical translation",
        "lookup" or "inputlookup" or "outputlookup" => $"'{name}' (a lookup table) has no canonical translation; named lists hold only values",
        "top" or "rare" => $"'{name}' (the {(name == "top" ? "most" : "least")} common values, with a count and a percentage of all rows, per by-group) has no canonical translation: write stats count by the fields, then sort",
        "makemv" => "'makemv' has no canonical translation: it drops the empty values between repeated delimiters, which the canonical split() keeps",
        "tail" or "reverse" => $"'{name}' (rows in reverse of the order the command before left them) has no canonical translation",
        "transaction" => "'transaction' (events grouped into transactions by time and fields) has no canonical translation",
        "xyseries" or "untable" or "chart" or "timechart" => $"'{name}' (rows pivoted into columns named by values) has no canonical translation",
        "join" or "appendpipe" => $"'{name}' with a subsearch has no canonical translation",
        _ => $"the SPL command '{name}' has no canonical translation",
    };

    private void Search(SplCommand command)
    {
        var terms = new SplSearchTerms(scope, Macro, Note);
        if (terms.Translate(Cursor(command)) is { } condition)
        {
            // Every later row passed the first search, so its eventName terms bound the add-on fields derived after it
            // (and in it: a deferred term prints once the whole condition is read).
            if (_index == 0)
            {
                scope.RequireEventNames(EventNameTerm.Required(condition));
            }

            _stages.Add("where " + condition.Print());
        }
    }

    // In search terms: the data source's own macro adds nothing; an allow-list macro is list membership.
    private QueryExpression? Macro(SplToken token)
    {
        if (context.DataSourceOf(token.Text) is { } source && source.Name == scope.DataSource.Name && _index == 0)
        {
            return null;
        }

        var name = token.Value;
        if (context.Macros.TryGetValue(name, out var definition) && AllowList().Match(definition) is { Success: true } match)
        {
            var (field, derived) = scope.Resolve(match.Groups["field"].Value);
            if (derived is not null)
            {
                Note(token, EscuDiagnosticCodes.DerivedField, derived);
            }

            if (context.Lists.Contains(name))
            {
                Note(token, EscuDiagnosticCodes.FidelityNote, $"the allow-list macro `{name}` is the named list @{name}, compared case-insensitively as SPL's IN does");
                return new TermExpression($"{field} in~ @{name}");
            }

            var values = match.Groups["values"].Value.Split(',').Select(v => v.Trim().Trim('"')).Where(v => v.Length > 0);
            Note(token, EscuDiagnosticCodes.FidelityNote, $"the allow-list macro `{name}` has no list of that name in the repository: its values are written in place");
            return new TermExpression($"{field} in~ ({string.Join(", ", values.Select(StringLiterals.Quote))})");
        }

        throw new SplTranslationException(token, EscuDiagnosticCodes.UnknownMacro, $"the macro `{name}` is not a data source of this search, a convention (security_content_ctime, *_filter) or an allow-list (FIELD IN (...))");
    }

    private void MacroCommand(SplCommand command)
    {
        var name = command.Head.Value;
        var baseName = name.Split('(')[0].Trim();
        if (baseName == "security_content_ctime" || baseName.EndsWith("_filter", StringComparison.Ordinal))
        {
            // Conventions: every backend formats time aggregates and adds the rule's own filter macro.
            return;
        }

        throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnknownMacro, $"the macro `{name}` as a command is neither security_content_ctime nor a *_filter macro");
    }

    private string Expression(SplTokenCursor cursor, bool whole) => Expression(cursor, whole, out _, out _);

    private string Expression(SplTokenCursor cursor, bool whole, out bool isDateTime) => Expression(cursor, whole, out isDateTime, out _);

    private string Expression(SplTokenCursor cursor, bool whole, out bool isDateTime, out bool isCondition)
    {
        var translator = new SplEvalTranslator(scope, report, _numericText, _memberListColumns, _kinds);
        var text = translator.TranslateOne(cursor);
        isDateTime = translator.IsDateTime;
        isCondition = translator.IsCondition;
        if (translator.ListMatchReadOtherwise is { } read)
        {
            throw new SplTranslationException(read, EscuDiagnosticCodes.UnsupportedArgument, $"'{read.Value}' is set by a lookup (of a list: when the value is in it; of a table: every matching row's value, a multivalue); only isnull({read.Value}) and isnotnull({read.Value}) translate");
        }

        if (whole && !cursor.AtEnd)
        {
            var stray = cursor.Next();
            throw new SplTranslationException(stray, EscuDiagnosticCodes.SplSyntax, $"unexpected '{stray.Text}' after the expression");
        }

        return text;
    }

    private void Eval(SplCommand command)
    {
        var cursor = Cursor(command);
        var assignments = new List<string>();
        while (!cursor.AtEnd)
        {
            var name = cursor.Next();
            if (name.Kind is not (SplTokenKind.Word or SplTokenKind.QuotedField or SplTokenKind.QuotedString) || !cursor.IsOperator("="))
            {
                throw new SplTranslationException(name, EscuDiagnosticCodes.SplSyntax, "expected 'field = expression' in eval");
            }

            cursor.Next();
            var value = Expression(cursor, whole: false, out var isDateTime);
            assignments.Add($"{SplFieldScope.Name(name.Value)} = {value}");
            _numericText.Assigned(name.Value, value);
            _kinds.Assigned(name.Value, isDateTime);
            MarkMemberList(name.Value, IsMemberListPath(value));
            _filledColumns.Remove(name.Value);
            scope.Define(name.Value);
            if (cursor.Is(SplTokenKind.Comma))
            {
                cursor.Next();
            }
        }

        _stages.Add("extend " + string.Join(", ", assignments));
    }

    private void Rename(SplCommand command)
    {
        var cursor = Cursor(command);
        var extend = new List<string>();
        var renames = new List<string>();
        while (!cursor.AtEnd)
        {
            var from = cursor.Next();
            if (!cursor.IsWord("as"))
            {
                throw new SplTranslationException(from, EscuDiagnosticCodes.SplSyntax, "expected 'field AS name' in rename");
            }

            cursor.Next();
            var to = cursor.Next();
            foreach (var (oldName, newName) in Expand(from, to))
            {
                if (scope.IsColumn(oldName))
                {
                    renames.Add($"{SplFieldScope.Name(newName)} = {SplFieldScope.Path(oldName)}");
                    _kinds.Renamed(oldName, newName);
                    scope.Remove(oldName);
                    MarkMemberList(newName, _memberListColumns.Remove(oldName));
                }
                else
                {
                    extend.Add($"{SplFieldScope.Name(newName)} = {Read(from, oldName)}");
                    _kinds.Forget(newName);
                    MarkMemberList(newName, SplMemberPaths.IsMemberPath(oldName));
                }

                scope.Define(newName);
                _numericText.Forget(newName);
            }

            if (cursor.Is(SplTokenKind.Comma))
            {
                cursor.Next();
            }
        }

        if (extend.Count > 0)
        {
            _stages.Add("extend " + string.Join(",\n         ", extend));
        }

        if (renames.Count > 0)
        {
            _stages.Add("project-rename " + string.Join(", ", renames));
        }
    }

    // A wildcard rename applies to the columns in scope; over raw events the fields it means are unknown.
    private IEnumerable<(string Old, string New)> Expand(SplToken from, SplToken to)
    {
        if (!from.Value.Contains('*', StringComparison.Ordinal))
        {
            return [(from.Value, to.Value)];
        }

        if (scope.RawEvents && to.Value == "*" && from.Value.EndsWith(".*", StringComparison.Ordinal) && !from.Value[..^2].Contains('*', StringComparison.Ordinal))
        {
            // rename prefix.* AS * lifts the members of an object to the top: a name the event does not have is read below it.
            scope.BareMembersOf = from.Value[..^2];
            Note(from, EscuDiagnosticCodes.FidelityNote, $"after 'rename {from.Value} AS *', a name that is not a field of the data source is read as {from.Value[..^2]}.<name>");
            return [];
        }

        if (scope.RawEvents)
        {
            throw new SplTranslationException(from, EscuDiagnosticCodes.UnsupportedArgument, $"the wildcard rename '{from.Value}' over raw events: the fields it renames are not known before a stats, table or fields");
        }

        var pattern = new Regex("^" + string.Join("(.*)", from.Value.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var parts = to.Value.Split('*');
        if (parts.Length != from.Value.Split('*').Length && parts.Length != 1)
        {
            throw new SplTranslationException(to, EscuDiagnosticCodes.UnsupportedArgument, $"the wildcard rename '{from.Value}' AS '{to.Value}' has a different number of wildcards on each side");
        }

        return scope.Columns.Select(c => (Column: c, Match: pattern.Match(c))).Where(m => m.Match.Success)
            .Select(m => (m.Column, parts.Length == 1 ? to.Value : string.Concat(parts.Select((p, i) => i == 0 ? p : m.Match.Groups[i].Value + p))))
            .ToList();
    }

    private void MarkMemberList(string column, bool memberList)
    {
        if (memberList) _memberListColumns.Add(column);
        else _memberListColumns.Remove(column);
    }

    /// <summary>Whether canonical text is exactly one [*] path (what a{}.b translates to), not an expression over one.</summary>
    private static bool IsMemberListPath(string text) =>
        text.Contains("[*]", StringComparison.Ordinal) && !text.Contains('(', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal);

    // A raw field read into a new column: paths below a dynamic field as text (how SPL holds them).
    private string Read(SplToken at, string name)
    {
        if (SplMemberPaths.IsMemberPath(name))
        {
            // a{}.b is the member list a[*].b (docs/semantics.md §5.2), a multivalue field as in SPL.
            return SplMemberPaths.Canonical(name, scope)
                ?? throw new SplTranslationException(at, EscuDiagnosticCodes.UnsupportedArgument, $"the multi-value path '{name}' (an array member, '{{}}') has no canonical field path here (only below a field of the raw events, without an index)");
        }

        var (expression, derived) = scope.Resolve(name);
        if (derived is not null)
        {
            Note(at, EscuDiagnosticCodes.DerivedField, derived);
        }

        return scope.IsDynamicPath(name) ? $"tostring({expression})" : expression;
    }

    private Dictionary<string, SplToken> Options(SplCommand command, SplTokenCursor cursor, List<SplToken> positional)
    {
        var options = new Dictionary<string, SplToken>(StringComparer.OrdinalIgnoreCase);
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.Kind == SplTokenKind.Word && cursor.IsOperator("="))
            {
                cursor.Next();
                options[token.Value] = cursor.Next();
            }
            else if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }
            else
            {
                positional.Add(token);
            }
        }

        return options;
    }

    private void Spath(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        if (positional.Count > 0)
        {
            options.TryAdd("path", positional[0]);
        }

        options.TryGetValue("input", out var input);
        options.TryGetValue("path", out var path);
        options.TryGetValue("output", out var output);
        if (input is not null && scope.IsRawText(input.Value))
        {
            if (path is null)
            {
                throw new SplTranslationException(input, EscuDiagnosticCodes.RawEventText, $"spath input={input.Value} without path= extracts every field of the raw event again, over any field set since; only a path is translated");
            }

            input = null; // the whole event's JSON text: spath reads the event, as it does without input=
        }
        if (path is null)
        {
            if (input is not null && output is null && scope.IsColumn(input.Value))
            {
                // Every member of the object becomes a field of its own name.
                scope.BareMembersOf = input.Value;
                Note(input, EscuDiagnosticCodes.FidelityNote, $"the members spath extracts from '{input.Value}' are read as {input.Value}.<member>");
                return;
            }

            throw new SplTranslationException(input ?? command.Head, EscuDiagnosticCodes.UnsupportedArgument, "spath without path= extracts fields only from a column made earlier in the search");
        }

        // path=a{}.b reads the member list a[*].b of the raw event (a trailing {} alone is the array itself, below).
        var memberList = input is null && SplMemberPaths.IsMemberPath(path.Value.EndsWith("{}", StringComparison.Ordinal) ? path.Value[..^2] : path.Value)
            ? SplMemberPaths.Canonical(path.Value, scope) ?? throw new SplTranslationException(path, EscuDiagnosticCodes.UnsupportedArgument, $"the spath path '{path.Value}' reads a member of every array element below something that is not a field of the raw events")
            : null;
        var members = memberList is null ? SpathPath(path) : [];
        var source = input is null ? null : Read(input, input.Value);
        var expression = memberList ?? (source is null ? SplFieldScope.Path(string.Join(".", members)) : $"parse_json({source})" + string.Concat(members.Select(m => SplFieldScope.Path("x." + m)[1..])));
        if (output is null)
        {
            if (input is null && !path.Value.Contains('{', StringComparison.Ordinal))
            {
                return; // the field is read by its path already
            }

            throw new SplTranslationException(path, EscuDiagnosticCodes.UnsupportedArgument, "spath with an array path or an input needs output=");
        }

        scope.Define(output.Value);
        MarkMemberList(output.Value, memberList is not null);
        if (_index + 1 < _commands.Length && _commands[_index + 1] is { Name: "mvexpand" } next
            && next.Arguments is [{ } expanded] && expanded.Value == output.Value)
        {
            // spath output=x path=a{} | mvexpand x is one mv-expand over the array (its elements keep their members).
            _expandSource = (output.Value, expression);
            return;
        }

        _stages.Add($"extend {SplFieldScope.Name(output.Value)} = {expression}");
    }

    // spath paths: a.b{} is the array a.b; {N} picks element N (1-based); an array member in the middle (a{}.b) has no path.
    private static List<string> SpathPath(SplToken path)
    {
        var text = path.Value.EndsWith("{}", StringComparison.Ordinal) ? path.Value[..^2] : path.Value;
        if (text.Contains("{}", StringComparison.Ordinal))
        {
            throw new SplTranslationException(path, EscuDiagnosticCodes.UnsupportedArgument, $"the spath path '{path.Value}' reads a member of every array element, which has no canonical path");
        }

        if (text.Contains('{', StringComparison.Ordinal))
        {
            throw new SplTranslationException(path, EscuDiagnosticCodes.UnsupportedArgument, $"the spath path '{path.Value}' indexes an array, which is not translated");
        }

        return [.. text.Split('.')];
    }

    private void MvExpand(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        if (options.Count > 0 || positional.Count != 1)
        {
            throw new SplTranslationException(options.Values.FirstOrDefault() ?? command.Head, EscuDiagnosticCodes.UnsupportedArgument, "mvexpand is translated for one field without options (limit=)");
        }

        var field = positional[0].Value;
        _memberListColumns.Remove(field);
        if (_expandSource is { } source && source.Column == field)
        {
            _stages.Add($"mv-expand {SplFieldScope.Name(field)} = {source.Expression}");
            _expandSource = null;
            return;
        }

        _stages.Add(scope.IsColumn(field) ? $"mv-expand {SplFieldScope.Path(field)}" : $"mv-expand {SplFieldScope.Name(field)} = {Read(positional[0], field)}");
        scope.Define(field);
    }

    private void Bin(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        if (!options.TryGetValue("span", out var span) || positional.Count != 1 || options.Count > 1)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, $"{command.Name} is translated with one field and span= only");
        }

        var size = SpanLiteral(span);
        var field = positional[0].Value;
        _stages.Add($"extend {SplFieldScope.Name(field)} = bin({SplFieldScope.Path(field)}, {size})");
        scope.Define(field);
    }

    private static string SpanLiteral(SplToken span)
    {
        var match = SpanPattern().Match(span.Value);
        if (!match.Success)
        {
            throw new SplTranslationException(span, EscuDiagnosticCodes.UnsupportedArgument, $"the span '{span.Value}' is not a number of seconds, minutes, hours or days");
        }

        var unit = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "" or "s" or "sec" or "secs" or "second" or "seconds" => "s",
            "m" or "min" or "mins" or "minute" or "minutes" => "m",
            "h" or "hr" or "hrs" or "hour" or "hours" => "h",
            "d" or "day" or "days" => "d",
            _ => throw new SplTranslationException(span, EscuDiagnosticCodes.UnsupportedArgument, $"the span '{span.Value}' is not a number of seconds, minutes, hours or days"),
        };
        return match.Groups[1].Value + unit;
    }

    private void FillNull(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        var value = options.TryGetValue("value", out var v) ? v.Value : "0";
        if (options.Keys.Any(k => !k.Equals("value", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "fillnull is translated with value= and a field list only");
        }

        var literal = StringLiterals.Quote(value);
        if (positional.Count > 0)
        {
            // The canonical fill-null fills columns and declared fields; a path inside a dynamic field (a flattened
            // JSON key) would need a new column that every later read of the path then reads.
            if (positional.FirstOrDefault(p => scope.IsInsideDynamicField(p.Value)) is { } inside)
            {
                throw new SplTranslationException(inside, EscuDiagnosticCodes.UnsupportedArgument,
                    $"fillnull of '{inside.Value}', a key inside a JSON object field, is not translated: the canonical fill-null fills columns and declared fields (copy it into a field with eval first)");
            }

            _stages.Add($"fill-null {literal} in {string.Join(", ", positional.Select(p => SplFieldScope.Path(p.Value)))}");
            _filledColumns.UnionWith(positional.Select(p => p.Value));
            return;
        }

        // A bare fillnull fills every field that is null in some result; what matters is the stats that follows, which
        // would drop rows with a null group-by field: the fill is written for those fields, just before it.
        if (_commands.Skip(_index + 1).Any(c => c.Name == "stats"))
        {
            _pendingFill = literal;
            return;
        }

        _stages.Add($"fill-null {literal}");
    }

    private void Dedup(SplCommand command)
    {
        var positional = new List<SplToken>();
        var options = Options(command, Cursor(command), positional);
        if (options.Count > 0 || positional.Count == 0)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "dedup is translated for a field list without options");
        }

        if (positional.FirstOrDefault(p => p.Kind == SplTokenKind.Word && (p.Value.Equals("sortby", StringComparison.OrdinalIgnoreCase) || p.Value.All(char.IsAsciiDigit))) is { } clause)
        {
            // dedup N keeps N events per key, and sortby orders the rows it keeps: neither is a field to deduplicate on.
            throw new SplTranslationException(clause, EscuDiagnosticCodes.UnsupportedArgument, $"dedup with {(char.IsAsciiDigit(clause.Value[0]) ? "a count of events to keep per key" : "sortby")} is not translated (only a field list)");
        }

        if (!scope.RawEvents)
        {
            throw new SplTranslationException(command.Head, EscuDiagnosticCodes.UnsupportedArgument, "dedup after stats or table (rows without an event time to keep the newest by) is not translated");
        }

        Note(command.Head, EscuDiagnosticCodes.FidelityNote, "dedup keeps the newest event per key: summarize arg_max(_time, *)");
        var byKeys = positional.Select(p => ByKey(p)).ToList();
        GuardKeysSplDrops(command.Head, positional.Zip(byKeys));
        _stages.Add($"summarize arg_max(_time, *) by {string.Join(", ", byKeys)}");
    }

    /// <summary>
    /// <c>lookup LIST value AS f OUTPUT value AS c</c> over a list of the repository (the Splunk backend's form of a list
    /// membership): c is set exactly when f is in the list, so a later null test of c is the membership test.
    /// </summary>
    private bool ListLookup(SplCommand command)
    {
        var args = command.Arguments;
        if (args.Length != 8 || !context.Lists.Contains(args[0].Value) || !IsWord(args[1], "value") || !IsWord(args[2], "AS")
            || !(IsWord(args[4], "OUTPUT") || IsWord(args[4], "OUTPUTNEW")) || !IsWord(args[5], "value") || !IsWord(args[6], "AS")
            || args[3].Kind is not (SplTokenKind.Word or SplTokenKind.QuotedString) || args[7].Kind is not (SplTokenKind.Word or SplTokenKind.QuotedString))
        {
            return false;
        }

        var (field, derived) = scope.Resolve(args[3].Value);
        if (derived is not null)
        {
            Note(args[3], EscuDiagnosticCodes.DerivedField, derived);
        }

        var op = context.CaseSensitiveLists.Contains(args[0].Value) ? "in" : "in~";
        scope.DefineListMatch(args[7].Value, $"{field} {op} @{args[0].Value}");
        return true;

        static bool IsWord(SplToken token, string word) => token.Kind == SplTokenKind.Word && token.Value.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private void Fields(SplCommand command)
    {
        var cursor = Cursor(command);
        if (cursor.IsOperator("-") || cursor.IsWord("-"))
        {
            cursor.Next();
            var removed = new List<string>();
            while (!cursor.AtEnd)
            {
                var token = cursor.Next();
                if (token.Kind != SplTokenKind.Comma && !scope.RemoveListMatch(token.Value) && !scope.RemoveRawText(token.Value))
                {
                    removed.Add(token.Value);
                    scope.Remove(token.Value);
                }
            }

            if (removed.Count > 0)
            {
                _stages.Add("project-away " + string.Join(", ", removed.Select(SplFieldScope.Path)));
            }

            return;
        }

        if (cursor.IsWord("+"))
        {
            cursor.Next();
        }

        Project(command, cursor);
    }

    private void Project(SplCommand command, SplTokenCursor cursor)
    {
        var columns = new List<SplToken>();
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.Kind == SplTokenKind.Comma)
            {
                continue;
            }

            if (token.Value.Contains('*', StringComparison.Ordinal))
            {
                throw new SplTranslationException(token, EscuDiagnosticCodes.UnsupportedArgument, $"the wildcard field list '{token.Value}' of {command.Name} is not translated");
            }

            columns.Add(token);
        }

        _stages.Add("project " + string.Join(", ", columns.Select(c => ByKey(c))));
        scope.Replace(columns.Select(c => c.Value));
    }

    /// <summary>A column to keep or group by, under its SPL name: a bare path, or name = derivation.</summary>
    private string ByKey(SplToken token)
    {
        var name = token.Value;
        var read = scope.IsColumn(name) ? SplFieldScope.Path(name) : Read(token, name);
        return read == SplFieldScope.Path(name) ? read : $"{SplFieldScope.Name(name)} = {read}";
    }

    [GeneratedRegex(@"^\s*(?<field>[A-Za-z_][\w.]*)\s+IN\s*\((?<values>[^()]*)\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllowList();

    [GeneratedRegex(@"^(\d+)([A-Za-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpanPattern();
}
