using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// A KQL query as lines to compare: the query translated into the canonical language (so table columns and
/// field paths, <c>parse_json</c> and quoting spellings coincide), then put in one normal form: one line per
/// <c>let</c> (sorted) and per stage, one per <c>extend</c> assignment; operands of <c>and</c>/<c>or</c> and of
/// equality sorted; whitespace and parentheses as the printer writes them. The conventions the Sentinel emitter
/// follows for the language's meaning are undone, so they do not count as differences: <c>tostring</c> around a
/// dynamic operand, <c>not(coalesce(p, false))</c>, <c>tolower(x) == tolower("lit")</c>, <c>isempty</c> for
/// <c>isnull</c> of a string, KQL's names for the language's functions (<c>iif</c>, <c>toreal</c>, <c>tolong</c>,
/// <c>bag_pack</c>, <c>bin</c>), the three-stage <c>mv-expand</c>, and identity renames.
/// </summary>
public static partial class KqlNormalForm
{
    public static IReadOnlyList<string> Of(string kql, IReadOnlyDictionary<string, SentinelColumns> tables)
    {
        var translation = KqlTranslator.TranslateTree(kql, tables);
        if (translation.Query is not { } query)
        {
            return [.. translation.Diagnostics.Select(d => $"untranslatable: {d.Message}")];
        }

        var lines = new List<string>();
        foreach (var let in query.Lets)
        {
            lines.Add("let " + let.Name + " = " + (let switch
            {
                LetExpression e => Print(Normalise(e.Value)),
                LetPipeline p => "(" + string.Join(" | ", Stages(Normalise(p.Value))) + ")",
                _ => "",
            }));
        }

        lines.Sort(StringComparer.Ordinal);
        var renames = tables.Values.SelectMany(t => t.Names.Where(n => t.PathOf(n) is not null).Select(n => $"extend {n} = {string.Join('.', t.PathOf(n)!)}")).ToHashSet(StringComparer.Ordinal);
        lines.AddRange(Stages(Normalise(query.Body)).Where(l => !renames.Contains(l)));
        return lines;
    }

    private static List<string> Stages(Pipeline pipeline)
    {
        var lines = new List<string>();
        foreach (var stage in pipeline.Stages)
        {
            switch (stage)
            {
                case ExtendStage extend:
                    // extend x (a column onto itself) changes nothing; nor does giving a table column its own Sentinel name.
                    lines.AddRange(extend.Columns.Where(c => !(c.Name is null && c.Value is FieldExpression)).Select(c => "extend " + (c.Name is null ? "" : c.Name + " = ") + Print(c.Value)));
                    break;
                case ProjectRenameStage rename:
                    // A rename and an extend of the same value differ only in whether the old column stays; the
                    // emitter copies when a later stage still reads it.
                    lines.AddRange(rename.Renames.Where(r => r.NewName != Print(r.Old)).Select(r => $"extend {r.NewName} = {Print(r.Old)}"));
                    break;
                case MvExpandStage expand:
                    // mv-expand x = e is extend x = e | mv-expand x = x; the emitter's where isnotempty(x) |
                    // mv-expand x = iif(gettype(x) == "dictionary", ...) is the language's mv-expand of x.
                    var array = Print(expand.Array);
                    var name = expand.Name ?? array;
                    if (array.StartsWith("iif(", StringComparison.Ordinal) && array.Contains("gettype(", StringComparison.Ordinal) && lines.Count >= 1 && lines[^1] == $"where isnotempty({name})")
                    {
                        lines.RemoveAt(lines.Count - 1);
                    }
                    else if (array != name)
                    {
                        lines.Add($"extend {name} = {array}");
                    }

                    lines.Add($"mv-expand {name}");
                    break;
                case SummarizeStage { Aggregates.IsEmpty: true } keys:
                    // summarize by a, b is distinct a, b (the emitter writes it when a key needs an expression).
                    lines.Add(OneLine(QueryPrinter.Print(new DistinctStage(keys.By, keys.Span))));
                    break;
                default:
                    lines.Add(OneLine(QueryPrinter.Print(stage)));
                    break;
            }
        }

        return lines;
    }

    private static Pipeline Normalise(Pipeline pipeline) => pipeline with { Stages = [.. pipeline.Stages.Select(Normalise)] };

    private static Stage Normalise(Stage stage) => stage switch
    {
        WhereStage where => where with { Predicate = Normalise(where.Predicate) },
        ExtendStage extend => extend with { Columns = Normalise(extend.Columns) },
        ProjectStage project => project with { Columns = Normalise(project.Columns) },
        DistinctStage distinct => distinct with { Columns = Normalise(distinct.Columns) },
        SummarizeStage summarize => summarize with { Aggregates = [.. Normalise(summarize.Aggregates).Select(Aggregate)], By = Normalise(summarize.By) },
        MvExpandStage expand => expand with { Array = Normalise(expand.Array) },
        SortStage sort => sort with { Keys = [.. sort.Keys.Select(k => k with { Value = Normalise(k.Value) })] },
        JoinStage join => join with { Right = Normalise(join.Right), On = [.. join.On.Select(JoinKey)] },
        UnionStage union => union with { Pipelines = [.. union.Pipelines.Select(Normalise)] },
        _ => stage,
    };

    private static ImmutableArray<Assignment> Normalise(ImmutableArray<Assignment> columns) =>
        [.. columns.Select(c => c with { Name = c.Name == Print(Normalise(c.Value)) ? null : c.Name, Value = Normalise(c.Value) })];

    private static Expression Normalise(Expression expression)
    {
        switch (expression)
        {
            case FieldExpression { Path: [MemberSegment { Quoted: true } dotted, .. var rest] } quoted when dotted.Name.Contains('.', StringComparison.Ordinal):
                // The emitter names a column that holds a field by its path (['userIdentity.arn']): the path itself.
                return quoted with { Path = [.. dotted.Name.Split('.').Select(n => (PathSegment)new MemberSegment(n, false, dotted.Span)), .. rest] };
            case FunctionCallExpression { Name: "tostring", Arguments: [var inner] }:
                return Normalise(inner);
            case FunctionCallExpression { Name: "not", Arguments: [var operand] }:
                return Normalise(new UnaryExpression(UnaryOperator.Not, operand, expression.Span));
            case FunctionCallExpression { Name: "coalesce", Arguments: [var value, LiteralExpression { Kind: LiteralKind.Bool, Value: false }] }:
                return Normalise(value);
            case FunctionCallExpression call:
                return call with { Name = Spelling(call.Name), Arguments = [.. call.Arguments.Select(Normalise)] };
            case BinaryExpression { Operator: BinaryOperator.Equal, Left: FunctionCallExpression { Name: "tolower", Arguments: [var left] }, Right: FunctionCallExpression { Name: "tolower", Arguments: [var right] } } lowered:
                return Normalise(lowered with { Operator = BinaryOperator.EqualCi, Left = left, Right = right });
            case BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } logic:
                var operands = Flatten(logic, logic.Operator).Select(Normalise).OrderBy(Print, StringComparer.Ordinal).ToList();
                return operands.Aggregate((a, b) => new BinaryExpression(logic.Operator, a, b, logic.Span));
            case BinaryExpression { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.EqualCi or BinaryOperator.NotEqualCi } equality:
                var (l, r) = (Normalise(equality.Left), Normalise(equality.Right));
                return string.CompareOrdinal(Print(l), Print(r)) <= 0 ? equality with { Left = l, Right = r } : equality with { Left = r, Right = l };
            case BinaryExpression binary:
                return binary with { Left = Normalise(binary.Left), Right = Normalise(binary.Right) };
            case UnaryExpression unary:
                // not(x == y) is x != y by definition (the emitter's guarded spelling of != for values KQL holds as null).
                return Normalise(unary.Operand) is BinaryExpression { Operator: BinaryOperator.Equal or BinaryOperator.EqualCi } equal && unary.Operator == UnaryOperator.Not
                    ? equal with { Operator = equal.Operator == BinaryOperator.Equal ? BinaryOperator.NotEqual : BinaryOperator.NotEqualCi }
                    : unary with { Operand = Normalise(unary.Operand) };
            case InExpression @in:
                return @in with { Value = Normalise(@in.Value), List = @in.List is ListLiteral list ? list with { Items = [.. list.Items.Select(Normalise)] } : @in.List };
            case BetweenExpression between:
                return between with { Value = Normalise(between.Value), Low = Normalise(between.Low), High = Normalise(between.High) };
            case PathAccessExpression access:
                var target = Normalise(access.Target);
                return target is FieldExpression field ? field with { Path = [.. field.Path, .. access.Path] } : access with { Target = target };
            case ArrayExpression array:
                return array with { Items = [.. array.Items.Select(Normalise)] };
            default:
                return expression;
        }
    }

    // An aggregate under KQL's own name for it is unnamed; arg_max(x, c1, c2, ...) over columns is arg_max(x, *), the
    // emitter's spelling of it (it lists the columns).
    private static Assignment Aggregate(Assignment aggregate)
    {
        if (aggregate.Value is FunctionCallExpression { Name: "arg_max" or "arg_min", Arguments: [var by, ..] } pick)
        {
            return new Assignment(null, pick with { Arguments = [by, new WildcardExpression(pick.Span)] }, aggregate.Span);
        }

        var kqlName = aggregate.Value switch
        {
            FunctionCallExpression { Name: "count", Arguments.IsEmpty: true } => "count_",
            FunctionCallExpression { Arguments: [FieldExpression { Path: [MemberSegment only] }] } call => call.Name switch
            {
                "make_set" => "set_",
                "make_list" => "list_",
                "take_any" => "any_",
                _ => call.Name + "_",
            } + only.Name,
            _ => null,
        };
        return aggregate.Name == kqlName ? aggregate with { Name = null } : aggregate;
    }

    // $left.a == $right.a is the key a.
    private static Expression JoinKey(Expression key) =>
        key is BinaryExpression { Operator: BinaryOperator.Equal, Left: JoinSideExpression left, Right: JoinSideExpression right } && Print(left.Field) == Print(right.Field)
            ? left.Field
            : Normalise(key);

    private static IEnumerable<Expression> Flatten(Expression expression, BinaryOperator op) =>
        expression is BinaryExpression binary && binary.Operator == op ? Flatten(binary.Left, op).Concat(Flatten(binary.Right, op)) : [expression];

    // The language's names for the functions KQL spells otherwise (docs/sentinel-backend.md).
    private static string Spelling(string name) => name switch
    {
        "iff" => "iif",
        "todouble" => "toreal",
        "toint" => "tolong",
        "todynamic" => "parse_json",
        "bag_pack" => "pack",
        "floor" => "bin",
        "isnull" => "isempty",
        "isnotnull" => "isnotempty",
        _ => name,
    };

    private static string Print(Expression expression) => QueryPrinter.Print(expression);

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
