using System.Diagnostics;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, finding 12 and the acceptance's fresh-clone route: <c>dotnet pack</c> makes a .NET tool package,
/// <c>dotnet tool install</c> installs it from that local folder alone, and the installed <c>rulec</c> validates a rules
/// repository as a real process (exit codes and output). One test, as it packs and installs (about half a minute):
/// it packs the build the tests run on (<c>--no-build</c>, same configuration), so it costs no extra compilation.
/// </summary>
public class ToolInstallTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void Rulec_packs_as_a_dotnet_tool_that_installs_and_validates_a_rules_repository()
    {
        var scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rulec-tool-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var packages = Path.Combine(scratch, "packages");
            var tools = Path.Combine(scratch, "tools");
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
            var pack = Run(TestPaths.RepoRoot, "dotnet", "pack", Path.Combine("src", "Cli"), "-c", configuration, "--no-build", "-o", packages);
            Assert.True(pack.Exit == 0, pack.Output);
            Assert.Single(Directory.GetFiles(packages, "RuleCompiler.Cli.*.nupkg"));

            // Only the local folder as a source: the install needs nothing from the network.
            var config = Path.Combine(scratch, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            var install = Run(scratch, "dotnet", "tool", "install", "RuleCompiler.Cli", "--tool-path", tools, "--configfile", config);
            Assert.True(install.Exit == 0, install.Output);
            var rulec = Path.Combine(tools, OperatingSystem.IsWindows() ? "rulec.exe" : "rulec");
            Assert.True(File.Exists(rulec), install.Output);

            using var repo = TempRepository.CopyOfRepositoryRules();
            var valid = Run(repo.Root, rulec, "validate", "rules");
            Assert.Equal(0, valid.Exit);
            Assert.StartsWith("validated 5 rules, 9 data sources", valid.Output);

            var line = repo.EditMatch("rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml", "^type: ttp", "type: anomally");
            var broken = Run(repo.Root, rulec, "validate", "rules");
            Assert.Equal(1, broken.Exit);
            Assert.Contains($"aws_ecr_container_scanning_findings_high.yml({line},7): error RC12", broken.Output);

            var typo = Run(repo.Root, rulec, "validat", "rules");
            Assert.Equal(2, typo.Exit);
            Assert.Contains("rulec: error RC1902: unknown command 'validat'; did you mean 'validate'?", typo.Output);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Runs a process to its end; stdout and stderr together, in the order they were written.</summary>
    private static (int Exit, string Output) Run(string workingDirectory, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} did not finish in {Limit}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
