using System.Diagnostics;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// Issue 12, finding 9: SPL and KQL habits in a rule's search give `rulec validate` one diagnostic naming the
/// canonical form, at the line and column of the habit (marked ⟦ in the edit), and no knock-on error.
/// </summary>
public class PortingHintCliTests
{
    private const string Medium = "rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml";
    private const string FirstLine = "  where eventSource == \"ecr.amazonaws.com\" and eventName == \"DescribeImageScanFindings\"";
    private const string Summarize = "  | summarize firstTime = min(_time), lastTime = max(_time)";

    [Theory]
    [InlineData(Summarize, "  | summarize firstTime = min(_time), lastTime = max(_time), names = ⟦values(eventName)", "error RC2540", "make_set(...)")]
    [InlineData(Summarize, "  | summarize firstTime = min(_time), lastTime = max(_time), n = ⟦dc(eventName)", "error RC2540", "dcount(...)")]
    [InlineData(Summarize, "  | summarize firstTime = min(_time), lastTime = max(_time), ⟦count", "error RC2541", "count()")]
    [InlineData(Summarize, "  | ⟦stats firstTime = min(_time), lastTime = max(_time)", "error RC2031", "is summarize here")]
    [InlineData("  | where finding.severity =~ \"MEDIUM\"", "  | where finding.severity =~ \"MEDIUM\" | ⟦order by _time", "error RC2031", "is sort here")]
    [InlineData(FirstLine, "  ⟦AWSCloudTrail | where eventSource == \"ecr.amazonaws.com\"", "error RC2542", "drop the table name")]
    [InlineData(FirstLine, "  let ecr = ⟦where eventSource == \"ecr.amazonaws.com\"; ecr", "error RC2032", "let ecr = (where ...);")]
    public void A_habit_is_one_error_at_its_place_and_exit_1(string old, string marked, string severityAndCode, string advice)
    {
        using var repo = TempRepository.CopyOfValid();
        var (line, column) = EditAt(repo, old, marked);

        var outcome = CliRunner.Run(repo.Root, "validate", Medium);

        Assert.Equal(1, outcome.ExitCode);
        var diagnostic = Assert.Single(outcome.Error.Replace('\\', '/').Split('\n'), l => l.Length > 0);
        Assert.StartsWith($"{Medium}({line},{column}): {severityAndCode}: ", diagnostic);
        Assert.Contains(advice, diagnostic);
    }

    [Fact]
    public void A_typo_deep_in_a_path_is_a_warning_with_the_declared_name()
    {
        const string high = "rules/aws/ecr/aws_ecr_container_scanning_findings_high.yml";
        using var repo = TempRepository.CopyOfRepositoryRules();
        const string marked = "user = coalesce(userIdentity.userName, userIdentity.sessionContext.sessionIssuer.⟦usrName,";
        var replacement = marked.Replace("⟦", "");
        repo.Edit(high, "user = coalesce(userIdentity.userName, userIdentity.sessionContext.sessionIssuer.userName,", replacement);
        var line = repo.LineOf(high, replacement);
        var column = File.ReadAllLines(repo.PathOf(high))[line - 1].IndexOf(replacement, StringComparison.Ordinal) + marked.IndexOf('⟦') + 1;

        var outcome = CliRunner.Run(repo.Root, "validate", high);

        Assert.Equal(0, outcome.ExitCode);
        var diagnostic = Assert.Single(outcome.Error.Replace('\\', '/').Split('\n'), l => l.Length > 0);
        Assert.Equal($"{high}({line},{column}): warning RC2529: 'usrName' is not a declared member of 'userIdentity.sessionContext.sessionIssuer'; did you mean 'userName'?", diagnostic);
    }

    [Fact]
    public async Task The_rulec_process_reports_a_values_call_with_its_canonical_form_and_exits_1()
    {
        using var repo = TempRepository.CopyOfValid();
        var (line, column) = EditAt(repo, Summarize, "  | summarize firstTime = min(_time), lastTime = max(_time), names = ⟦values(eventName)");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "rulec.dll"), "validate", Medium])
        {
            WorkingDirectory = repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var diagnostic = Assert.Single((await error).Replace('\\', '/').Split('\n'), l => l.Trim().Length > 0);
        Assert.StartsWith($"{Medium}({line},{column}): error RC2540: unknown function 'values': SPL's values(...) is make_set(...) here", diagnostic.TrimEnd('\r'));
        Assert.Contains("1 error", await output + await error);
    }

    /// <summary>Replaces <paramref name="old"/> by <paramref name="marked"/> without its ⟦; the marker's line and column.</summary>
    private static (int Line, int Column) EditAt(TempRepository repo, string old, string marked)
    {
        var at = marked.IndexOf('⟦');
        var replacement = marked.Remove(at, 1);
        repo.Edit(Medium, old, replacement);
        return (repo.LineOf(Medium, replacement), at + 1);
    }
}
