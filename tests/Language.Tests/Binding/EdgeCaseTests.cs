using RuleCompiler.Compiler.Diagnostics;
using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Ast;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

public class EdgeCaseTests
{
    [Fact]
    public void Aggregate_in_a_by_key_or_sort_is_an_error()
    {
        var inBy = Call("count");
        Single(TestSources.Bind(Q(Summarize([A(Call("count"))], A("n", inBy)))), BindingCodes.AggregateOutsideSummarize, inBy.Span);
        var inSort = Call("max", F("_time"));
        Single(TestSources.Bind(Q(Sort(inSort))), BindingCodes.AggregateOutsideSummarize, inSort.Span);
    }

    [Fact]
    public void Not_needs_a_bool_and_negation_a_number()
    {
        var operand = F("eventName");
        Single(TestSources.Bind(Q(Where(new UnaryExpression(UnaryOperator.Not, operand, new TextSpan(0, 3))))), BindingCodes.NotBoolean, operand.Span);
        var negated = new UnaryExpression(UnaryOperator.Negate, F("eventName"), new TextSpan(7, 1));
        Single(TestSources.Bind(Q(Extend(A("x", negated)))), BindingCodes.OperandType, negated.Span);
    }

    [Fact]
    public void Between_bounds_of_another_type_warn()
    {
        var low = S("a");
        var between = new BetweenExpression(Call("hourofday", F("_time")), low, L(5), false, new TextSpan(0, 2));
        Single(TestSources.Bind(Q(Where(between))), BindingCodes.ComparisonTypeMix, low.Span);
    }

    [Fact]
    public void Index_into_a_function_result()
    {
        var ok = new PathAccessExpression(Call("split", F("userIdentity.arn"), S("/")), [new IndexSegment(-1, new TextSpan(0, 1))], new TextSpan(1, 1));
        var bound = TestSources.Bind(Q(Extend(A("last", Call("tostring", ok)))));
        NoDiagnostics(bound);
        Assert.Equal(ScalarType.Dynamic, bound.TypeOf(ok));

        var bad = new PathAccessExpression(Call("tolower", F("eventName")), [new IndexSegment(0, new TextSpan(2, 1))], new TextSpan(3, 1));
        Single(TestSources.Bind(Q(Extend(A("x", bad)))), BindingCodes.MemberOfScalar, bad.Span);
    }

    [Fact]
    public void Right_side_column_is_resolved_against_the_right_schema()
    {
        var right = RightSide("PolicyNme");
        var query = Q([Let("p", Pipe(Project(A("PolicyName", F("requestParameters.policyName")))))],
            Project(A(F("eventName"))), Join(JoinKind.Inner, PipeFrom("p"), Eq(LeftSide("eventName"), right)));
        var diagnostic = Single(TestSources.Bind(query), BindingCodes.UnknownField, right.Field.Span);
        Assert.Contains("did you mean 'PolicyName'?", diagnostic.Message);
    }

    [Fact]
    public void Let_constant_used_as_a_pipeline_and_pipeline_as_a_value_are_errors()
    {
        var asPipeline = new Query([Let("n", L(1))], PipeFrom("n"), new TextSpan(0, 1));
        Single(TestSources.Bind(asPipeline), BindingCodes.LetKind, asPipeline.Body.Source.Span);
        var value = F("p");
        Single(TestSources.Bind(Q([Let("p", Pipe())], Where(Eq(value, S("x"))))), BindingCodes.LetKind, value.Span);
    }

    [Fact]
    public void Sub_pipeline_in_parentheses_after_in_is_told_to_drop_them()
    {
        // Issue 8: RC2522 used to advise "use it with in", which is what x in (p) does.
        var item = F("users");
        var query = Q([Let("users", Pipe(Distinct(A(F("userIdentity.arn")))))], Where(In(F("userIdentity.arn"), InOperator.In, new ListLiteral([item], new TextSpan(0, 7)))));
        var diagnostic = Single(TestSources.Bind(query), BindingCodes.LetKind, item.Span);
        Assert.Contains("without parentheses: x in users", diagnostic.Message);
    }

    [Fact]
    public void Take_without_a_preceding_sort_is_a_warning()
    {
        var take = new TakeStage(5, new TextSpan(0, 6));
        var diagnostic = Single(TestSources.Bind(Q(take)), BindingCodes.TakeWithoutSort, take.Span);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        NoDiagnostics(TestSources.Bind(Q(Sort(F("eventName")), Project(A(F("eventName"))), new TakeStage(5, new TextSpan(0, 6)))));
        Single(TestSources.Bind(Q(Sort(F("eventName")), Distinct(A(F("eventName"))), new TakeStage(5, new TextSpan(0, 6)))), BindingCodes.TakeWithoutSort);
    }

    [Fact]
    public void Sub_pipeline_as_a_list_needs_one_column()
    {
        var lets = new LetStatement[] { Let("users", Pipe(Distinct(A(F("userIdentity.arn"))))), Let("pairs", Pipe(Distinct(A(F("userIdentity.arn")), A(F("awsRegion"))))) };
        NoDiagnostics(TestSources.Bind(Q(lets, Where(In(F("userIdentity.arn"), InOperator.NotIn, new LetListReference("users", new TextSpan(0, 5)))))));
        Single(TestSources.Bind(Q(lets, Where(In(F("userIdentity.arn"), InOperator.NotIn, new LetListReference("pairs", new TextSpan(0, 5)))))), BindingCodes.ListShape);
    }

    [Fact]
    public void Binding_does_not_change_the_syntax_and_is_repeatable()
    {
        var query = Q(Where(Eq(F("eventName"), S("x"))), Summarize([A(Call("count"))], A(F("awsRegion"))));
        var first = TestSources.Bind(query);
        var second = TestSources.Bind(query);
        Assert.Same(query, first.Syntax);
        Assert.Equal(first.OutputColumns.ToArray(), second.OutputColumns.ToArray());
        Assert.Equal(first.Diagnostics.ToArray(), second.Diagnostics.ToArray());
    }

    [Fact]
    public void Empty_pipeline_outputs_the_source_schema()
    {
        var bound = TestSources.Bind(new Query(ImmutableArray<LetStatement>.Empty, Pipe(), new TextSpan(0, 0)));
        NoDiagnostics(bound);
        Assert.Equal(TestSources.CloudTrail.Fields.Length + 1, bound.OutputColumns.Length);
    }
}
