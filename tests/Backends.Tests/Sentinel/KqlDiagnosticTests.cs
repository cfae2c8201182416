using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>Each diagnostic of the KQL emitter and the Sentinel capability table, at the construct it is about.</summary>
public class KqlDiagnosticTests
{
    [Fact]
    public void TheAslSeedReadsCloudProviderAsTheTextItsDataSourceGivesForEveryAwsCloudTrailRecord()
    {
        var query = KqlRules.Emit("asl_aws_ecr_container_upload_unknown_user");

        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        Assert.Empty(query.Diagnostics);
        // The constant is written once, where the table is read, and read under the field's name.
        Assert.Contains("AWSCloudTrail\n| extend ['cloud.provider'] = \"AWS\"\n| where ", query.Text, StringComparison.Ordinal);
        Assert.Contains("vendor_product = ['cloud.provider']", query.Text, StringComparison.Ordinal);
    }

    [Theory]
    // Neither read nor in the output: no column is written.
    [InlineData("where api.operation == \"PutImage\"\n| project api.operation", 0)]
    // Without a project the rows keep every field of the source, this one too.
    [InlineData("where api.operation == \"PutImage\"", 1)]
    // Read in a where and kept in the output: one column, whatever the number of reads.
    [InlineData("where cloud.provider == \"AWS\" and api.operation == \"PutImage\"\n| project cloud.provider, p = cloud.provider", 1)]
    public void AConstantFieldBecomesAColumnOnlyWhenThePipelineReadsIt(string search, int columns)
    {
        using var probe = ProbeRepository.With(search, "asl_aws_cloudtrail");
        var query = probe.Emit();

        Assert.True(query.Portable, string.Join("\n", query.Diagnostics));
        Assert.Equal(columns, query.Text.Split('\n').Count(l => l == "| extend ['cloud.provider'] = \"AWS\""));
    }

    [Theory]
    // A field no AWSCloudTrail column carries.
    [InlineData("aws_cloudtrail", "where vpcEndpointAccountId == \"1\"", KqlDiagnostics.NoSentinelColumn, 0, 7, false)]
    // A path below an object with no column of its own.
    [InlineData("aws_cloudtrail", "where userIdentity.sessionContext.sourceIdentity == \"x\"", KqlDiagnostics.NoSentinelColumn, 0, 7, false)]
    // ASL's time is epoch milliseconds (long); its column TimeGenerated is a datetime.
    [InlineData("asl_aws_cloudtrail", "where api.operation == \"PutImage\" and time > 0", KqlDiagnostics.ColumnTypeMismatch, 0, 39, false)]
    // resources is multi-valued: == means "any element", which KQL's == does not.
    [InlineData("aws_cloudtrail", "where eventName == \"PutImage\" and resources == \"x\"", KqlDiagnostics.MultivaluedOperand, 0, 35, false)]
    [InlineData("aws_cloudtrail", "where resources in (\"a\", \"b\")", KqlDiagnostics.MultivaluedOperand, 0, 7, false)]
    // A long into the string column eventName.
    [InlineData("aws_cloudtrail", "where eventName == \"PutImage\"\n| fill-null 0 in eventName", KqlDiagnostics.FillNullType, 1, 3, false)]
    [InlineData("aws_cloudtrail", "summarize n = dcount(eventName) by awsRegion", KqlDiagnostics.DcountEstimate, 0, 15, true)]
    [InlineData("aws_cloudtrail", "project e = eventName\n| union (project e = eventName)", KqlDiagnostics.UnionColumnTypes, 1, 3, true)]
    public void DiagnosticIsReportedAtTheConstruct(string dataSource, string search, string code, int lineInSearch, int column, bool portable)
    {
        using var probe = ProbeRepository.With(search, dataSource);

        var diagnostics = probe.Diagnostics().Where(d => d.Code == code).ToList();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal((ProbeRepository.SearchLine + lineInSearch, column + 2), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(Path.GetFullPath(probe.RulePath), Path.GetFullPath(diagnostic.Span.Path));
        Assert.Equal(portable, probe.Emit().Portable);
    }
}
