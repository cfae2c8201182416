using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli;

/// <summary>
/// Prints diagnostics in the MSBuild format editors and CI annotate, <c>path(line,col): error CODE: message</c>,
/// with paths relative to the working directory; usage errors as <c>rulec: error CODE: message</c>.
/// Under <c>--quiet</c> only errors are printed.
/// </summary>
/// <param name="context">Where to print.</param>
/// <param name="command">The command's words ("rulec validate"), for the help hint after an invalid-arguments error.</param>
public sealed class DiagnosticPrinter(CliContext context, string command = "rulec")
{
    private bool _hinted;

    public void Print(Diagnostic diagnostic)
    {
        if (context.Quiet && !diagnostic.IsError)
        {
            return;
        }

        var span = diagnostic.Span;
        var severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => Paint("error", "31"),
            DiagnosticSeverity.Warning => Paint("warning", "33"),
            _ => "info",
        };
        context.Error.WriteLine($"{SafePath(context.Display(span.Path))}({span.Line},{span.Column}): {severity} {diagnostic.Code}: {DiagnosticText.Message(diagnostic.Message)}");
    }

    /// <summary>
    /// A problem with the command line itself (exit code 2). Invalid arguments are followed, once, by
    /// <c>Run 'rulec help COMMAND' for usage.</c>
    /// </summary>
    public int UsageError(string code, string message, string? commandWords = null)
    {
        context.Error.WriteLine($"rulec: {Paint("error", "31")} {code}: {DiagnosticText.Message(message)}");
        if (code == CliDiagnosticCodes.InvalidArguments && !_hinted)
        {
            _hinted = true;
            var topic = (commandWords ?? command)["rulec".Length..];
            context.Error.WriteLine($"Run 'rulec help{topic}' for usage.");
        }

        return ExitCodes.UsageError;
    }

    /// <summary>
    /// Reports each given path that is neither a file nor a folder (a usage error; exit code 2) and says whether
    /// there was one. Path arguments take any token, so a mistyped option is reported as an unknown option rather
    /// than as a missing file.
    /// </summary>
    public bool ReportMissingPaths(IEnumerable<string> paths)
    {
        var any = false;
        foreach (var path in paths.Where(p => !File.Exists(context.Resolve(p)) && !Directory.Exists(context.Resolve(p))))
        {
            any = true;
            if (path.StartsWith('-'))
            {
                UsageError(CliDiagnosticCodes.InvalidArguments, $"unknown option '{path}'");
            }
            else
            {
                UsageError(CliDiagnosticCodes.PathNotFound, $"no such file or folder: {path}");
            }
        }

        return any;
    }

    /// <summary>
    /// Reports each given path (they exist) that lies in no rules repository: no folder at or above it holds
    /// <c>rulec.yaml</c> or <c>data_sources/</c>. Without one a rule's data source cannot be checked or bound, so
    /// the rule could never be reported honestly; this is a usage error (exit code 2). Says whether there was one.
    /// </summary>
    public bool ReportOutsideRepository(IEnumerable<string> paths)
    {
        var any = false;
        foreach (var path in paths.Where(p => RuleRepository.FindRepositoryRoot(context.Resolve(p)) is null))
        {
            any = true;
            UsageError(CliDiagnosticCodes.NoRepository,
                $"{path} is not in a rules repository: no folder at or above it holds {RuleRepository.MarkerFile} or {RuleRepository.DataSourcesFolder}/");
        }

        return any;
    }

    /// <summary>Missing paths, then paths outside any repository; true when the command must stop with exit code 2.</summary>
    public bool ReportUnusablePaths(IReadOnlyList<string> paths) => ReportMissingPaths(paths) || ReportOutsideRepository(paths);

    /// <summary>A path to start a line: escaped, and never read as a workflow command (a file may be called "  ::error::x").</summary>
    public static string SafePath(string path) => WorkflowCommandGuard.Path(DiagnosticText.Path(path));

    private string Paint(string word, string ansiColour) => context.Colour ? $"\u001b[{ansiColour}m{word}\u001b[0m" : word;
}
