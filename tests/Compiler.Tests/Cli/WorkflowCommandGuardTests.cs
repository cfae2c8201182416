using CsCheck;
using RuleCompiler.Cli;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>
/// No line rulec prints from rule or event text is a GitHub Actions workflow command: the runner trims a line's
/// white space and acts on "::" at its start, so "  ::error::x" is one as much as "::error::x".
/// </summary>
public class WorkflowCommandGuardTests
{
    private const int Cases = 10_000;

    // White space the runner trims (ASCII and Unicode), colons, line breaks and ordinary characters.
    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (4, (IGen<char>)Gen.Char[" \t\u00a0\u1680\u2000\u2003\u200a\u2028\u2029\u202f\u205f\u3000\u0085\u000b\u000c"]),
            (6, Gen.Char[":"]),
            (2, Gen.Char["\n\r"]),
            (3, Gen.Char['!', '~']),
            (1, Gen.Char))
        .Array[0, 24]
        .Select(chars => new string(chars));

    private static bool IsCommand(string line) => line.Trim().StartsWith("::", StringComparison.Ordinal);

    [Fact]
    public void A_guarded_line_is_never_a_workflow_command_and_other_lines_are_left_alone()
    {
        Adversarial.Sample(text =>
        {
            var line = text.Replace("\n", "").Replace("\r", "");
            var guarded = WorkflowCommandGuard.Line(line);
            return !IsCommand(guarded) && (IsCommand(line) || guarded == line);
        }, iter: Cases);
    }

    [Fact]
    public void No_line_of_a_guarded_block_is_a_workflow_command()
    {
        Adversarial.Sample(text => WorkflowCommandGuard.Lines(text).Split('\n').All(line => !IsCommand(line)), iter: Cases);
    }

    [Fact]
    public void No_line_a_diagnostic_prints_is_a_workflow_command_whatever_its_path_and_message()
    {
        Gen.Select(Adversarial, Adversarial).Sample((path, message) =>
        {
            var error = new StringWriter { NewLine = "\n" };
            var printer = new DiagnosticPrinter(new CliContext(TextWriter.Null, error, "/work", Colour: false));
            printer.Print(Diagnostic.Error("RC1201", message, SourceSpan.At(path, 1, 1)));
            var lines = error.ToString().TrimEnd('\n').Split('\n');
            return lines.Length == 1 && !IsCommand(lines[0]);
        }, iter: Cases);
    }

    [Fact]
    public void A_rule_file_named_like_a_command_after_spaces_is_printed_as_a_path()
    {
        using var repo = TempRepository.CopyOfValid();
        var named = Path.Combine("rules", "aws", "ecr", "  ::error file=README.md,line=1::injected.yml");
        File.Move(repo.PathOf("rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml"), repo.PathOf(named));
        repo.Edit(named, "data_source: aws_cloudtrail", "data_source: nope");

        var outcome = CliRunner.Run(Path.Combine(repo.Root, "rules", "aws", "ecr"), "validate", ".");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("./  ::error file=README.md,line=1::injected.yml(", outcome.Error, StringComparison.Ordinal);
        Assert.All(outcome.Error.Split('\n'), line => Assert.False(IsCommand(line), line));
    }

    [Fact]
    public void Shown_artifacts_are_printed_as_they_are_and_in_github_actions_between_stop_commands_and_its_token()
    {
        using var repo = TempRepository.CopyOfValid();
        repo.Edit("rules/aws/ecr/aws_ecr_container_scanning_findings_medium.yml",
            "description: Image scan results", "description: |-\n  ::error file=README.md::pwned\n  ::add-mask::x\n  Image scan results");
        string[] show = ["show", "aws_ecr_container_scanning_findings_medium", "--target", "splunk"];

        var plain = Show(repo.Root, show, githubActions: false);
        var inActions = Show(repo.Root, show, githubActions: true);

        Assert.Contains("\n::add-mask::x", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("stop-commands", plain, StringComparison.Ordinal);
        Assert.Equal(inActions, Show(repo.Root, show, githubActions: true));
        var lines = inActions.TrimEnd('\n').Split('\n');
        var paused = false;
        string? token = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("::stop-commands::", StringComparison.Ordinal))
            {
                Assert.False(paused, line);
                (paused, token) = (true, line["::stop-commands::".Length..]);
            }
            else if (paused && line == $"::{token}::")
            {
                paused = false;
            }
            else
            {
                Assert.True(paused || !IsCommand(line), line);
                Assert.True(token is null || !line.Contains(token, StringComparison.Ordinal), line);
            }
        }

        Assert.False(paused);
        Assert.NotNull(token);
        Assert.Equal(64, token.Length);
    }

    private static string Show(string root, string[] args, bool githubActions)
    {
        var output = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, TextWriter.Null, root, Colour: false)
        {
            EnvironmentVariable = name => githubActions && name == "GITHUB_ACTIONS" ? "true" : null,
        };
        Assert.Equal(0, Program.Run(args, context));
        return output.ToString();
    }
}
