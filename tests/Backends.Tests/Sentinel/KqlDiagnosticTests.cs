using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>Each diagnostic of the KQL emitter and the Sentinel capability table, at the construct it is about.</summary>
public class KqlDiagnosticTests
{
    [Fact]
    public void TheAslSeedIsNotBuiltBecauseCloudProviderHasNoSentinelColumn()
    {
        var query = KqlRules.Emit("asl_aws_ecr_container_upload_unknown_user");

        Assert.False(query.Portable);
        var diagnostic = Assert.Single(query.Diagnostics);
        Assert.Equal((KqlDiagnostics.NoSentinelColumn, DiagnosticSeverity.Warning, 38, 29), (diagnostic.Code, diagnostic.Severity, diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains("'cloud.provider'", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("asl_aws_ecr_container_upload_unknown_user.yml", diagnostic.Span.Path, StringComparison.Ordinal);
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
