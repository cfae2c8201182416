using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Ast;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

public class MultiPartTests
{
    private static Pipeline Created() => Pipe(
        Where(Eq(F("eventName"), S("CreatePolicy"))),
        Project(A("PolicyName", F("requestParameters.policyName")), A("CreateTime", F("_time")), A(F("userIdentity.arn"))));

    [Fact]
    public void Let_pipeline_is_a_source_and_a_join_side()
    {
        var query = Q([Let("created", Created())],
            Where(Eq(F("eventName"), S("AttachUserPolicy"))),
            Extend(A("PolicyName", F("requestParameters.policyName"))),
            Project(A(F("PolicyName")), A(F("_time"))),
            Join(JoinKind.Inner, PipeFrom("created", Where(Call("isnotempty", F("PolicyName")))), F("PolicyName")));
        var bound = TestSources.Bind(query);
        NoDiagnostics(bound);
        Columns(bound, "PolicyName", "_time", "PolicyName1", "CreateTime", "userIdentity.arn");
        var join = Assert.IsType<BoundJoin>(bound.Body.Stages[^1]);
        var let = Assert.IsType<BoundLetPipeline>(Assert.Single(bound.Lets));
        Assert.Same(let, Assert.IsType<BoundLetPipelineInput>(join.Right.Source).Let);
        Assert.Equal("PolicyName", Assert.Single(join.Keys).Left.Name);
    }

    [Fact]
    public void Join_on_left_and_right_columns()
    {
        var left = LeftSide("user");
        var right = RightSide("userIdentity.arn");
        var query = Q([Let("created", Created())],
            Project(A("user", F("userIdentity.arn")), A(F("eventName"))),
            Join(JoinKind.LeftOuter, PipeFrom("created"), Eq(left, right)));
        var bound = TestSources.Bind(query);
        NoDiagnostics(bound);
        Assert.Equal("userIdentity.arn", bound.FieldOf(right.Field)!.ColumnName);
        Columns(bound, "user", "eventName", "PolicyName", "CreateTime", "userIdentity.arn");
    }

    [Fact]
    public void Anti_join_keeps_the_left_schema()
    {
        var query = Q([Let("created", Created())], Project(A(F("userIdentity.arn"))), Join(JoinKind.LeftAnti, PipeFrom("created"), F("userIdentity.arn")));
        var bound = TestSources.Bind(query);
        NoDiagnostics(bound);
        Columns(bound, "userIdentity.arn");
    }

    [Fact]
    public void Join_key_missing_on_one_side_is_an_error()
    {
        var key = F("eventName");
        var query = Q([Let("created", Created())], Project(A(F("eventName"))), Join(JoinKind.Inner, PipeFrom("created"), key));
        var diagnostic = Single(TestSources.Bind(query), BindingCodes.JoinKeyMissing, key.Span);
        Assert.Contains("right side", diagnostic.Message);
    }

    [Fact]
    public void Join_condition_of_another_form_is_an_error()
    {
        var condition = Eq(F("eventName"), S("x"));
        Single(TestSources.Bind(Q(Join(JoinKind.Inner, Pipe(), condition))), BindingCodes.JoinCondition, condition.Span);
    }

    [Fact]
    public void Left_side_outside_a_join_is_an_error()
    {
        var side = LeftSide("eventName");
        Single(TestSources.Bind(Q(Where(Eq(side, S("x"))))), BindingCodes.JoinSideOutsideJoin, side.Span);
    }

    [Fact]
    public void Unknown_let_pipeline_is_an_error_with_a_suggestion()
    {
        var query = new Query([Let("created", Created())], PipeFrom("craeted"), new TextSpan(0, 1));
        var diagnostic = Single(TestSources.Bind(query), BindingCodes.UnknownLet, query.Body.Source.Span);
        Assert.Contains("did you mean 'created'?", diagnostic.Message);
    }

    [Fact]
    public void Duplicate_let_is_an_error()
    {
        Single(TestSources.Bind(Q([Let("x", L(1)), Let("x", L(2))])), BindingCodes.DuplicateLet);
    }

    [Fact]
    public void Union_merges_columns_by_name()
    {
        var query = Q(Project(A(F("eventName")), A("n", L(1))),
            Union(Pipe(Project(A(F("eventName")), A("n", S("x")), A(F("awsRegion"))))));
        var bound = TestSources.Bind(query);
        NoDiagnostics(bound);
        Columns(bound, "eventName", "n", "awsRegion");
        Assert.Equal(ScalarType.Dynamic, bound.Output.Find("n")!.Type);
    }

    [Fact]
    public void Named_list_membership()
    {
        var known = In(F("userIdentity.arn"), InOperator.NotInCi, new NamedListReference("aws_ecr_users", new TextSpan(3, 14)));
        NoDiagnostics(TestSources.Bind(Q(Where(known)), [TestSources.List("aws_ecr_users")]));

        var unknown = new NamedListReference("aws_ecr_user", new TextSpan(5, 13));
        var diagnostic = Single(TestSources.Bind(Q(Where(In(F("userIdentity.arn"), InOperator.In, unknown))), [TestSources.List("aws_ecr_users")]),
            BindingCodes.UnknownList, unknown.Span);
        Assert.Contains("did you mean 'aws_ecr_users'?", diagnostic.Message);
    }

    [Fact]
    public void Let_list_membership()
    {
        var lets = new LetStatement[] { Let("admins", new ArrayExpression([S("a"), S("b")], new TextSpan(0, 5))), Let("limit", L(3)) };
        NoDiagnostics(TestSources.Bind(Q(lets, Where(In(F("userIdentity.arn"), InOperator.In, new LetListReference("admins", new TextSpan(0, 6)))))));
        Single(TestSources.Bind(Q(lets, Where(In(F("userIdentity.arn"), InOperator.In, new LetListReference("limit", new TextSpan(0, 5)))))), BindingCodes.ListShape);
        Single(TestSources.Bind(Q(lets, Where(In(F("userIdentity.arn"), InOperator.In, new LetListReference("nobody", new TextSpan(0, 6)))))), BindingCodes.UnknownLet);
    }

    [Fact]
    public void In_list_items_with_another_type_warn()
    {
        var item = L(5);
        Single(TestSources.Bind(Q(Where(In(F("eventName"), InOperator.In, List(S("a"), item))))), BindingCodes.ComparisonTypeMix, item.Span);
    }

    [Fact]
    public void Fragment_stages_are_bound_inline()
    {
        var fragment = TestSources.Fragment("aws_account_name", "aws_cloudtrail",
            Extend(A("AccountName", Call("tostring", Call("split", F("userIdentity.arn"), S("/"))))));
        var bound = TestSources.Bind(Q(Invoke("aws_account_name"), Project(A(F("AccountName")))), fragments: [fragment]);
        NoDiagnostics(bound);
        Columns(bound, "AccountName");
        var invoke = Assert.IsType<BoundInvoke>(bound.Body.Stages[0]);
        Assert.IsType<BoundExtend>(Assert.Single(invoke.Stages));
        Assert.Same(fragment.Definition, invoke.Fragment.Definition);
    }

    [Fact]
    public void Fragment_diagnostics_name_the_fragment()
    {
        var fragment = TestSources.Fragment("broken", "aws_cloudtrail", Where(Eq(F("eventNam"), S("x"))));
        var invoke = Invoke("broken");
        var bound = TestSources.Bind(Q(invoke), fragments: [fragment]);
        // The details point into the fragment; the rule is told, at its invoke, that its use of the fragment failed.
        Assert.Equal("broken", Assert.Single(bound.Diagnostics, d => d.Code == BindingCodes.UnknownField).Fragment);
        var atInvoke = Assert.Single(bound.Diagnostics, d => d.Code == BindingCodes.FragmentDoesNotFit);
        Assert.Null(atInvoke.Fragment);
        Assert.Equal(invoke.Span, atInvoke.Span);
        Assert.Equal(2, bound.Diagnostics.Length);
    }

    [Fact]
    public void Unknown_fragment_and_fragment_of_another_source()
    {
        var invoke = Invoke("aws_acount_name");
        var fragment = TestSources.Fragment("aws_account_name", "aws_cloudtrail");
        Assert.Contains("did you mean 'aws_account_name'?", Single(TestSources.Bind(Q(invoke), fragments: [fragment]), BindingCodes.UnknownFragment, invoke.Span).Message);

        var other = TestSources.Fragment("ocsf_only", "asl_aws_cloudtrail");
        Single(TestSources.Bind(Q(Invoke("ocsf_only")), fragments: [other]), BindingCodes.FragmentDataSource);
    }

    [Fact]
    public void Fragment_cycle_is_an_error()
    {
        var a = TestSources.Fragment("a", "aws_cloudtrail", Invoke("b"));
        var b = TestSources.Fragment("b", "aws_cloudtrail", Invoke("a"));
        var bound = TestSources.Bind(Q(Invoke("a")), fragments: [a, b]);
        Assert.Contains("a -> b -> a", Assert.Single(bound.Diagnostics, d => d.Code == BindingCodes.FragmentCycle).Message);
    }
}
