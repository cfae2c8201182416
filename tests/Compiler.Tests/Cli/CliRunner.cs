using RuleCompiler.Cli;

namespace RuleCompiler.Compiler.Tests.Cli;

/// <summary>Runs rulec in-process with captured output, from a given working directory.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Outcome Run(string workingDirectory, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new CliContext(output, error, workingDirectory, Colour: false));
        return new Outcome(code, output.ToString(), error.ToString());
    }
}
