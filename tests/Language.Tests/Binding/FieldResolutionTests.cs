using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Ast;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

public class FieldResolutionTests
{
    [Fact]
    public void Declared_field_resolves_to_its_definition_and_type()
    {
        var field = F("userIdentity.arn");
        var bound = TestSources.Bind(Q(Where(Eq(field, S("x")))));
        NoDiagnostics(bound);
        var resolved = bound.FieldOf(field)!;
        Assert.Equal(ResolvedFieldKind.Column, resolved.Kind);
        Assert.Equal("userIdentity.arn", resolved.SourceField!.Name);
        Assert.True(resolved.Remainder.IsEmpty);
        Assert.Equal(ScalarType.String, bound.TypeOf(field));
    }

    [Fact]
    public void Path_below_a_dynamic_field_is_dynamic_with_a_remainder()
    {
        var field = F("requestParameters.policyDocument.Statement");
        var bound = TestSources.Bind(Q(Where(Call("isnotempty", field))));
        NoDiagnostics(bound);
        var resolved = bound.FieldOf(field)!;
        Assert.Equal("requestParameters", resolved.ColumnName);
        Assert.Equal(2, resolved.Remainder.Length);
        Assert.Equal(ScalarType.Dynamic, resolved.Type);
    }

    [Fact]
    public void Member_path_directly_below_a_multivalued_field_warns_and_an_index_is_fine()
    {
        var each = F("resources.ARN");
        var diagnostic = Single(TestSources.Bind(Q(Where(Eq(each, S("a"))))), BindingCodes.MemberOfArray, each.Path[1].Span);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("resources[0].ARN", diagnostic.Message);

        var first = Path("resources", 0, "ARN");
        var bound = TestSources.Bind(Q(Where(Eq(first, S("b")))));
        NoDiagnostics(bound);
        Assert.False(bound.InfoOf(first).Multivalued);

        var categories = F("eventCategories");
        var whole = TestSources.Bind(Q(Where(Eq(categories, S("Management")))));
        NoDiagnostics(whole);
        Assert.True(whole.InfoOf(categories).Multivalued);
    }

    [Fact]
    public void Prefix_of_declared_fields_is_an_object()
    {
        var field = F("userIdentity");
        var bound = TestSources.Bind(Q(Where(Call("isnotempty", field))));
        NoDiagnostics(bound);
        Assert.Equal(ResolvedFieldKind.ObjectPrefix, bound.FieldOf(field)!.Kind);
    }

    [Fact]
    public void Event_time_is_a_datetime_column()
    {
        var field = F("_time");
        var bound = TestSources.Bind(Q(Where(Bin(BinaryOperator.GreaterOrEqual, field, Call("ago", Dur(TimeSpan.FromDays(14)))))));
        NoDiagnostics(bound);
        Assert.True(bound.FieldOf(field)!.IsEventTime);
        Assert.Equal(ScalarType.DateTime, bound.TypeOf(field));
    }

    [Fact]
    public void Misspelt_field_is_an_error_with_a_suggestion()
    {
        var field = F("eventNmae");
        var diagnostic = Single(TestSources.Bind(Q(Where(Eq(field, S("x"))))), BindingCodes.UnknownField, field.Span);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("did you mean 'eventName'?", diagnostic.Message);
    }

    [Fact]
    public void Wrong_case_is_an_error_that_suggests_the_right_case()
    {
        var diagnostic = Single(TestSources.Bind(Q(Where(Eq(F("EventName"), S("x"))))), BindingCodes.UnknownField);
        Assert.Contains("did you mean 'eventName'?", diagnostic.Message);
    }

    [Fact]
    public void Misspelt_last_segment_points_at_that_segment()
    {
        var field = F("userIdentity.arnn");
        var diagnostic = Single(TestSources.Bind(Q(Where(Eq(field, S("x"))))), BindingCodes.UnknownField, field.Path[1].Span);
        Assert.Contains("did you mean 'userIdentity.arn'?", diagnostic.Message);
    }

    [Fact]
    public void Misspelt_dynamic_root_suggests_the_whole_corrected_path()
    {
        var diagnostic = Single(TestSources.Bind(Q(Where(Call("isempty", F("requestParameter.bucketName"))))), BindingCodes.UnknownField);
        Assert.Contains("did you mean 'requestParameters.bucketName'?", diagnostic.Message);
    }

    [Fact]
    public void Nothing_close_gives_no_suggestion()
    {
        var diagnostic = Single(TestSources.Bind(Q(Where(Call("isempty", F("zzzzzzzz"))))), BindingCodes.UnknownField);
        Assert.DoesNotContain("did you mean", diagnostic.Message);
    }

    [Fact]
    public void Member_of_a_string_field_is_an_error()
    {
        var field = F("eventName.x");
        Single(TestSources.Bind(Q(Where(Call("isempty", field)))), BindingCodes.MemberOfScalar, field.Path[1].Span);
    }

    [Fact]
    public void Computed_column_shadows_and_later_stages_see_it()
    {
        var use = F("user");
        var bound = TestSources.Bind(Q(Extend(A("user", F("userIdentity.arn"))), Where(Eq(use, S("x")))));
        NoDiagnostics(bound);
        Assert.Equal(ColumnOrigin.Computed, bound.FieldOf(use)!.Column!.Origin);
    }

    [Fact]
    public void Column_is_unknown_after_project_drops_it()
    {
        var field = F("eventSource");
        var bound = TestSources.Bind(Q(Project(A(F("eventName"))), Where(Eq(field, S("x")))));
        Single(bound, BindingCodes.UnknownField, field.Span);
    }

    [Fact]
    public void Let_constant_is_visible_in_expressions()
    {
        var reference = F("lookback");
        var bound = TestSources.Bind(Q([Let("lookback", Dur(TimeSpan.FromDays(14)))],
            Where(Bin(BinaryOperator.GreaterOrEqual, F("_time"), Call("ago", reference)))));
        NoDiagnostics(bound);
        Assert.Equal(ResolvedFieldKind.LetConstant, bound.FieldOf(reference)!.Kind);
        Assert.Equal(ScalarType.TimeSpan, bound.TypeOf(reference));
    }

    [Fact]
    public void Every_expression_of_the_query_has_bound_information()
    {
        var parts = new Expression[] { F("eventName"), S("PutImage"), F("awsRegion"), Call("tolower", F("userAgent")) };
        var predicate = And(Eq(parts[0], parts[1]), Bin(BinaryOperator.Contains, parts[3], S("aws-cli")));
        var bound = TestSources.Bind(Q(Where(predicate), Extend(A("region", parts[2]))));
        NoDiagnostics(bound);
        foreach (var expression in parts.Append(predicate)) Assert.True(bound.Expressions.ContainsKey(expression));
        Assert.Equal(ScalarType.Bool, bound.TypeOf(predicate));
    }
}

public class UndeclaredMemberTests
{
    private static readonly Compiler.Model.DataSource Source = TestSources.Source("s",
        ("eventTime", Compiler.Model.FieldType.String, false),
        ("userIdentity", Compiler.Model.FieldType.Dynamic, false),
        ("userIdentity.arn", Compiler.Model.FieldType.String, false),
        ("userIdentity.sessionContext.sessionIssuer.userName", Compiler.Model.FieldType.String, false));

    private static BoundQuery Bind(FieldExpression field) =>
        QueryBinder.Bind(Q(Where(Call("isnotempty", field))), BindingContext.For(Source));

    [Fact]
    public void Near_miss_of_a_declared_member_warns_with_the_declared_name()
    {
        var field = F("userIdentity.arnn");
        var diagnostic = Single(Bind(field), BindingCodes.UndeclaredMember, field.Path[1].Span);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("did you mean 'arn'?", diagnostic.Message);
    }

    [Fact]
    public void Undeclared_member_far_from_any_declared_one_is_fine()
    {
        NoDiagnostics(Bind(F("userIdentity.invokedBy")));
        NoDiagnostics(Bind(F("userIdentity.sessionContext.attributes")));
    }
}
