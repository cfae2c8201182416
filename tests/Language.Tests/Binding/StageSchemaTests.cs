using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;
using static RuleCompiler.Language.Tests.Binding.Ast;
using static RuleCompiler.Language.Tests.Binding.Assertions;

namespace RuleCompiler.Language.Tests.Binding;

public class StageSchemaTests
{
    [Fact]
    public void Pipeline_over_the_source_starts_with_time_and_every_declared_field()
    {
        var bound = TestSources.Bind(Q(Where(Eq(F("eventName"), S("x")))));
        NoDiagnostics(bound);
        Assert.Equal(["_time", .. TestSources.CloudTrail.Fields.Select(f => f.Name)], bound.OutputColumns.Select(c => c.Name));
        Assert.Equal(ColumnOrigin.EventTime, bound.OutputColumns[0].Origin);
    }

    [Fact]
    public void Seed_shaped_query_outputs_by_keys_then_aggregates()
    {
        var query = Q(
            Where(And(Eq(F("eventSource"), S("ecr.amazonaws.com")), Eq(F("eventName"), S("DescribeImageScanFindings")))),
            MvExpand("finding", F("responseElements.imageScanFindings.findings")),
            Where(Bin(BinaryOperator.EqualCi, F("finding.severity"), S("MEDIUM"))),
            Extend(A("repository", F("requestParameters.repositoryName")), A("user", F("userIdentity.principalId")),
                A("finding_text", Call("strcat", F("finding.name"), S(", "), F("finding.description")))),
            Summarize([A("firstTime", Call("min", F("_time"))), A("lastTime", Call("max", F("_time")))],
                A(F("awsRegion")), A(F("eventName")), A(F("eventSource")), A(F("repository")), A(F("user")), A(F("sourceIPAddress")), A(F("finding_text"))));
        var bound = TestSources.Bind(query);
        NoDiagnostics(bound);
        Columns(bound, "awsRegion", "eventName", "eventSource", "repository", "user", "sourceIPAddress", "finding_text", "firstTime", "lastTime");
        Assert.Equal(ScalarType.DateTime, bound.Output.Find("firstTime")!.Type);
        Assert.Equal(ScalarType.Dynamic, bound.Output.Find("repository")!.Type);
        Assert.Equal(ColumnOrigin.SourceField, bound.Output.Find("awsRegion")!.Origin);
        Assert.Equal(5, bound.Body.Stages.Length);
        Assert.Equal("finding", bound.Body.Stages[1].Output.Columns[^1].Name);
    }

    [Fact]
    public void Summarize_default_names_follow_kql()
    {
        var bound = TestSources.Bind(Q(Summarize(
            [A(Call("count")), A(Call("dcount", F("userIdentity.arn"))), A(Call("min", F("_time"))), A(Call("countif", Eq(F("errorCode"), S("x")))),
             A(Call("make_set", F("awsRegion"))), A(Call("make_list", F("eventName"))), A(Call("take_any", F("userAgent")))],
            A(Call("bin", F("_time"), Dur(TimeSpan.FromHours(1)))))));
        NoDiagnostics(bound);
        Columns(bound, "_time", "count_", "dcount_userIdentity_arn", "min__time", "countif_", "set_awsRegion", "list_eventName", "any_userAgent");
        Assert.Equal(ScalarType.Long, bound.OutputColumns[1].Type);
    }

    [Fact]
    public void Aggregate_of_an_expression_needs_a_name()
    {
        var value = Call("max", Call("strlen", F("userAgent")));
        Single(TestSources.Bind(Q(Summarize([A(value)]))), BindingCodes.ColumnNeedsName, value.Span);
    }

    [Fact]
    public void Arg_max_with_star_keeps_every_column()
    {
        var bound = TestSources.Bind(Q(Project(A(F("_time")), A(F("eventName")), A(F("awsRegion"))),
            Summarize([A(Call("arg_max", F("_time"), Star()))], A(F("awsRegion")))));
        NoDiagnostics(bound);
        Columns(bound, "awsRegion", "_time", "eventName");
    }

    [Fact]
    public void Arg_min_with_listed_columns()
    {
        var bound = TestSources.Bind(Q(Summarize([A("first", Call("arg_min", F("_time"), F("eventName"), F("sourceIPAddress")))], A(F("awsRegion")))));
        NoDiagnostics(bound);
        Columns(bound, "awsRegion", "first", "eventName", "sourceIPAddress");
    }

    [Fact]
    public void Duplicate_summarize_column_is_an_error()
    {
        var second = A("n", Call("dcount", F("eventName")));
        Single(TestSources.Bind(Q(Summarize([A("n", Call("count")), second]))), BindingCodes.DuplicateColumn, second.Span);
    }

    [Fact]
    public void Duplicate_project_column_is_an_error()
    {
        var second = A(F("eventName"));
        Single(TestSources.Bind(Q(Project(A(F("eventName")), second))), BindingCodes.DuplicateColumn, second.Span);
    }

    [Fact]
    public void Project_keeps_order_names_and_source_identity()
    {
        var bound = TestSources.Bind(Q(Project(A(F("userIdentity.arn")), A("region", F("awsRegion")))));
        NoDiagnostics(bound);
        Columns(bound, "userIdentity.arn", "region");
        Assert.Equal(ColumnOrigin.SourceField, bound.OutputColumns[0].Origin);
        Assert.Equal(ColumnOrigin.Computed, bound.OutputColumns[1].Origin);
    }

    [Fact]
    public void Extend_of_an_expression_needs_a_name()
    {
        var value = Call("tolower", F("eventName"));
        Single(TestSources.Bind(Q(Extend(A(value)))), BindingCodes.ColumnNeedsName, value.Span);
    }

    [Fact]
    public void Extend_replaces_a_column_in_place()
    {
        var bound = TestSources.Bind(Q(Project(A(F("eventName")), A(F("awsRegion"))), Extend(A("eventName", Call("tolower", F("eventName"))))));
        NoDiagnostics(bound);
        Columns(bound, "eventName", "awsRegion");
        Assert.Equal(ColumnOrigin.Computed, bound.OutputColumns[0].Origin);
    }

    [Fact]
    public void Project_away_an_object_prefix_drops_its_fields()
    {
        var bound = TestSources.Bind(Q(ProjectAway("userIdentity", "requestParameters")));
        NoDiagnostics(bound);
        Assert.DoesNotContain(bound.OutputColumns, c => c.Name.StartsWith("userIdentity") || c.Name == "requestParameters");
        Assert.Contains(bound.OutputColumns, c => c.Name == "eventName");
    }

    [Fact]
    public void Project_away_of_an_unknown_column_is_an_error()
    {
        var bound = TestSources.Bind(Q(ProjectAway("evntName")));
        Assert.Contains("did you mean 'eventName'?", Single(bound, BindingCodes.UnknownField).Message);
    }

    [Fact]
    public void Project_rename_renames_in_place()
    {
        var bound = TestSources.Bind(Q(Project(A(F("eventName")), A(F("awsRegion"))), Rename("region", "awsRegion")));
        NoDiagnostics(bound);
        Columns(bound, "eventName", "region");
    }

    [Fact]
    public void Project_rename_onto_an_existing_column_is_an_error()
    {
        Single(TestSources.Bind(Q(Project(A(F("eventName")), A(F("awsRegion"))), Rename("eventName", "awsRegion"))), BindingCodes.DuplicateColumn);
    }

    [Fact]
    public void Mv_expand_without_a_name_replaces_the_column_by_its_element()
    {
        var bound = TestSources.Bind(Q(MvExpand(null, F("eventCategories")), Project(A(F("eventCategories")))));
        NoDiagnostics(bound);
        Assert.Equal(ScalarType.String, bound.OutputColumns[0].Type);
        Assert.False(bound.OutputColumns[0].Multivalued);
    }

    [Fact]
    public void Mv_expand_of_an_expression_needs_a_name()
    {
        var value = Call("split", F("userAgent"), S(" "));
        Single(TestSources.Bind(Q(MvExpand(null, value))), BindingCodes.ColumnNeedsName, value.Span);
    }

    [Fact]
    public void Distinct_outputs_its_columns()
    {
        var bound = TestSources.Bind(Q(Distinct(A(F("awsRegion")), A("user", F("userIdentity.arn")))));
        NoDiagnostics(bound);
        Columns(bound, "awsRegion", "user");
    }

    [Fact]
    public void Sort_and_take_keep_the_schema()
    {
        var bound = TestSources.Bind(Q(Project(A(F("eventName"))), Sort(F("eventName")), new TakeStage(5, new TextSpan(0, 6))));
        NoDiagnostics(bound);
        Columns(bound, "eventName");
    }

    [Fact]
    public void Fill_null_with_a_mismatched_type_warns()
    {
        var bound = TestSources.Bind(Q(Project(A(F("eventName"))), FillNull(L(0), "eventName")));
        Single(bound, BindingCodes.FillNullType);
        NoDiagnostics(TestSources.Bind(Q(Project(A(F("eventName"))), FillNull(S("unknown"), "eventName"))));
    }
}

public class DefaultColumnNameTests
{
    [Fact]
    public void Mv_expand_of_a_nested_path_without_a_name_keeps_the_dotted_name()
    {
        var bound = TestSources.Bind(Q(MvExpand(null, F("responseElements.imageScanFindings.findings")),
            Where(Eq(F("responseElements.imageScanFindings.findings.severity"), S("HIGH")))));
        NoDiagnostics(bound);
        Assert.Equal("responseElements.imageScanFindings.findings", bound.OutputColumns[^1].Name);
        Assert.Equal("responseElements.imageScanFindings.findings", DefaultColumnNames.OfExpanded(F("responseElements.imageScanFindings.findings")));
    }

    [Fact]
    public void Public_naming_rules_match_what_the_binder_outputs()
    {
        Assert.Equal("userIdentity.arn", DefaultColumnNames.Of(F("userIdentity.arn")));
        Assert.Equal("_time", DefaultColumnNames.Of(Call("bin", F("_time"), Dur(TimeSpan.FromHours(1)))));
        Assert.Null(DefaultColumnNames.Of(Call("tolower", F("eventName"))));
        Assert.Null(DefaultColumnNames.Of(Path("resources", 0)));
        Assert.Equal("set_a_b", DefaultColumnNames.OfAggregate(Call("make_set", F("a.b"))));
        Assert.Null(DefaultColumnNames.OfAggregate(Call("max", Call("strlen", F("x")))));
    }
}
