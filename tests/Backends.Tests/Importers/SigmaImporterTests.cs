using RuleCompiler.Importers;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Compiler.Catalogues;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// Each Sigma construct's canonical translation, checked as text and by compiling the written rule with the project's
/// loader and binder; and each untranslatable construct's diagnostic, at its position in the Sigma file.
/// </summary>
public class SigmaImporterTests
{
    private const string Schema = "../../../schemas/rule.schema.json";
    private static readonly SigmaImporter Importer = new(AttackCatalogue.Default);

    private static string Rule(string detection, string tags = "    - attack.t1078.004\n") =>
        "title: Test Rule\nid: 0f4c5e1a-3b9d-4c2e-8f7a-1d2e3f4a5b6c\nstatus: test\ndescription: A test.\nauthor: Someone\ndate: 2024/01/02\n" +
        "tags:\n" + tags + "logsource:\n    product: aws\n    service: cloudtrail\ndetection:\n" + detection + "level: high\n";

    public static TheoryData<string, string> Translations => new()
    {
        { "    sel:\n        eventName: DeleteTrail\n    condition: sel\n", "eventName =~ \"DeleteTrail\"" },
        { "    sel:\n        eventName|cased: DeleteTrail\n    condition: sel\n", "eventName == \"DeleteTrail\"" },
        { "    sel:\n        eventName:\n            - A\n            - B\n    condition: sel\n", "eventName in~ (\"A\", \"B\")" },
        { "    sel:\n        eventName|cased:\n            - A\n            - B\n    condition: sel\n", "eventName in (\"A\", \"B\")" },
        { "    sel:\n        userAgent|contains: boto\n    condition: sel\n", "userAgent contains \"boto\"" },
        { "    sel:\n        userAgent|contains|cased: boto\n    condition: sel\n", "userAgent contains_cs \"boto\"" },
        { "    sel:\n        eventName|startswith: Delete\n    condition: sel\n", "eventName startswith \"Delete\"" },
        { "    sel:\n        userIdentity.arn|endswith: ':root'\n    condition: sel\n", "userIdentity.arn endswith \":root\"" },
        { "    sel:\n        userAgent|contains|all:\n            - a\n            - b\n    condition: sel\n", "userAgent contains \"a\" and userAgent contains \"b\"" },
        { "    sel:\n        eventName: 'Delete*Trail'\n    condition: sel\n", "eventName matches regex \"(?i)^Delete(?s:.*)Trail$\"" },
        { "    sel:\n        eventName: 'Delete*'\n    condition: sel\n", "eventName startswith \"Delete\"" },
        { "    sel:\n        eventName: 'a\\*b'\n    condition: sel\n", "eventName =~ \"a*b\"" },
        { "    sel:\n        userAgent|re: '^aws-cli/2\\.'\n    condition: sel\n", "userAgent matches regex \"^aws-cli/2\\\\.\"" },
        { "    sel:\n        userAgent|re|i: '^AWS'\n    condition: sel\n", "userAgent matches regex \"(?i)^AWS\"" },
        { "    sel:\n        sourceIPAddress|cidr: 10.0.0.0/8\n    condition: sel\n", "ipv4_is_in_range(sourceIPAddress, \"10.0.0.0/8\")" },
        { "    sel:\n        errorCode|exists: false\n    condition: sel\n", "isempty(errorCode)" },
        { "    sel:\n        errorCode: null\n    condition: sel\n", "isempty(errorCode)" },
        { "    sel:\n        userIdentity.arn|fieldref: requestParameters.userName\n    condition: sel\n", "userIdentity.arn =~ requestParameters.userName" },
        { "    sel:\n        requestParameters.maxResults|gte: 100\n    condition: sel\n", "todouble(requestParameters.maxResults) >= 100" },
        { "    sel:\n        requestParameters.maxResults: 100\n    condition: sel\n", "tostring(requestParameters.maxResults) =~ \"100\"" },
        { "    sel:\n        requestParameters.userData|base64offset|contains: 'curl'\n    condition: sel\n", "requestParameters.userData contains \"Y3Vyb\" or requestParameters.userData contains \"N1cm\" or requestParameters.userData contains \"jdXJs\"" },
        { "    sel:\n        requestParameters.command|windash|contains: ' -enc '\n    condition: sel\n", "requestParameters.command contains \" -enc \" or requestParameters.command contains \" /enc \" or requestParameters.command contains \" \u2013enc \" or requestParameters.command contains \" \u2014enc \" or requestParameters.command contains \" \u2015enc \"" },
        { "    sel:\n        - eventName: A\n        - eventSource: b.amazonaws.com\n    condition: sel\n", "eventName =~ \"A\" or eventSource =~ \"b.amazonaws.com\"" },
        { "    sel_a:\n        eventName: A\n    sel_b:\n        eventName: B\n    filter:\n        errorCode: x\n    condition: 1 of sel_* and not filter\n", "(eventName =~ \"A\" or eventName =~ \"B\") and not (errorCode =~ \"x\")" },
        { "    sel_a:\n        eventName: A\n    sel_b:\n        awsRegion: B\n    condition: all of them\n", "eventName =~ \"A\" and awsRegion =~ \"B\"" },
        { "    a:\n        eventName: A\n    b:\n        eventName: B\n    c:\n        awsRegion: C\n    condition: (a or b) and not c\n", "(eventName =~ \"A\" or eventName =~ \"B\") and not (awsRegion =~ \"C\")" },
    };

    [Theory]
    [MemberData(nameof(Translations))]
    public void Construct_translates_to_the_expected_condition_and_the_rule_binds(string detection, string expected)
    {
        var result = Importer.Import("test.yml", Rule(detection), Schema);
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Contains("search: |\n  where " + expected + "\n", result.Yaml, StringComparison.Ordinal);

        using var scratch = new ImportScratch();
        var compiled = scratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
        Assert.Single(compiled.Rules);
    }

    [Fact]
    public void Metadata_comes_across_with_the_modeline()
    {
        var result = Importer.Import("test.yml", Rule("    sel:\n        eventName: A\n    condition: sel\n"), Schema);
        var yaml = result.Yaml!;
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/rule.schema.json\n", yaml, StringComparison.Ordinal);
        Assert.Contains("id: 0f4c5e1a-3b9d-4c2e-8f7a-1d2e3f4a5b6c\n", yaml, StringComparison.Ordinal);
        Assert.Contains("date: \"2024-01-02\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("status: experimental\n", yaml, StringComparison.Ordinal);
        Assert.Contains("severity: high\n", yaml, StringComparison.Ordinal);
        Assert.Contains("attack:\n- T1078.004\n", yaml, StringComparison.Ordinal);
        Assert.Equal("test_rule.yml", result.FileName);
    }

    public static TheoryData<string, string, string> Failures => new()
    {
        { "    sel:\n        eventName|utf16le: A\n    condition: sel\n", "RC5003", "test.yml(14,9)" },
        { "    sel:\n        - DeleteTrail\n    condition: sel\n", "RC5004", "test.yml(14,9)" },
        { "    sel:\n        eventName: A\n    condition: sel and missing\n", "RC5005", "test.yml(15,24)" },
        { "    sel:\n        eventName: A\n    condition: sel | count() > 5\n", "RC5006", "test.yml(15,20)" },
        { "    sel:\n        request-parameters: A\n    condition: sel\n", "RC5007", "test.yml(14,9)" },
        { "    sel:\n        sourceIPAddress|cidr: '2001:db8::/32'\n    condition: sel\n", "RC5008", "test.yml(14,9)" },
        { "    sel:\n        eventName|gt: abc\n    condition: sel\n", "RC5008", "test.yml(14,9)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Untranslatable_construct_fails_with_its_code_at_its_position(string detection, string code, string position)
    {
        var result = Importer.Import("test.yml", Rule(detection), Schema);
        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Null(result.Yaml);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
        Assert.StartsWith(position + ": error " + code + ": ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_technique_and_tag_make_a_partial_rule_with_a_marker_that_still_binds()
    {
        var result = Importer.Import("test.yml", Rule("    sel:\n        eventName: A\n    condition: sel\n", "    - attack.t9999\n    - detection.threat_hunting\n"), Schema);
        Assert.Equal(ImportStatus.Partial, result.Status);
        Assert.Equal(["RC5009", "RC5011"], result.Diagnostics.Select(d => d.Code));
        Assert.Contains("# PARTIAL IMPORT: RC5009: ATT&CK technique 'T9999'", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("# PARTIAL IMPORT: RC5011: the Sigma tag 'detection.threat_hunting'", result.Yaml, StringComparison.Ordinal);

        using var scratch = new ImportScratch();
        var compiled = scratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
    }

    [Fact]
    public void Other_log_sources_fail()
    {
        var text = Rule("    sel:\n        eventName: A\n    condition: sel\n").Replace("service: cloudtrail", "service: s3", StringComparison.Ordinal);
        var result = Importer.Import("test.yml", text, Schema);
        Assert.Equal("RC5010", Assert.Single(result.Diagnostics).Code);
        Assert.Equal(ImportStatus.Failed, result.Status);
    }

    [Fact]
    public void Not_yaml_is_a_diagnostic_not_a_crash()
    {
        var result = Importer.Import("bad.yml", "title: [unclosed\n", Schema);
        Assert.Equal("RC5001", Assert.Single(result.Diagnostics).Code);
        Assert.Equal(ImportStatus.Failed, result.Status);
    }

    private const string FailedLogin = "title: Failed\nname: failed\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n    sel:\n        eventName: ConsoleLogin\n    condition: sel\n---\n";

    [Theory]
    [InlineData("correlation:\n    type: temporal_ordered\n    rules: [failed]\n    timespan: 5m\n", "RC5012", 13, 11)]
    [InlineData("correlation:\n    type: event_count\n    rules: [failed, succeeded]\n    timespan: 5m\n    condition:\n        gte: 3\n", "RC5013", 14, 21)]
    [InlineData("correlation:\n    type: event_count\n    rules: [failed]\n    timespan: soon\n    condition:\n        gte: 3\n", "RC5015", 15, 15)]
    [InlineData("correlation:\n    type: event_count\n    rules: [failed]\n    timespan: 5m\n    condition:\n        about: 3\n", "RC5015", 17, 9)]
    [InlineData("correlation:\n    type: value_count\n    rules: [failed]\n    timespan: 5m\n    condition:\n        gte: 3\n", "RC5015", 17, 9)]
    public void A_correlation_that_cannot_be_expressed_fails_at_its_construct(string correlation, string code, int line, int column)
    {
        var result = new SigmaImporter(AttackCatalogue.Default).Import("c.yml", FailedLogin + "title: Correlated\n" + correlation, "s");

        Assert.Equal(ImportStatus.Failed, result.Status);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((code, line, column), (error.Code, error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void A_correlation_that_also_generates_the_referenced_rules_alerts_is_partial()
    {
        var result = new SigmaImporter(AttackCatalogue.Default).Import("c.yml",
            FailedLogin + "title: Correlated\ncorrelation:\n    type: event_count\n    rules: [failed]\n    generate: true\n    timespan: 5m\n    condition:\n        gt: 3\n", "s");

        Assert.Equal(ImportStatus.Partial, result.Status);
        Assert.Equal(["RC5014", "RC5016"], result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Contains("\n  | where event_count > 3\n", result.Yaml!, StringComparison.Ordinal);
    }
}
