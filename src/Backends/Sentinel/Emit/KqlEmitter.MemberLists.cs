using System.Globalization;
using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>
/// <c>[*]</c> paths (docs/semantics.md §5.2). KQL has no scalar map over an array, so before a stage that reads one
/// the emitter inserts an <c>mv-apply</c> that collects the member list into a hidden column, and one per
/// any-element test (a comparison with a member list on the left) that counts the elements satisfying it. Every
/// <c>mv-apply</c> expands an array that is never empty (an empty array or a non-array becomes <c>[null]</c>, which
/// also gives an empty list the meaning of null) and ends in a <c>summarize</c> without keys, so each input row gives
/// exactly one output row. The hidden columns are removed after a stage that keeps its input columns.
/// </summary>
internal sealed partial class KqlEmitter
{
    private readonly Dictionary<BoundEachPath, string> _memberLists = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BoundExpression, string> _elementTests = new(ReferenceEqualityComparer.Instance);
    private int _hiddenCount;

    /// <summary>While an element test's predicate is emitted: the member-list operand and the element that stands for it.</summary>
    private (BoundExpression Operand, string Element)? _element;

    /// <summary>Emits the mv-apply lines the stage needs; returns the hidden columns they add.</summary>
    private List<string> HoistMemberLists(BoundStage stage)
    {
        if (stage is not (BoundWhere or BoundExtend or BoundProject or BoundSummarize or BoundMvExpand))
        {
            return [];
        }

        var finder = new MemberListFinder();
        finder.Walk(stage);
        var hidden = new List<string>();
        foreach (var each in finder.Paths)
        {
            var name = HiddenName("members");
            _lines.Add(MemberListLine(each, name));
            _memberLists[each] = name;
            hidden.Add(name);
        }

        foreach (var test in finder.Tests)
        {
            var name = HiddenName("matches");
            _lines.Add(ElementTestLine(test, name));
            _elementTests[test] = name;
            hidden.Add(name);
        }

        return hidden;
    }

    /// <summary>A hidden column name (<c>_rc_</c>, a stem, a counter) that no column of the rows so far has.</summary>
    private string HiddenName(string stem)
    {
        string name;
        do
        {
            name = "_rc_" + stem + (_hiddenCount++).ToString(CultureInfo.InvariantCulture);
        }
        while (_rows.Find(name) is not null || _rows.Physical.Contains(name, StringComparer.Ordinal));

        return name;
    }

    /// <summary>An array to expand that always has an element: a non-array or an empty array is <c>[null]</c>.</summary>
    private static string NeverEmpty(string array) => $"iff(array_length({array}) > 0, {array}, dynamic([null]))";

    /// <summary>
    /// <c>| mv-apply e0 = a to typeof(dynamic) on (mv-expand e1 = e0.b to typeof(dynamic) | summarize m = make_list_if(e1.c, scalar))</c>
    /// for <c>a[*].b[*].c</c>: the scalar values in element order, or null when there is none.
    /// </summary>
    private string MemberListLine(BoundEachPath each, string name)
    {
        var groups = new List<List<PathStep>> { new() };
        foreach (var step in each.Steps)
        {
            if (step is EachStep) groups.Add([]);
            else groups[^1].Add(step);
        }

        var elements = groups.Select(_ => HiddenName("e")).ToList();
        var apply = $"| mv-apply {elements[0]} = {NeverEmpty(Expr(each.Source).Text)} to typeof(dynamic) on (";
        var inner = new List<string>();
        for (var i = 1; i < groups.Count; i++)
        {
            var array = elements[i - 1] + string.Concat(groups[i - 1].Select(PathText));
            inner.Add($"mv-expand {elements[i]} = {NeverEmpty(array)} to typeof(dynamic)");
        }

        var value = elements[^1] + string.Concat(groups[^1].Select(PathText));
        inner.Add($"summarize {name} = make_list_if({value}, gettype({value}) !in (\"array\", \"dictionary\", \"null\"))");
        inner.Add($"extend {name} = iff(array_length({name}) > 0, {name}, dynamic(null))");
        return apply + string.Join(" | ", inner) + ")";
    }

    /// <summary>
    /// <c>| mv-apply v = list to typeof(dynamic) on (summarize n = countif(p(v)))</c>: how many elements satisfy the
    /// positive form of the test (an empty list is one null element).
    /// </summary>
    private string ElementTestLine(BoundExpression test, string name)
    {
        var (operand, positive) = test switch
        {
            BoundBinary binary => (binary.Left, (BoundExpression)(binary with { Operator = PositiveOf(binary.Operator) })),
            BoundIn membership => (membership.Value, membership with { Operator = membership.IgnoreCase ? InOperator.InCi : InOperator.In }),
            BoundBetween between => (between.Value, between with { Negated = false }),
            _ => throw new InvalidOperationException($"not an element test: {test.GetType().Name}"),
        };
        var list = Expr(operand).Text;
        var element = HiddenName("v");
        _element = (operand, element);
        var predicate = Expr(positive).Text;
        _element = null;
        return $"| mv-apply {element} = {NeverEmpty(list)} to typeof(dynamic) on (summarize {name} = countif({predicate}))";
    }

    /// <summary>The operator a negated one negates (<c>!contains</c> gives <c>contains</c>); a positive one itself.</summary>
    private static BinaryOperator PositiveOf(BinaryOperator op) => op switch
    {
        BinaryOperator.NotEqual => BinaryOperator.Equal,
        BinaryOperator.NotEqualCi => BinaryOperator.EqualCi,
        _ when OperatorSpellings.Binary[op] is ['!', .. var positive] => OperatorSpellings.Binary.Single(p => p.Value == positive).Key,
        _ => op,
    };

    private static bool Negated(BoundExpression test) => test switch
    {
        BoundBinary binary => PositiveOf(binary.Operator) != binary.Operator,
        BoundIn membership => membership.Negated,
        BoundBetween between => between.Negated,
        _ => false,
    };

    /// <summary>The emitted form of a hoisted element test: any element satisfies it, or (negated) none does.</summary>
    private bool TryElementTest(BoundExpression test, out KqlExpr result)
    {
        result = default;
        if (!_elementTests.TryGetValue(test, out var name))
        {
            return false;
        }

        result = new($"{name} {(Negated(test) ? "==" : ">")} 0", KqlExpr.Comparison);
        return true;
    }

    private bool IsElement(BoundExpression operand) => _element is { } e && ReferenceEquals(e.Operand, operand);

    /// <summary>The [*] paths a stage reads, and its tests whose left operand is a member list.</summary>
    private sealed class MemberListFinder : BoundTreeWalker
    {
        public List<BoundEachPath> Paths { get; } = [];

        public List<BoundExpression> Tests { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            switch (expression)
            {
                case BoundEachPath each:
                    Paths.Add(each);
                    break;
                case BoundBinary { Left.MemberList: true } binary when binary.Type == Compiler.Language.Binding.ScalarType.Bool
                    && binary.Operator is not (BinaryOperator.And or BinaryOperator.Or):
                case BoundIn { Value.MemberList: true }:
                case BoundBetween { Value.MemberList: true }:
                    Tests.Add(expression);
                    break;
            }
        }
    }
}
