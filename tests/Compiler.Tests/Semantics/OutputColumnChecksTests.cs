using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Compiler.Tests.Semantics;

public class OutputColumnChecksTests
{
    private static readonly RepositoryLoadResult Valid = RuleRepository.Load(TestPaths.ValidRules);

    private static Model.Rule Rule(string startsWith) => Valid.Rules.Single(r => r.Name.Value.StartsWith(startsWith, StringComparison.Ordinal));

    [Fact]
    public void All_named_columns_present_gives_nothing()
    {
        var rule = Rule("AWSCloudTrail");
        var columns = new HashSet<string> { "_time", "eventName", "sourceIPAddress", "AccountName", "AccountUPNSuffix", "recipientAccountId" };
        Assert.Empty(OutputColumnChecks.Check(rule, columns));
    }

    [Fact]
    public void Each_kind_of_reference_to_a_missing_column_is_reported_at_its_place()
    {
        var rule = Rule("AWSCloudTrail");
        var columns = new HashSet<string> { "_time", "eventName", "AccountName", "AccountUPNSuffix" };
        var found = OutputColumnChecks.Check(rule, columns).Select(d => $"{d.Code} {d.Span.Line}:{d.Span.Column} {d.Message}").ToList();
        Assert.Equal(
        [
            "RC1313 23:26 the Account entity's CloudAppAccountId names column 'recipientAccountId', which the search does not output",
            "RC1313 26:16 the IP entity's Address names column 'sourceIPAddress', which the search does not output",
            "RC1313 31:25 custom detail 'RecipientAccountId' names column 'recipientAccountId', which the search does not output",
            "RC1313 28:10 the alert template names column 'sourceIPAddress', which the search does not output",
            "RC1313 29:16 the alert template names column 'sourceIPAddress', which the search does not output",
            "RC1313 29:16 the alert template names column 'recipientAccountId', which the search does not output",
        ],
        found);
    }

    [Fact]
    public void Risk_message_placeholders_and_rba_fields_are_checked_with_suggestions()
    {
        var rule = Rule("AWS ECR Container Scanning Findings Medium");
        var found = OutputColumnChecks.Check(rule, new HashSet<string> { "users", "repository" }).Select(d => d.Message).ToList();
        Assert.Equal(
        [
            "the Account entity's Name names column 'user', which the search does not output; did you mean 'users'?",
            "the risk message names column 'severity', which the search does not output",
        ],
        found);
    }

    [Fact]
    public void An_expected_row_column_the_search_does_not_output_is_reported_at_its_key()
    {
        var rule = Rule("AWS ECR Container Scanning Findings Medium");
        Assert.Empty(OutputColumnChecks.CheckTestRows(rule, new HashSet<string> { "repository", "user" }));
        var found = OutputColumnChecks.CheckTestRows(rule, new HashSet<string> { "repositories", "user" }).Select(d => $"{d.Code} {d.Span.Line}:{d.Span.Column} {d.Message}");
        Assert.Equal(
            ["RC1330 57:11 test 'a medium finding raises one alert' expects column 'repository', which the search does not output; did you mean 'repositories'?"],
            found);
    }
}
