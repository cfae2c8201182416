using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// Prints diagnostics in the MSBuild format editors and CI annotate, <c>path(line,col): error CODE: message</c>,
/// with paths relative to the working directory; usage errors as <c>rulec: error CODE: message</c>.
/// </summary>
public sealed class DiagnosticPrinter(CliContext context)
{
    public void Print(Diagnostic diagnostic)
    {
        var span = diagnostic.Span;
        var severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => Paint("error", "31"),
            DiagnosticSeverity.Warning => Paint("warning", "33"),
            _ => "info",
        };
        context.Error.WriteLine($"{SafePath(context.Display(span.Path))}({span.Line},{span.Column}): {severity} {diagnostic.Code}: {DiagnosticText.Message(diagnostic.Message)}");
    }

    /// <summary>A problem with the command line itself (exit code 2).</summary>
    public int UsageError(string code, string message)
    {
        context.Error.WriteLine($"rulec: {Paint("error", "31")} {code}: {DiagnosticText.Message(message)}");
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

    // A line that starts with "::" is a workflow command to GitHub Actions; a file may be called that.
    private static string SafePath(string path)
    {
        var text = DiagnosticText.Path(path);
        return text.StartsWith("::", StringComparison.Ordinal) ? "./" + text : text;
    }

    private string Paint(string word, string ansiColour) => context.Colour ? $"\u001b[{ansiColour}m{word}\u001b[0m" : word;
}
