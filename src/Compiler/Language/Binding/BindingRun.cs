using System.Collections.ObjectModel;
using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>
/// One binding of one query: a visitor over the AST that builds the typed bound tree and collects diagnostics
/// while it walks. Split by concern into partial files.
/// </summary>
internal sealed partial class BindingRun(BindingContext context)
{
    private readonly List<BindDiagnostic> _diagnostics = [];
    private readonly Dictionary<Expression, BoundExpression> _expressions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, BoundLet> _lets = new(StringComparer.Ordinal);
    private readonly Stack<string> _fragmentStack = new();

    /// <summary>Where the query's main pipeline starts: a name there is most likely a KQL table name.</summary>
    private PipelineSource? _querySource;

    /// <summary>The fragment whose text the spans being bound point into (null: the rule's search).</summary>
    private string? CurrentFragment => _fragmentStack.Count == 0 ? null : _fragmentStack.Peek();

    public BoundQuery BindQuery(Query query)
    {
        var lets = ImmutableArray.CreateBuilder<BoundLet>(query.Lets.Length);
        foreach (var let in query.Lets)
        {
            var bound = BindLet(let);
            lets.Add(bound);
            if (!_lets.TryAdd(let.Name, bound))
            {
                Error(BindingCodes.DuplicateLet, $"'{let.Name}' is already defined by an earlier let", let.Span);
                _lets[let.Name] = bound;
            }
        }
        _querySource = query.Body.Source;
        var body = BindPipeline(query.Body);
        return new BoundQuery(query, lets.MoveToImmutable(), body, [.. _diagnostics],
            new ReadOnlyDictionary<Expression, BoundExpression>(_expressions));
    }

    private BoundLet BindLet(LetStatement let) => let switch
    {
        LetExpression constant => new BoundLetConstant(constant.Name, BindExpression(constant.Value, ExpressionScope.Constant), Where(let.Span)),
        LetPipeline pipeline => new BoundLetPipeline(pipeline.Name, BindPipeline(pipeline.Value), Where(let.Span)),
        _ => throw new InvalidOperationException($"Unhandled let statement {let.GetType().Name}"),
    };

    private BoundPipeline BindPipeline(Pipeline pipeline)
    {
        var source = BindSource(pipeline.Source);
        var stages = BindStages(pipeline.Stages, source.Schema);
        return new BoundPipeline(source, stages, Where(pipeline.Span));
    }

    private BoundSource BindSource(PipelineSource source)
    {
        switch (source)
        {
            case LetPipelineInput named:
                if (_lets.TryGetValue(named.Name, out var let))
                {
                    if (let is BoundLetPipeline sub) return new BoundLetPipelineInput(sub);
                    Error(BindingCodes.LetKind, $"'{named.Name}' is a constant, not a sub-pipeline", named.Span);
                    return new BoundUnresolvedInput();
                }
                var hint = Suggest(named.Name, _lets.Keys);
                if (hint.Length == 0 && ReferenceEquals(named, _querySource))
                {
                    Error(BindingCodes.TableNameSource, $"'{named.Name}' is not a let name: a query starts at the rule's data source ({context.DataSource.Name}), so drop the table name and start with the first stage, as in: where ...", named.Span);
                    return new BoundUnresolvedInput();
                }
                Error(BindingCodes.UnknownLet, $"unknown let name '{named.Name}'{hint}", named.Span);
                return new BoundUnresolvedInput();
            case TableInput table:
                return BindTable(table);
            default:
                return new BoundDataSourceInput(context.DataSource, RowSchema.ForSource(context.DataSource));
        }
    }

    /// <summary>
    /// <c>table(name)</c>: the table's columns with their declared types. The main pipeline reads the rule's data
    /// source (a detection is about its events); a table is read by a let, a join's right side or a union member.
    /// </summary>
    private BoundSource BindTable(TableInput table)
    {
        if (!context.Tables.TryGetValue(table.Name, out var definition))
        {
            Error(BindingCodes.UnknownTable, $"unknown table '{table.Name}' (rules/tables/{table.Name}.yml){Suggest(table.Name, context.Tables.Keys)}", table.NameSpan);
            return new BoundUnresolvedInput();
        }

        if (ReferenceEquals(table, _querySource))
        {
            Error(BindingCodes.TableAsMainSource, $"the main pipeline reads the rule's data source ({context.DataSource.Name}); read table({table.Name}) in a let, a join's right side or a union member", table.Span);
        }

        var columns = definition.Columns.Select(c => Column.Computed(c.Name, ScalarTypes.FromField(c.Type)));
        return new BoundTableInput(definition, new RowSchema([.. columns]), Where(table.Span));
    }

    private ImmutableArray<BoundStage> BindStages(ImmutableArray<Stage> stages, RowSchema input)
    {
        var bound = ImmutableArray.CreateBuilder<BoundStage>(stages.Length);
        var schema = input;
        var sorted = false;
        foreach (var stage in stages)
        {
            // Results are sets unless sorted (docs/semantics.md decision 5): take without a sort keeps arbitrary rows.
            sorted = stage is SortStage || (sorted && stage is not (SummarizeStage or DistinctStage or JoinStage or UnionStage));
            if (stage is TakeStage && !sorted)
            {
                Warning(BindingCodes.TakeWithoutSort, "take without a preceding sort keeps an unspecified subset of the rows on Sentinel and Splunk; sort first", stage.Span);
            }

            var result = BindStage(stage, schema);
            bound.Add(result);
            schema = result.Output;
        }
        return bound.MoveToImmutable();
    }

    /// <summary>Where a span of the text being bound (the search, or the current fragment) is in its file.</summary>
    private SourceSpan Where(TextSpan span) => context.Locator.Locate(span, CurrentFragment);

    private void Error(string code, string message, TextSpan span) =>
        _diagnostics.Add(new BindDiagnostic(DiagnosticSeverity.Error, code, message, span, CurrentFragment));

    private void Warning(string code, string message, TextSpan span) =>
        _diagnostics.Add(new BindDiagnostic(DiagnosticSeverity.Warning, code, message, span, CurrentFragment));

    private static string Suggest(string written, IEnumerable<string> candidates) =>
        DidYouMean.Closest(written, candidates) is { } best ? $"; did you mean '{best}'?" : "";
}
