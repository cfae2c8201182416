using RuleCompiler.Backends.Sentinel;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// Sentinel inputs built from the rules of rules/, with hand-written KQL standing in for the emitter the lead is
/// writing: the image-scanning rule gets the query shape of seed 004 (Microsoft's own rule), and an NRT variant of it.
/// </summary>
internal static class SentinelInputs
{
    public const string ImageScanningQuery = """
        AWSCloudTrail
        | where EventName == "PutImageScanningConfiguration" and isempty(ErrorCode) and isempty(ErrorMessage)
        | extend scanOnPush = tobool(parse_json(RequestParameters).imageScanningConfiguration.scanOnPush)
        | where scanOnPush == false
        | extend UserName = tostring(split(UserIdentityArn, "/")[-1])
        | extend AccountName = iif(isempty(UserIdentityUserName), UserName, UserIdentityUserName)
        | extend AccountUPNSuffix = iif(AccountName contains "@", tostring(split(AccountName, "@")[1]), "")
        | extend AccountName = iif(AccountName contains "@", tostring(split(AccountName, "@")[0]), AccountName)
        | distinct TimeGenerated, EventName, SourceIpAddress, UserIdentityArn, UserIdentityUserName, RecipientAccountId, AccountName, AccountUPNSuffix
        """;

    public static readonly string[] ImageScanningColumns =
        ["TimeGenerated", "EventName", "SourceIpAddress", "UserIdentityArn", "UserIdentityUserName", "RecipientAccountId", "AccountName", "AccountUPNSuffix"];

    private static readonly Lazy<RepositoryLoadResult> Repository = new(() => RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules")));

    public static Rule RepositoryRule(string id) => Repository.Value.Rules.Single(r => r.Id.Value == id);

    public static DataSource DataSource(string name) => Repository.Value.DataSources.Single(d => d.Name == name);

    public static SentinelRuleInput ImageScanning(string query = ImageScanningQuery) => new(
        RepositoryRule("19602494-94af-43c8-90ba-eb0e14999612"), DataSource("aws_cloudtrail"), query, [.. ImageScanningColumns]);

    /// <summary>The same rule as a near-real-time rule with suppression, under another id, name and description.</summary>
    public static SentinelRuleInput ImageScanningNrt()
    {
        var input = ImageScanning();
        var rule = input.Rule with
        {
            Id = input.Rule.Id with { Value = "5b1d7f7e-3a4c-4c55-9b8e-2f0e6f1d9a11" },
            Name = input.Rule.Name with { Value = "Amazon ECR image scanning disabled (near real time)" },
            // Starts with '[' and ends with ']': ARM would take it for an expression unless escaped.
            Description = "[NRT] The image-scanning rule, run in near real time. It's 'quoted', has a ${placeholder} and a backslash \\ [v1]",
            Schedule = input.Rule.Schedule with
            {
                Kind = ScheduleKind.Nrt,
                Suppression = new Located<TimeSpan>(TimeSpan.FromMinutes(70), input.Rule.Schedule.Span),
            },
        };
        return input with { Rule = rule };
    }

    /// <summary>
    /// The same rule with every alert and incident setting: per-alert severity, tactics and product columns, one alert
    /// per result, and incidents grouped by the account entity, the alert title and severity and a custom detail.
    /// </summary>
    public static SentinelRuleInput ImageScanningGrouped()
    {
        var input = ImageScanning(ImageScanningQuery + "\n| extend AlertSeverity = \"Medium\", AlertTactics = \"DefenseEvasion\", Product = \"Amazon ECR\"");
        var span = input.Rule.Span;
        Located<string> At(string value) => new(value, span);
        var rule = input.Rule with
        {
            Id = input.Rule.Id with { Value = "0c5a3e0e-7d9b-4f3c-8a51-6b2f0d4e9c27" },
            Name = input.Rule.Name with { Value = "Amazon ECR image scanning disabled (grouped)" },
            Alert = input.Rule.Alert! with
            {
                SeverityColumn = At("AlertSeverity"),
                TacticsColumn = At("AlertTactics"),
                PerResult = new Located<bool>(true, span),
                SentinelDynamicProperties = [new AlertDynamicProperty(At("ProductName"), At("Product"))],
            },
            Incident = new IncidentSettings(true, new IncidentGrouping(
                new Located<TimeSpan>(TimeSpan.FromHours(2), span), ReopenClosed: true, new Located<GroupingMatch>(GroupingMatch.Selected, span),
                [At("Account")], [new(GroupedAlertDetail.Title, span), new(GroupedAlertDetail.Severity, span)], [At("EventName")], span), span),
        };
        return input with { Rule = rule, OutputColumns = [.. input.OutputColumns, "AlertSeverity", "AlertTactics", "Product"] };
    }
}
