using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// The outcome of translating one Sentinel query: the canonical search (null when an error stopped it), the data
/// source its table maps to, the names of the output columns the query computes itself, and diagnostics positioned
/// in the original query text.
/// </summary>
public sealed record KqlTranslation(string? Search, SentinelColumns? Source, ImmutableHashSet<string> ComputedColumns, ImmutableArray<QueryDiagnostic> Diagnostics)
{
    public bool Succeeded => Search is not null;
}

/// <summary>
/// Translates Sentinel KQL into the canonical language. The query is parsed by the canonical parser (the languages
/// coincide in syntax, <see cref="KqlSourceText"/> bridges the spellings that differ); then the table becomes the
/// data source and every table column the query reads becomes the field path the data source maps it to, tracking
/// which names the query itself defines so that a computed column that shadows a table column stays as it is.
/// <c>parse_json</c>/<c>todynamic</c> of a JSON-text column, and <c>parse_json(tostring(x))</c> of a dynamic value,
/// are the path itself. Columns a <c>project</c>, <c>distinct</c> or <c>summarize ... by</c> outputs keep their
/// Sentinel names (<c>SourceIpAddress = sourceIPAddress</c>), so entity mappings and alert templates still match.
/// </summary>
public static partial class KqlTranslator
{
    /// <summary>
    /// Translates <paramref name="query"/>. <paramref name="named"/> are the output columns the rule's metadata names
    /// (entities, custom details, alert placeholders): a table column among them that the query passes through
    /// unchanged is given its Sentinel name by a final <c>extend</c>, since its canonical column is named by its path.
    /// </summary>
    public static KqlTranslation Translate(string query, IReadOnlyDictionary<string, SentinelColumns> tables, IReadOnlyCollection<string>? named = null)
    {
        var (tree, source, scope, diagnostics) = Run(query, tables, named ?? []);
        var search = tree is not null && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? QueryPrinter.Print(tree) : null;
        return new KqlTranslation(search, source, scope?.Defined ?? [], diagnostics);
    }

    /// <summary>The translated tree (null when it did not translate), for comparisons (<see cref="KqlNormalForm"/>).</summary>
    public static (Query? Query, ImmutableArray<QueryDiagnostic> Diagnostics) TranslateTree(string query, IReadOnlyDictionary<string, SentinelColumns> tables)
    {
        // A function the language lacks is kept as a call here: the emitter's own helpers (gettype) must compare.
        var (tree, _, _, diagnostics) = Run(query, tables, []);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Code != SentinelImportCodes.UntranslatedFunction).ToImmutableArray();
        return (errors.IsEmpty ? tree : null, errors);
    }

    private static (Query? Tree, SentinelColumns? Source, Scope? Scope, ImmutableArray<QueryDiagnostic> Diagnostics) Run(string query, IReadOnlyDictionary<string, SentinelColumns> tables, IReadOnlyCollection<string> named)
    {
        if (Unsupported(query) is { } unsupported)
        {
            return (null, null, null, [unsupported]);
        }

        var source = KqlSourceText.Rewrite(query, tables.Keys.ToHashSet(StringComparer.Ordinal));
        var parsed = QueryParser.Parse(source.Text);
        if (parsed.Query is null)
        {
            return (null, null, null, [.. parsed.Diagnostics.Select(d => Untranslated(d, source))]);
        }

        var run = new Translation(tables, source);
        var translated = run.Query(parsed.Query);
        translated = run.NameTableColumns(translated.Query, translated.Scope, named);
        var unordered = source.Unordered.Select(u => new QueryDiagnostic(DiagnosticSeverity.Warning, SentinelImportCodes.ColumnOrderNotCarried, u.Message, new TextSpan(u.Start, u.Length)));
        return (translated.Query, run.Source, translated.Scope, [.. run.Diagnostics, .. HuntingPlaceholders(query), .. unordered]);
    }

    // Constructs named before the parser stumbles on their typed parameters: externaldata reads rows from a URL when the
    // query runs; a let with typed parameters defines a function.
    private static QueryDiagnostic? Unsupported(string query)
    {
        var tokens = KqlTokens.Scan(query);
        if (KqlRefusals.Find(tokens) is { } refused)
        {
            return refused;
        }

        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] is { IsIdentifier: true, Text: "externaldata" } token && tokens[i + 1].Text == "(")
            {
                return QueryDiagnostic.Error(SentinelImportCodes.UntranslatedSyntax,
                    "externaldata (rows downloaded from a URL when the query runs) has no canonical translation: a rule reads its data source and the repository's lists only; put the values in a list under rules/lists and test membership with in @list",
                    new TextSpan(token.Start, token.Text.Length));
            }

            if (tokens[i] is { IsIdentifier: true, Text: "datatable" } table && tokens[i + 1].Text == "(")
            {
                return QueryDiagnostic.Error(SentinelImportCodes.UntranslatedSyntax,
                    "datatable (rows written in the query) has no canonical translation: put the values in a list under rules/lists, or in a let of dynamic([...]), and test membership with in",
                    new TextSpan(table.Start, table.Text.Length));
            }

            if (i + 5 < tokens.Count && tokens[i].Text == "let" && tokens[i + 1].IsIdentifier && tokens[i + 2].Text == "=" && tokens[i + 3].Text == "("
                && tokens[i + 4].IsIdentifier && tokens[i + 5].Text == ":")
            {
                return QueryDiagnostic.Error(SentinelImportCodes.UntranslatedSyntax,
                    $"the function '{tokens[i + 1].Text}' (a let with typed parameters) has no canonical translation: write its body in place, or as a fragment under rules/fragments",
                    new TextSpan(tokens[i + 3].Start, 1));
            }
        }

        return null;
    }

    // {{StartTimeISO}} and the like in a string: Sentinel's hunting page writes the chosen time range there before the
    // query runs. The text is kept (the Sentinel target writes it back for the hunting page to fill), but the other
    // targets read it as it is: the rule is partial, and says so.
    private static IEnumerable<QueryDiagnostic> HuntingPlaceholders(string query) =>
        KqlTokens.Scan(query)
            .Where(t => !t.IsIdentifier && t.Text.Length >= 2 && t.Text[^1] is '\'' or '"' && HuntingPlaceholder().IsMatch(t.Text))
            .Select(t => new QueryDiagnostic(DiagnosticSeverity.Warning, SentinelImportCodes.HuntingPlaceholder,
                $"the hunting placeholder {HuntingPlaceholder().Match(t.Text).Value} is kept as text: Sentinel's hunting page replaces it with the chosen time range, but C# and Splunk read the text itself (todatetime of it is null, so a comparison with it is false); replace it with ago(...) or now() for those targets",
                new TextSpan(t.Start, t.Text.Length)));

    [GeneratedRegex(@"\{\{[A-Za-z]+\}\}")]
    private static partial Regex HuntingPlaceholder();

    private static QueryDiagnostic Untranslated(QueryDiagnostic diagnostic, KqlSourceText source) =>
        diagnostic with
        {
            Code = SentinelImportCodes.UntranslatedSyntax,
            Message = $"KQL not translated ({diagnostic.Code}: {diagnostic.Message})",
            Span = new TextSpan(source.Original(diagnostic.Span.Start), diagnostic.Span.Length),
        };

    /// <summary>The columns a point of the pipeline has: table columns still present, and names the query defined.</summary>
    private sealed record Scope(ImmutableHashSet<string> Live, ImmutableHashSet<string> Defined)
    {
        public static readonly Scope Empty = new([], []);

        /// <summary>KQL names of columns the canonical language names otherwise (a join's <c>x1</c> that does not clash there).</summary>
        public ImmutableDictionary<string, string> Aliases { get; init; } = ImmutableDictionary<string, string>.Empty;

        public Scope Define(string name) => this with { Live = Live.Remove(name), Defined = Defined.Add(name) };

        /// <summary>Whether <see cref="Defined"/> names every column (the pipeline ended in outputs that all have names).</summary>
        public bool Closed { get; init; }

        public Scope Union(Scope other) => new(Live.Union(other.Live), Defined.Union(other.Defined)) { Aliases = Aliases.SetItems(other.Aliases), Closed = Closed && other.Closed };
    }

    private sealed class Translation(IReadOnlyDictionary<string, SentinelColumns> tables, KqlSourceText text)
    {
        private readonly Dictionary<string, Scope> letPipelines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Expression> constants = new(StringComparer.Ordinal);
        private readonly HashSet<Expression> sourcePaths = new(ReferenceEqualityComparer.Instance);

        public List<QueryDiagnostic> Diagnostics { get; } = [];

        public SentinelColumns? Source { get; private set; }

        public (Query Query, Scope Scope) Query(Query query)
        {
            var lets = new List<LetStatement>();
            foreach (var let in query.Lets)
            {
                switch (let)
                {
                    case LetExpression expression:
                        var constant = Expr(expression.Value, Scope.Empty);
                        lets.Add(expression with { Value = constant });
                        constants[let.Name] = constant;
                        break;
                    case LetPipeline pipeline:
                        var (value, scope) = Pipeline(pipeline.Value);
                        lets.Add(pipeline with { Value = value });
                        letPipelines[let.Name] = scope;
                        break;
                }
            }

            var (body, final) = Pipeline(query.Body);
            return (query with { Lets = [.. lets], Body = body }, final);
        }

        public (Query Query, Scope Scope) NameTableColumns(Query query, Scope scope, IReadOnlyCollection<string> named)
        {
            var span = new TextSpan(query.Span.End, 0);
            var columns = named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Where(n => scope.Live.Contains(n) && !scope.Defined.Contains(n) && Source?.PathOf(n) is not null)
                .Select(n => new Assignment(n, Source!.Path(n, [], span), span))
                .ToImmutableArray();
            if (columns.IsEmpty)
            {
                return (query, scope);
            }

            var body = query.Body with { Stages = [.. query.Body.Stages, new ExtendStage(columns, span)] };
            return (query with { Body = body }, columns.Aggregate(scope, (s, c) => s.Define(c.Name!)));
        }

        private (Pipeline Pipeline, Scope Scope) Pipeline(Pipeline pipeline)
        {
            PipelineSource input = pipeline.Source;
            var scope = Scope.Empty;
            if (pipeline.Source is LetPipelineInput named)
            {
                if (letPipelines.TryGetValue(named.Name, out var letScope))
                {
                    scope = letScope;
                }
                else if (tables.TryGetValue(named.Name, out var table))
                {
                    UseTable(table, named.Span);
                    input = new DataSourceInput(named.Span);
                    scope = new Scope([.. table.Names], []);
                }
                else
                {
                    Report(SentinelImportCodes.UnmappedTable, $"no data source reads the table '{named.Name}' (data sources name their table in sentinel.table)", named.Span);
                }
            }

            var stages = new List<Stage>();
            foreach (var stage in pipeline.Stages)
            {
                if (stage is JoinStage lookup && text.Lookups.Contains(lookup.Span.Start))
                {
                    (var written, scope) = Lookup(lookup, scope);
                    stages.AddRange(written);
                    continue;
                }

                var (translated, next) = Stage(stage, scope);
                stages.Add(translated);
                scope = next;
            }

            return (pipeline with { Source = input, Stages = [.. stages.Where(s => s is not ExtendStage { Columns.IsEmpty: true })] }, scope);
        }

        private void UseTable(SentinelColumns table, TextSpan span)
        {
            if (Source is null)
            {
                Source = table;
            }
            else if (Source.Source.Name != table.Source.Name)
            {
                Report(SentinelImportCodes.UnmappedTable, $"a rule reads one data source; '{table.Source.Sentinel.Table}' is another than '{Source.Source.Sentinel.Table}'", span);
            }
        }

        private (Stage Stage, Scope Scope) Stage(Stage stage, Scope scope)
        {
            switch (stage)
            {
                case WhereStage where:
                    return (where with { Predicate = Expr(where.Predicate, scope) }, scope);
                case ExtendStage extend:
                    var columns = new List<Assignment>();
                    foreach (var column in extend.Columns)
                    {
                        if (ConvertsIntegerColumnOfRealField(column, scope))
                        {
                            // The Sentinel emitter's own conversion of an integer column to its real field (which
                            // the canonical field already is): nothing to carry.
                            continue;
                        }

                        columns.Add(column with { Value = Expr(column.Value, scope) });
                        if (column.Name is { } name)
                        {
                            scope = scope.Define(name);
                        }
                    }

                    return (extend with { Columns = [.. columns] }, scope);
                case ProjectStage project:
                    var projected = Outputs(project.Columns, scope);
                    return (project with { Columns = projected }, Only(projected));
                case DistinctStage distinct:
                    var distinctColumns = Outputs(distinct.Columns, scope);
                    return (distinct with { Columns = distinctColumns }, Only(distinctColumns));
                case ProjectAwayStage away:
                    var removed = scope;
                    foreach (var column in away.Columns)
                    {
                        if (Single(column) is { } name && !removed.Defined.Contains(name) && removed.Aliases.TryGetValue(name, out var rightColumn))
                        {
                            // KQL's X1 is the right side's X: removing it leaves the left's table column X.
                            removed = removed with { Defined = removed.Defined.Remove(rightColumn) };
                        }
                        else if (Single(column) is { } removedName)
                        {
                            removed = removed with { Live = removed.Live.Remove(removedName), Defined = removed.Defined.Remove(removedName) };
                        }
                    }

                    // A table column no field maps is not a canonical column: removing it is nothing to translate.
                    var kept = away.Columns.Where(c => !(Single(c) is { } n && scope.Live.Contains(n) && Source?.IsUnmapped(n) == true)).ToImmutableArray();
                    return kept.IsEmpty
                        ? (new ExtendStage([], away.Span), removed)
                        : (away with { Columns = [.. kept.SelectMany(c => RemovedFields(c, scope))] }, removed);
                case ProjectRenameStage rename:
                    var renamed = scope;
                    foreach (var pair in rename.Renames)
                    {
                        if (Single(pair.Old) is { } old)
                        {
                            renamed = renamed with { Live = renamed.Live.Remove(old), Defined = renamed.Defined.Remove(old) };
                        }

                        renamed = renamed.Define(pair.NewName);
                    }

                    return (rename with { Renames = [.. rename.Renames.Select(r => r with { Old = (FieldExpression)Expr(r.Old, scope) })] }, renamed);
                case MvExpandStage expand:
                    var array = Expr(expand.Array, scope);
                    var expandedName = expand.Name ?? expand.Array switch
                    {
                        FieldExpression field when IsTableColumn(field, scope) => Single(field),
                        FunctionCallExpression { Name: "parse_json" or "todynamic", Arguments: [FieldExpression field] } => Single(field),
                        _ => null,
                    };
                    var expanded = expand with { Name = expandedName, Array = array };
                    return (expanded, expandedName is null ? scope : scope.Define(expandedName));
                case SummarizeStage summarize:
                    var aggregates = summarize.Aggregates.Select(a => Aggregate(a, scope)).ToImmutableArray();
                    var by = Outputs(summarize.By, scope);
                    var summarized = Only([.. by, .. aggregates]);
                    // arg_max(x, *) and arg_min(x, *) keep every column of the row they pick.
                    var keepsAll = summarize.Aggregates.Any(a => a.Value is FunctionCallExpression { Name: "arg_max" or "arg_min" } call && call.Arguments.Any(x => x is WildcardExpression));
                    return (summarize with { Aggregates = aggregates, By = by }, keepsAll ? scope.Union(summarized) : summarized);
                case SortStage sort:
                    return (sort with { Keys = [.. sort.Keys.Select(k => k with { Value = Expr(k.Value, scope) })] }, scope);
                case JoinStage join:
                    var (joinStage, joined, _) = Join(join, scope);
                    return (joinStage, joined);
                case UnionStage union:
                    var arms = union.Pipelines.Select(Pipeline).ToList();
                    return (union with { Pipelines = [.. arms.Select(a => a.Pipeline)] }, arms.Aggregate(scope, (s, a) => s.Union(a.Scope)));
                default:
                    return (stage, scope);
            }
        }

        private (JoinStage Join, Scope Joined, Scope Right) Join(JoinStage join, Scope scope)
        {
            var (right, rightScope) = Pipeline(join.Right);
            var on = join.On.Select(e => JoinKey(e, scope, rightScope)).ToImmutableArray();
            // KQL suffixes a right column whose name the left has with 1; when the left's is a table column,
            // its canonical name is the field path and the right column keeps its name.
            var aliases = rightScope.Defined.Where(n => scope.Live.Contains(n) && Source?.PathOf(n) is not null)
                .ToImmutableDictionary(n => n + "1", n => n);
            var joined = scope.Union(rightScope);
            return (join with { Right = right, On = on }, joined with { Aliases = joined.Aliases.SetItems(aliases) }, rightScope);
        }

        /// <summary>
        /// KQL's <c>lookup kind=leftouter|inner (R) on keys</c>: the join of that kind, then the right side's key columns
        /// removed, since lookup does not repeat them. Translated only where the columns are known to be those: the
        /// right side outputs named columns only (it ends in project, distinct or summarize), none of which but the keys
        /// the left side also has (lookup's naming of such a clash is not join's).
        /// </summary>
        private (IReadOnlyList<Stage> Stages, Scope Scope) Lookup(JoinStage lookup, Scope scope)
        {
            var (join, joinedScope, rightScope) = Join(lookup, scope);
            var keys = lookup.On.Select(k => k switch
            {
                FieldExpression field => Single(field),
                BinaryExpression { Operator: BinaryOperator.Equal, Left: JoinSideExpression { Side: JoinSide.Left }, Right: JoinSideExpression { Side: JoinSide.Right } right } => Single(right.Field),
                _ => null,
            }).ToList();
            var unnamed = !rightScope.Closed || rightScope.Live.Count > 0;
            var clash = rightScope.Defined.Except(keys.OfType<string>()).Where(n => scope.Defined.Contains(n) || scope.Live.Contains(n)).ToList();
            if (lookup.Kind is not (JoinKind.LeftOuter or JoinKind.Inner) || keys.Any(k => k is null) || unnamed || clash.Count > 0)
            {
                var why = lookup.Kind is not (JoinKind.LeftOuter or JoinKind.Inner) ? "lookup's kinds are leftouter and inner"
                    : unnamed ? "the right side's columns are not all named (end it in project, distinct or summarize with named aggregates)"
                    : clash.Count > 0 ? $"the right side's column '{clash[0]}' is also a column of the left side, which lookup names otherwise than join"
                    : "a key is not a column";
                Report(SentinelImportCodes.RefusedStage, $"the KQL stage 'lookup' is not translated: {why}", new TextSpan(lookup.Span.Start, 4));
                return ([join], joinedScope);
            }

            // The join names a right key after the left's column of that name with a 1, where the left has one.
            var removed = keys.OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(k => scope.Defined.Contains(k) || scope.Live.Any(n => Source?.PathOf(n) is { } path && string.Join('.', path) == k) ? k + "1" : k)
                .Select(k => new FieldExpression([new MemberSegment(k, false, lookup.Span)], lookup.Span))
                .ToImmutableArray();
            var kept = rightScope with { Defined = rightScope.Defined.Except(keys.OfType<string>()) };
            return ([join, new ProjectAwayStage(removed, lookup.Span)], scope.Union(kept));
        }

        private Expression JoinKey(Expression key, Scope left, Scope right) => key switch
        {
            JoinSideExpression { Side: JoinSide.Left } side => side with { Field = (FieldExpression)Expr(side.Field, left) },
            JoinSideExpression side => side with { Field = (FieldExpression)Expr(side.Field, right) },
            BinaryExpression binary => binary with { Left = JoinKey(binary.Left, left, right), Right = JoinKey(binary.Right, left, right) },
            FieldExpression field when Expr(field, left) is var l && Expr(field, right) is var r && QueryPrinter.Print(l) != QueryPrinter.Print(r) =>
                new BinaryExpression(BinaryOperator.Equal, new JoinSideExpression(JoinSide.Left, (FieldExpression)l, key.Span), new JoinSideExpression(JoinSide.Right, (FieldExpression)r, key.Span), key.Span),
            _ => Expr(key, left),
        };

        // project, distinct and by: a table column keeps its Sentinel name as the output column's name;
        // bin() of a table column too, as KQL names it.
        private ImmutableArray<Assignment> Outputs(ImmutableArray<Assignment> columns, Scope scope) =>
            [.. columns.Select(column =>
            {
                var value = Expr(column.Value, scope);
                var name = column.Name ?? column.Value switch
                {
                    FieldExpression field when IsTableColumn(field, scope) => Single(field),
                    FunctionCallExpression { Name: "bin" or "floor", Arguments: [FieldExpression field, ..] } when IsTableColumn(field, scope) => Single(field),
                    // KQL names a conversion of a column after the column.
                    FunctionCallExpression { Name: "tostring" or "tolong" or "toint" or "todouble" or "toreal" or "tobool" or "todatetime", Arguments: [FieldExpression field] } => Single(field),
                    _ => null,
                };
                return column with { Name = name, Value = value };
            })];

        // KQL names an unnamed aggregate of a column fn_Column (set_, list_, any_ for make_set, make_list, take_any);
        // the canonical language names it after the field path, so aggregates of a table column are named here.
        private Assignment Aggregate(Assignment aggregate, Scope scope)
        {
            if (aggregate.Name is null && KqlFunctionForms.NeedsName(aggregate.Value))
            {
                Report(SentinelImportCodes.RefusedFunction, $"an unnamed {((FunctionCallExpression)aggregate.Value).Name} is not translated: its canonical form is another aggregate, which KQL would name otherwise; name it (n = {((FunctionCallExpression)aggregate.Value).Name}(...))", aggregate.Span);
            }

            var value = Expr(aggregate.Value, scope);
            if (aggregate.Name is null && aggregate.Value is FunctionCallExpression { Arguments: [FieldExpression field] } call && IsTableColumn(field, scope))
            {
                var prefix = call.Name switch { "make_set" or "makeset" => "set", "make_list" or "makelist" => "list", "take_any" => "any", _ => call.Name };
                return aggregate with { Name = prefix + "_" + Single(field), Value = value };
            }

            return aggregate with { Value = value };
        }

        private static Scope Only(IEnumerable<Assignment> outputs)
        {
            var names = outputs.Select(o => o.Name ?? (o.Value is FieldExpression f ? Single(f) : null)).ToList();
            return new([], [.. names.OfType<string>()]) { Closed = names.All(n => n is not null) };
        }

        private static string? Single(FieldExpression field) =>
            field.Path is [MemberSegment { Quoted: false } first] ? first.Name : null;

        /// <summary>What removing a column removes in the canonical rows: every field the table column holds.</summary>
        private IEnumerable<FieldExpression> RemovedFields(FieldExpression column, Scope scope)
        {
            yield return (FieldExpression)Expr(column, scope);
            if (Single(column) is { } name && IsTableColumn(column, scope))
            {
                foreach (var path in Source!.SharedPathsOf(name))
                {
                    yield return new FieldExpression([.. path.Select(p => new MemberSegment(p, false, column.Span))], column.Span);
                }
            }
        }

        /// <summary><c>C = toreal(C)</c> for a table column <c>C</c> of a real field whose table type is an integer.</summary>
        private bool ConvertsIntegerColumnOfRealField(Assignment column, Scope scope) =>
            column is { Name: { } name, Value: FunctionCallExpression { Name: "toreal" or "todouble", Arguments: [FieldExpression argument] } }
            && Single(argument) == name && IsTableColumn(argument, scope)
            && Source!.Source.Fields.Any(f => f.SentinelColumn == name && f.IsRealInIntegerColumn(Source.Source.Sentinel.Columns));

        private bool IsTableColumn(FieldExpression field, Scope scope) =>
            field.Path is [MemberSegment { Quoted: false } first, ..] && !scope.Defined.Contains(first.Name) && scope.Live.Contains(first.Name)
            && !constants.ContainsKey(first.Name) && Source?.PathOf(first.Name) is not null;

        private Expression Expr(Expression expression, Scope scope)
        {
            switch (expression)
            {
                case FieldExpression { Path: [MemberSegment { Quoted: false } alias, ..] } field when !scope.Defined.Contains(alias.Name) && scope.Aliases.TryGetValue(alias.Name, out var target):
                    return field with { Path = [new MemberSegment(target, false, alias.Span), .. field.Path[1..]] };
                case FieldExpression field when IsTableColumn(field, scope):
                    var column = ((MemberSegment)field.Path[0]).Name;
                    var path = Source!.Path(column, field.Path[1..], field.Span);
                    if (Source.IsDynamic(column))
                    {
                        sourcePaths.Add(path);
                    }

                    return path;
                case FunctionCallExpression call:
                    return Call(call, scope);
                case PathAccessExpression access:
                    return Access(access, scope);
                case BinaryExpression binary:
                    return binary with { Left = Expr(binary.Left, scope), Right = Expr(binary.Right, scope) };
                case UnaryExpression unary:
                    return unary with { Operand = Expr(unary.Operand, scope) };
                case InExpression { Operator: InOperator.In, List: ListLiteral items } has when HasOperator(has) is { } op:
                    // x has_any (a, b) is x has a or x has b; has_all is the and.
                    var value = Expr(has.Value, scope);
                    var needles = items.Items is [FieldExpression { Path: [MemberSegment { Quoted: false } named] }] && constants.TryGetValue(named.Name, out var constant)
                        ? constant switch
                        {
                            ArrayExpression values => values.Items,
                            FunctionCallExpression { Name: "pack_array" } values => values.Arguments,
                            _ => default,
                        }
                        : items.Items;
                    if (needles.IsDefault)
                    {
                        Report(SentinelImportCodes.UntranslatedSyntax, $"{op} of '{QueryPrinter.Print(items.Items[0])}', which is not a list of constants, is not translated", has.Span);
                        return has;
                    }

                    var terms = needles.Select(i => (Expression)new BinaryExpression(BinaryOperator.Has, value, Expr(i, scope), has.Span)).ToList();
                    return terms.Count == 0
                        ? new LiteralExpression(LiteralKind.Bool, op == "has_all", has.Span)
                        : terms.Aggregate((a, b) => new BinaryExpression(op == "has_all" ? BinaryOperator.And : BinaryOperator.Or, a, b, has.Span));
                case InExpression { List: ListLiteral { Items: [FieldExpression { Path: [MemberSegment { Quoted: false } pipelineName] }] } } pipelineList when letPipelines.ContainsKey(pipelineName.Name):
                    // x in (p) of a let sub-pipeline p is KQL's spelling of membership in p's one column.
                    return pipelineList with { Value = Expr(pipelineList.Value, scope), List = new LetListReference(pipelineName.Name, pipelineList.List.Span) };
                case InExpression @in:
                    var list = @in.List is ListLiteral literal ? literal with { Items = [.. literal.Items.Select(i => Expr(i, scope))] } : @in.List;
                    return @in with { Value = Expr(@in.Value, scope), List = list };
                case BetweenExpression between:
                    return between with { Value = Expr(between.Value, scope), Low = Expr(between.Low, scope), High = Expr(between.High, scope) };
                case ArrayExpression array:
                    return array with { Items = [.. array.Items.Select(i => Expr(i, scope))] };
                default:
                    return expression;
            }
        }

        private string? HasOperator(InExpression @in) =>
            text.HasOperators.Where(h => h.Key >= @in.Value.Span.End && h.Key < @in.List.Span.Start).Select(h => h.Value).FirstOrDefault();

        private Expression Call(FunctionCallExpression call, Scope scope)
        {
            if (KqlFunctionForms.Of(call) is { } form)
            {
                if (form.Expression is null)
                {
                    Report(SentinelImportCodes.RefusedFunction, form.Refusal!, call.Span);
                    return call;
                }

                return Expr(form.Expression, scope);
            }

            if (call is { Name: "column_ifexists", Arguments: [LiteralExpression { Kind: LiteralKind.String, Value: string column }, var fallback] } && ColumnIfExists(column, fallback, call.Span, scope) is { } existing)
            {
                return Expr(existing, scope);
            }

            if (FunctionCatalogue.Find(call.Name) is null)
            {
                var reason = KqlFunctionForms.WhyNot(call.Name) is { } why ? ": " + why : "";
                Report(SentinelImportCodes.UntranslatedFunction, $"the KQL function '{call.Name}' has no canonical translation{reason}", call.Span);
                return call;
            }

            // parse_json(Column) of a JSON-text column, and parse_json(tostring(x)) of a dynamic path, are the path.
            if (call is { Name: "parse_json" or "todynamic", Arguments: [var argument] })
            {
                var inner = argument is FunctionCallExpression { Name: "tostring", Arguments: [var text] } ? Expr(text, scope) : Expr(argument, scope);
                if (sourcePaths.Contains(inner))
                {
                    return inner;
                }
            }

            return call with { Arguments = [.. call.Arguments.Select(a => Expr(a, scope))] };
        }

        // column_ifexists("C", d) is the column C where the rows have it (a column the query defined, or a table
        // column a field maps), and d where the table has no column C; a table column no field maps has no canonical
        // value (null: reported as an untranslated function).
        private Expression? ColumnIfExists(string column, Expression fallback, TextSpan span, Scope scope)
        {
            var field = new FieldExpression([new MemberSegment(column, false, span)], span);
            if (scope.Defined.Contains(column) || IsTableColumn(field, scope))
            {
                return field;
            }

            return scope.Live.Contains(column) ? null : fallback;
        }

        private Expression Access(PathAccessExpression access, Scope scope)
        {
            // KQL's split(s, d, i) is the one-element array [split(s, d)[i]]; indexed with [0] it is split(s, d)[i].
            if (access is { Target: FunctionCallExpression { Name: "split", Arguments: [var s, var d, LiteralExpression { Kind: LiteralKind.Long } index] } split, Path: [IndexSegment { Index: 0 } zero, .. var rest] })
            {
                var whole = new FunctionCallExpression("split", [s, d], split.Span);
                return Access(access with { Target = whole, Path = [new IndexSegment((int)(long)index.Value!, zero.Span), .. rest] }, scope);
            }

            var target = Expr(access.Target, scope);
            if (sourcePaths.Contains(target) && target is FieldExpression field)
            {
                var path = field with { Path = [.. field.Path, .. access.Path], Span = access.Span };
                sourcePaths.Add(path);
                return path;
            }

            return access with { Target = target };
        }

        private void Report(string code, string message, TextSpan span) =>
            Diagnostics.Add(QueryDiagnostic.Error(code, message, new TextSpan(text.Original(span.Start), span.Length)));
    }
}
