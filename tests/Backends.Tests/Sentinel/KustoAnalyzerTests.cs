using System.Collections.Immutable;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Compiler.Loading;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

public class KustoAnalyzerTests
{
    /// <summary>The tables rules/data_sources declare; every analyzer test runs against these.</summary>
    internal static ImmutableArray<KustoTable> RepositoryTables { get; } =
        KustoTable.FromDataSources(RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules")).DataSources);

    [Fact]
    public void TheDataSourcesDeclareTheAwsCloudTrailEksAndGuardDutyTablesWithTypedColumns()
    {
        // aws_securityhub names no table (sentinel.unavailable): none is made up for it.
        Assert.Equal(["AWSCloudTrail", "AWSEKSLogs", "AWSGuardDuty"], RepositoryTables.Select(t => t.Name).Order(StringComparer.Ordinal));
        var eks = RepositoryTables.Single(t => t.Name == "AWSEKSLogs");
        Assert.Contains(eks.Columns, c => c is { Name: "RawEvent", Type: "dynamic" });
        Assert.Contains(eks.Columns, c => c is { Name: "TimeGenerated", Type: "datetime" });
        var guardDuty = RepositoryTables.Single(t => t.Name == "AWSGuardDuty");
        Assert.Equal(17, guardDuty.Columns.Length);
        Assert.Contains(guardDuty.Columns, c => c is { Name: "ResourceDetails", Type: "dynamic" });
        Assert.Contains(guardDuty.Columns, c => c is { Name: "Severity", Type: "int" });

        var table = RepositoryTables.Single(t => t.Name == "AWSCloudTrail");
        Assert.Equal(57, table.Columns.Length);
        Assert.Contains(table.Columns, c => c is { Name: "TimeGenerated", Type: "datetime" });
        Assert.Contains(table.Columns, c => c is { Name: "RequestParameters", Type: "string" });
        Assert.Contains(table.Columns, c => c is { Name: "ManagementEvent", Type: "bool" });
    }

    [AnalyzerFact]
    public void AcceptsAKnownGoodAwsCloudTrailQuery()
    {
        const string query = """
            AWSCloudTrail
            | where EventName == "PutImageScanningConfiguration" and isempty(ErrorCode)
            | extend scanOnPush = tobool(parse_json(RequestParameters).imageScanningConfiguration.scanOnPush)
            | where scanOnPush == false
            | extend AccountName = tostring(split(UserIdentityArn, "/")[-1])
            | distinct TimeGenerated, EventName, SourceIpAddress, UserIdentityArn, RecipientAccountId, AccountName
            """;

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(RepositoryTables, [new KustoQuery("good", query)]);

        Assert.True(analysis.IsAvailable, analysis.ToString());
        var result = Assert.Single(analysis.Results);
        Assert.Equal("good", result.Id);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["TimeGenerated:datetime", "EventName:string", "SourceIpAddress:string", "UserIdentityArn:string", "RecipientAccountId:string", "AccountName:string"],
            result.Columns.Select(c => $"{c.Name}:{c.Type}"));
    }

    [AnalyzerFact]
    public void ReportsAMisspeltColumnWithItsPosition()
    {
        const string query = "AWSCloudTrail\n| where EventNme == \"DeleteRepository\"";

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(RepositoryTables, [new KustoQuery("typo", query)]);

        var error = Assert.Single(Assert.Single(analysis.Results).Errors);
        Assert.Equal("KS142", error.Code);
        Assert.Contains("EventNme", error.Message);
        Assert.Equal((2, 9), (error.Line, error.Column));
        Assert.Equal(query.IndexOf("EventNme", StringComparison.Ordinal), error.Start);
        Assert.Equal("EventNme".Length, error.Length);
    }

    [AnalyzerFact]
    public void AnalysesABatchInOneCallAndKeepsItsOrder()
    {
        var queries = Enumerable.Range(0, 50)
            .Select(i => new KustoQuery($"q{i}", i % 7 == 3 ? $"AWSCloudTrail | where NoSuchColumn{i} == 1" : $"AWSCloudTrail | where AWSRegion == \"r{i}\""))
            .ToList();

        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(RepositoryTables, queries);

        Assert.Equal(queries.Select(q => q.Id), analysis.Results.Select(r => r.Id));
        Assert.Equal(
            queries.Select((_, i) => i % 7 == 3),
            analysis.Results.Select(r => r.Errors.Any()));
    }

    [AnalyzerFact]
    public void AnUnknownTableIsAnError()
    {
        var analysis = AnalyzerFactAttribute.Analyzer.Analyze(RepositoryTables, [new KustoQuery("t", "SecurityLakeTable | take 1")]);

        Assert.Contains(Assert.Single(analysis.Results).Errors, e => e.Message.Contains("SecurityLakeTable"));
    }

    [Fact]
    public void WithoutTheInstalledPackageTheAnalyzerSaysItIsUnavailableAndWhy()
    {
        var root = Directory.CreateTempSubdirectory("rulec-kql-").FullName;
        try
        {
            var tool = Directory.CreateDirectory(Path.Combine(root, KustoAnalyzer.ToolFolder)).FullName;
            File.Copy(Path.Combine(RepositoryPaths.Root, KustoAnalyzer.ToolFolder, "analyze.js"), Path.Combine(tool, "analyze.js"));

            var analysis = KustoAnalyzer.Locate(root).Analyze(RepositoryTables, [new KustoQuery("q", "AWSCloudTrail")]);

            Assert.False(analysis.IsAvailable);
            Assert.Empty(analysis.Results);
            Assert.StartsWith("analyzer unavailable: ", analysis.ToString());
            Assert.True(
                analysis.UnavailableReason!.Contains("npm ci", StringComparison.Ordinal) || analysis.UnavailableReason.Contains("node was not found", StringComparison.Ordinal),
                analysis.UnavailableReason);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheRepositoryRootIsFoundFromBelowIt() =>
        Assert.Equal(RepositoryPaths.Root, KustoAnalyzer.FindRepositoryRoot(Path.Combine(RepositoryPaths.Root, "rules", "data_sources")));
}
