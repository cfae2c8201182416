using System.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

public class BuildCommandTests
{
    [Fact]
    public void WritesTheProjectDeterministically()
    {
        var first = Path.Combine(Path.GetTempPath(), $"rulec-build-{Guid.NewGuid():N}");
        var second = Path.Combine(Path.GetTempPath(), $"rulec-build-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, CliRunner.Run(RepositoryPaths.Root, "build", "--target", "csharp", "--out", first).Exit);
            Assert.Equal(0, CliRunner.Run(RepositoryPaths.Root, "build", "--target", "csharp", "--out", second).Exit);
            var files = Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("RuleCompiler.Generated.Rules.csproj", files);
            Assert.Contains(Path.Combine("Runtime", "Values", "Ops.cs"), files);
            Assert.Contains(Path.Combine("Rules", "AwsEcrContainerScanningFindingsMedium.cs"), files);
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    /// <summary>Slow (a real dotnet build, about 20 s): runs once per test run.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task TheWrittenProjectBuildsWithDotnetBuild()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"rulec-build-{Guid.NewGuid():N}");
        try
        {
            var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "build", "--target", "csharp", "--out", dir);
            Assert.True(exit == 0, output + error);
            var start = new ProcessStartInfo("dotnet", ["build", dir, "-nologo", "-v", "q", "-p:TreatWarningsAsErrors=true"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await log + await errors);
            Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "RuleCompiler.Generated.Rules.dll")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UnknownTargetIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run(RepositoryPaths.Root, "build", "--target", "cobol", "--out", "x");
        Assert.Equal(2, exit);
        Assert.Contains("cobol", error, StringComparison.Ordinal);
    }
}
