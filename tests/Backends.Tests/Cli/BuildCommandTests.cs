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
            var files = Directory.EnumerateFiles(Path.Combine(first, "csharp"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(first, "csharp"), f)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("RuleCompiler.Generated.Rules.csproj", files);
            Assert.Contains(Path.Combine("Runtime", "Values", "Ops.cs"), files);
            Assert.Contains(files, f => f.StartsWith(Path.Combine("Rules", "Rule_AwsEcrContainerScanningFindingsMedium_"), StringComparison.Ordinal));
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, "csharp", file)), File.ReadAllBytes(Path.Combine(second, "csharp", file)));
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
            var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "build", "--out", dir);
            Assert.True(exit == 0, output + error);
            var project = Path.Combine(dir, "csharp");
            var start = new ProcessStartInfo("dotnet", ["build", project, "-nologo", "-v", "q", "-p:TreatWarningsAsErrors=true"])
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
            Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "RuleCompiler.Generated.Rules.dll")));
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

    [Fact]
    public void ARuleErrorFailsTheBuildAndWritesNothing()
    {
        var rules = Path.Combine(Path.GetTempPath(), $"rulec-rules-{Guid.NewGuid():N}");
        var dist = Path.Combine(Path.GetTempPath(), $"rulec-dist-{Guid.NewGuid():N}");
        try
        {
            var source = Path.Combine(RepositoryPaths.Root, "rules");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(rules, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            var broken = Path.Combine(rules, "aws", "ecr", "aws_ecr_container_upload_outside_business_hours.yml");
            File.WriteAllText(broken, File.ReadAllText(broken).Replace("eventName == \"PutImage\"", "eventNme == \"PutImage\"", StringComparison.Ordinal));

            var (exit, output, error) = CliRunner.Run(RepositoryPaths.Root, "build", rules, "--out", dist);

            Assert.Equal(1, exit);
            Assert.Contains("error RC2501: unknown field 'eventNme'", error, StringComparison.Ordinal);
            Assert.Contains("nothing written", output, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dist));
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }
}
