using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>
/// Microsoft's Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (the test project downloads it
/// at restore; the binary is tools/bicep in the package folder of the NuGet cache).
/// </summary>
internal static class BicepCli
{
    public const string Version = "0.49.2";

    public static string? Path { get; } = Find();

    public static string? MissingReason => Path is not null ? null
        : OperatingSystem.IsLinux() && RuntimeInformationIsX64()
            ? $"Azure.Bicep.CommandLine.linux-x64 {Version} is not in the NuGet cache (dotnet restore tests/Backends.Tests downloads it)"
            : "the Bicep CLI package is for linux-x64 only";

    /// <summary>Runs <c>bicep build file --stdout</c>: the exit code, the compiled ARM JSON, and everything on stderr.</summary>
    public static (int ExitCode, JsonNode? Arm, string Messages) Build(string bicepFile)
    {
        var start = new ProcessStartInfo(Path!, ["build", bicepFile, "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Bicep checks for a newer version and telemetry on the network unless told not to.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Length > 0 ? JsonNode.Parse(stdout) : null, stderr.Result.Trim());
    }

    private static bool RuntimeInformationIsX64() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    private static string? Find()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var binary = System.IO.Path.Combine(cache, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!OperatingSystem.IsLinux() || !File.Exists(binary))
        {
            return null;
        }

        // NuGet may extract without the execute bit.
        var mode = File.GetUnixFileMode(binary);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(binary, mode | UnixFileMode.UserExecute);
        }

        return binary;
    }
}

/// <summary>A fact skipped, visibly, when the Bicep CLI is not available (not linux-x64, or not restored).</summary>
public sealed class BicepFactAttribute : Xunit.FactAttribute
{
    public BicepFactAttribute()
    {
        if (BicepCli.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
