using System.Diagnostics;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>
/// The same rules give byte-identical artifacts from any checkout path, culture and time zone; a build replaces
/// dist/ whole, so deleted rules leave nothing and a failed build leaves the previous output as it was.
/// </summary>
public class ReproducibleBuildTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void TwoCheckoutsInOtherCulturesAndTimeZonesGiveIdenticalBytes()
    {
        var first = CliRunner.CopyRules();
        var second = Path.Combine(Path.GetTempPath(), "rulec-other-" + Guid.NewGuid().ToString("N"), "deeper", "checkout");
        try
        {
            CopyTree(first, second);
            var outFirst = RunRulecProcess(first, "tr_TR.UTF-8", "Pacific/Kiritimati");
            var outSecond = RunRulecProcess(second, "de_DE.UTF-8", "America/St_Johns");
            var files = Files(outFirst);
            Assert.Equal(files, Files(outSecond));
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(outFirst, file)), File.ReadAllBytes(Path.Combine(outSecond, file)));
                var text = File.ReadAllText(Path.Combine(outFirst, file));
                Assert.DoesNotContain(first, text, StringComparison.Ordinal);
                Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(second))!, recursive: true);
        }
    }

    [Fact]
    public void ADeletedRuleLeavesNoTrace()
    {
        var root = CliRunner.CopyRules();
        try
        {
            Assert.Equal(0, CliRunner.Run(root, "build", "rules", "--out", "dist").Exit);
            Assert.Contains(Files(Path.Combine(root, "dist")), f => f.Contains("ScanningFindingsHigh", StringComparison.Ordinal));
            File.Delete(Path.Combine(root, "rules", "aws", "ecr", "aws_ecr_container_scanning_findings_high.yml"));
            Assert.Equal(0, CliRunner.Run(root, "build", "rules", "--out", "dist").Exit);
            var files = Files(Path.Combine(root, "dist"));
            Assert.DoesNotContain(files, f => f.Contains("ScanningFindingsHigh", StringComparison.Ordinal));
            Assert.DoesNotContain(files, f => f.Contains(".rulec-staging", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ATargetFailingHalfWayLeavesThePreviousOutput()
    {
        var root = CliRunner.CopyRules();
        try
        {
            var dist = Path.Combine(root, "dist");
            Assert.Equal(0, CliRunner.Run(root, "build", "rules", "--out", "dist").Exit);
            var before = Snapshot(dist);
            var compilation = RuleCompilerHost.Compile([Path.Combine(root, "rules")]);
            Assert.Throws<IOException>(() => RuleCompilerHost.Build(compilation, [TargetRegistry.Find("csharp")!, new DiesHalfWay()], dist));
            Assert.Equal(before, Snapshot(dist));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A target that writes a file and then fails, as a full disk or a kill would leave it.</summary>
    private sealed class DiesHalfWay : ITarget
    {
        public string Name => "dies";

        public string Artifacts => "nothing";

        public CapabilityTable Capabilities => RuleCompiler.Backends.CSharp.CSharpCapabilities.Table;

        public IEnumerable<Diagnostic> CheckRule(CompiledRule rule) => [];

        public TargetOutput Write(TargetInput input, string folder)
        {
            File.WriteAllText(Path.Combine(folder, "half.txt"), "half");
            throw new IOException("disk full");
        }
    }

    private static string RunRulecProcess(string root, string culture, string timeZone)
    {
        var rulec = Path.Combine(AppContext.BaseDirectory, "rulec.dll");
        var start = new ProcessStartInfo("dotnet", [rulec, "build", "rules", "--out", "dist"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LANG"] = culture;
        start.Environment["LC_ALL"] = culture;
        start.Environment["TZ"] = timeZone;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "rulec build did not finish");
        Assert.True(process.ExitCode == 0, output.Result + error.Result);
        return Path.Combine(root, "dist");
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Snapshot(string folder) =>
        Files(folder).ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f)))));

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
