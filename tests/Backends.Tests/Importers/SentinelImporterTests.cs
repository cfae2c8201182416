using RuleCompiler.Importers;
using RuleCompiler.Importers.Sentinel;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>One construct per case: the KQL the Sentinel importer reads and the canonical search it writes, and diagnostics at exact positions.</summary>
public class SentinelImporterTests
{
    private static readonly IReadOnlyDictionary<string, SentinelColumns> Tables = SentinelColumns.ByTable(SentinelCorpusTests.DataSources);

    [Theory]
    [InlineData("AWSCloudTrail | where EventName == \"x\"", "where eventName == \"x\"")]
    [InlineData("AWSCloudTrail | extend b = tostring(parse_json(RequestParameters).bucketName)", "extend b = tostring(requestParameters.bucketName)")]
    [InlineData("AWSCloudTrail | extend s = parse_json(tostring((parse_json(RequestParameters).cfg))).scanOnPush", "extend s = requestParameters.cfg.scanOnPush")]
    [InlineData("AWSCloudTrail | extend a = parse_json(Resources)[0].ARN", "extend a = resources[0].ARN")]
    [InlineData("AWSCloudTrail | extend t = parse_json(RequestParameters).[\"x-amz-acl\"]", "extend t = requestParameters[\"x-amz-acl\"]")]
    [InlineData("AWSCloudTrail | extend u = tostring(split(UserIdentityArn, '/', 1)[0])", "extend u = tostring(split(userIdentity.arn, \"/\")[1])")]
    [InlineData("AWSCloudTrail | project TimeGenerated, SourceIpAddress", "project TimeGenerated = _time, SourceIpAddress = sourceIPAddress")]
    [InlineData("AWSCloudTrail | extend SourceIpAddress = \"x\" | where SourceIpAddress == \"x\"", "extend SourceIpAddress = \"x\"\n| where SourceIpAddress == \"x\"")]
    [InlineData("AWSCloudTrail | project-away SourceSystem, TenantId, EventName", "project-away eventName")]
    [InlineData("AWSCloudTrail | project-rename Ip = SourceIpAddress", "project-rename Ip = sourceIPAddress")]
    [InlineData("AWSCloudTrail | summarize count(), make_set(AWSRegion) by bin(TimeGenerated, 1h), EventName", "summarize count(), set_AWSRegion = make_set(awsRegion) by TimeGenerated = bin(_time, 1h), EventName = eventName")]
    [InlineData("AWSCloudTrail | mvexpand parse_json(Resources)", "mv-expand Resources = resources")]
    [InlineData("AWSCloudTrail | distinct EventName, tostring(UserIdentityType)", "distinct EventName = eventName, UserIdentityType = tostring(userIdentity.type)")]
    [InlineData("AWSCloudTrail | where EventName <> \"x\" and UserAgent has_any (\"a\", \"b\")", "where eventName != \"x\" and (userAgent has \"a\" or userAgent has \"b\")")]
    [InlineData("AWSCloudTrail | where TimeGenerated > ago(1min) | sort by TimeGenerated desc nulls last", "where _time > ago(1m)\n| sort by _time desc")]
    [InlineData("let names = dynamic(['a''b']); AWSCloudTrail | where EventName in (names)", "let names = dynamic([\"ab\"]);\nwhere eventName in (names)")]
    [InlineData("let x = AWSCloudTrail | where EventName == \"a\"; x | join kind=inner x on EventName", "let x = (where eventName == \"a\");\nx\n| join kind=inner (x) on eventName")]
    [InlineData("let x = materialize(AWSCloudTrail | distinct AwsEventId); AWSCloudTrail | join (x) on AwsEventId | project-away AwsEventId1", "let x = (distinct AwsEventId = eventID);\njoin kind=innerunique (x) on $left.eventID == $right.AwsEventId\n| project-away AwsEventId")]
    [InlineData("AWSCloudTrail | summarize arg_max(TimeGenerated, *) by EventName | where AWSRegion == \"x\"", "summarize arg_max(_time, *) by EventName = eventName\n| where awsRegion == \"x\"")]
    public void A_KQL_construct_translates_to_its_canonical_form(string kql, string canonical)
    {
        var translation = KqlTranslator.Translate(kql, Tables);

        Assert.True(translation.Succeeded, string.Join("\n", translation.Diagnostics));
        Assert.Equal(canonical, translation.Search);
        Assert.Equal("aws_cloudtrail", translation.Source!.Source.Name);
    }

    [Theory]
    [InlineData("AWSCloudTrail\n| extend g = hash_sha256(SourceIpAddress)", "RC5053", 2, 14)]
    [InlineData("AWSCloudTrail\n| where EventName == \"x\"\n| parse EventName with * \"a\" b", "RC5060", 3, 3)]
    [InlineData("AWSVPCFlow\n| where DstPortNumber == 22", "RC5052", 1, 1)]
    [InlineData("let f = (x: string) { x };\nAWSCloudTrail", "RC5051", 1, 9)]
    [InlineData("let q = strcat(\"a\", \"b\");\nAWSCloudTrail\n| where EventName has_any (q)", "RC5051", 3, 9)]
    [InlineData("let names = (\n  externaldata (RoleName: string) [h@'https://example.com/x.txt']\n);\nAWSCloudTrail", "RC5051", 2, 3)]
    public void An_untranslatable_construct_is_reported_at_its_line_and_column(string kql, string code, int line, int column)
    {
        var translation = new KqlQueryTranslator(SentinelCorpusTests.DataSources, Compiler.Catalogues.AttackCatalogue.Default).Translate("q.kql", kql, "s");

        var diagnostic = Assert.Single(translation.Diagnostics, d => d.IsError);
        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.False(translation.Succeeded);
        Assert.DoesNotContain("RC2006", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rewrites_of_one_token_in_malformed_kql_are_a_syntax_error_not_a_crash()
    {
        // Found by ImporterFuzzTests: the join's bare right side and mvexpand both rewrote the same token.
        var translation = KqlTranslator.Translate("AWSCloudTrail\n| join kind=| mvexpand b (AWSCloudTrail) on EventName", Tables);
        Assert.False(translation.Succeeded);
        Assert.Contains(translation.Diagnostics, d => d.Code == SentinelImportCodes.UntranslatedSyntax);
    }

    [Fact]
    public void Metadata_comes_across_and_what_has_no_place_marks_the_rule_partial_at_its_position()
    {
        const string rule = """
            id: 5d3b4f7e-1c2a-4b5d-9e8f-0a1b2c3d4e5f
            name: Trail deleted
            description: |
              'Someone deleted a trail.'
            severity: High
            status: Available
            queryFrequency: 1h
            queryPeriod: 2h
            triggerOperator: gt
            triggerThreshold: 3
            tactics:
              - DefenseEvasion
            relevantTechniques:
              - T1562.008
              - T9999
            query: |
              AWSCloudTrail
              | where EventName == "DeleteTrail"
              | extend AccountCustomEntity = UserIdentityUserName
            entityMappings:
              - entityType: IP
                fieldMappings:
                  - identifier: Address
                    columnName: SourceIpAddress
            customDetails:
              Who: AccountCustomEntity
              Missing: NoSuchColumn
            alertDetailsOverride:
              alertDisplayNameFormat: Trail deleted from {{SourceIpAddress}}
              alertSeverityColumnName: Sev
            sentinelEntitiesMappings: []
            version: 1.0.2
            kind: Scheduled
            """;

        var result = SentinelCorpusTests.Importer().Import("r.yaml", rule, "../../../schemas/rule.schema.json");

        Assert.Equal(ImportStatus.Partial, result.Status);
        Assert.Equal(
            ["r.yaml(15,5): warning RC5055", "r.yaml(27,12): warning RC5057", "r.yaml(30,28): warning RC5057", "r.yaml(31,1): warning RC5056"],
            result.Diagnostics.Select(d => $"{d.Span.Path}({d.Span.Line},{d.Span.Column}): warning {d.Code}").Order(StringComparer.Ordinal));
        var yaml = result.Yaml!;
        Assert.Contains("\nversion: 1.0.2\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nseverity: high\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\ndescription: Someone deleted a trail.\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nsearch: |\n  where eventName == \"DeleteTrail\"\n  | extend AccountCustomEntity = userIdentity.userName\n  | extend SourceIpAddress = sourceIPAddress\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nattack:\n- T1562.008\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nentities:\n- type: IP\n  identifiers:\n    Address: SourceIpAddress\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nalert:\n  title: Trail deleted from {{SourceIpAddress}}\n  custom_details:\n    Who: AccountCustomEntity\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nschedule:\n  kind: scheduled\n  frequency: 1h\n  lookback: 2h\n  trigger:\n    operator: gt\n    threshold: 3\n", yaml, StringComparison.Ordinal);

        using var scratch = new ImportScratch();
        Assert.Equal(0, scratch.Compile(scratch.Write(result.FileName!, yaml)).ErrorCount);
    }

    [Fact]
    public void Legacy_custom_entity_columns_become_entities_when_the_rule_has_no_mappings()
    {
        const string rule = "name: Legacy\nquery: |\n  AWSCloudTrail\n  | extend AccountCustomEntity = UserIdentityUserName, IPCustomEntity = SourceIpAddress\n";

        var result = SentinelCorpusTests.Importer().Import("r.yaml", rule, "s");

        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Contains("\ntype: hunting\n", result.Yaml!, StringComparison.Ordinal);
        Assert.Contains("\nentities:\n- type: Account\n  identifiers:\n    FullName: AccountCustomEntity\n- type: IP\n  identifiers:\n    Address: IPCustomEntity\n", result.Yaml!, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouping_by_what_the_rule_does_not_carry_and_values_the_API_lacks_are_left_out_with_the_marker()
    {
        const string rule = """
            name: Grouped
            queryFrequency: 1h
            query: |
              AWSCloudTrail
              | project EventName, SourceIpAddress
            entityMappings:
              - entityType: IP
                fieldMappings:
                  - identifier: Address
                    columnName: SourceIpAddress
            alertDetailsOverride:
              alertDynamicProperties:
                - alertProperty: Vendor
                  value: EventName
            eventGroupingSettings:
              aggregationKind: PerEvent
            incidentConfiguration:
              createIncident: true
              groupingConfiguration:
                enabled: true
                matchingMethod: Selected
                groupByEntities: [IP, Host]
            """;

        var result = SentinelCorpusTests.Importer().Import("r.yaml", rule, "s");

        Assert.Equal(ImportStatus.Partial, result.Status);
        Assert.Equal(
            ["r.yaml(13,22): warning RC5058", "r.yaml(16,20): warning RC5058", "r.yaml(22,27): warning RC5059"],
            result.Diagnostics.Select(d => $"{d.Span.Path}({d.Span.Line},{d.Span.Column}): warning {d.Code}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain("incident:", result.Yaml!, StringComparison.Ordinal);
        Assert.DoesNotContain("per_result", result.Yaml!, StringComparison.Ordinal);
        Assert.DoesNotContain("dynamic_properties", result.Yaml!, StringComparison.Ordinal);
    }
}
