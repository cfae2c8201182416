using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// Where a command writes and which folder relative paths start from. Commands take it instead of touching
/// <see cref="Console"/>, so tests run them in-process and read what they printed.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, bool Colour)
{
    /// <summary>Standard input (<c>--events -</c>); tests give a stream of their own.</summary>
    public Func<Stream> OpenInput { get; init; } = Console.OpenStandardInput;

    /// <summary><c>--quiet</c>: print errors only; no warnings, summaries or progress.</summary>
    public bool Quiet { get; init; }

    /// <summary><c>--warnings-as-errors</c>: every warning is reported, counted and exits as an error.</summary>
    public bool WarningsAsErrors { get; init; }

    /// <summary>Environment variables (<c>RULEC_CACHE_DIR</c>); tests give their own, and none by default.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = _ => null;

    /// <summary>The real console; colour only when stderr is a terminal that shows it (see <see cref="ColourWanted"/>).</summary>
    public static CliContext FromConsole() => new(
        Console.Out,
        Console.Error,
        Directory.GetCurrentDirectory(),
        ColourWanted(Console.IsErrorRedirected, Environment.GetEnvironmentVariable))
    {
        EnvironmentVariable = Environment.GetEnvironmentVariable,
    };

    /// <summary>
    /// Colour only on a terminal (not a pipe or file), when NO_COLOR (no-color.org) is unset or empty, and when TERM
    /// is not <c>dumb</c> (a terminal that cannot show escape codes).
    /// </summary>
    public static bool ColourWanted(bool errorRedirected, Func<string, string?> environment) =>
        !errorRedirected
        && string.IsNullOrEmpty(environment("NO_COLOR"))
        && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>A path the user typed, made absolute against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A path as shown to the user: relative to the working directory when below it.</summary>
    public string Display(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>The diagnostics as this run reports them: warnings become errors under <c>--warnings-as-errors</c>.</summary>
    public IReadOnlyList<Diagnostic> Adjust(IEnumerable<Diagnostic> diagnostics) =>
        [.. WarningsAsErrors ? diagnostics.Select(Promote) : diagnostics];

    /// <summary>A compilation whose error count follows <c>--warnings-as-errors</c> (so nothing is built from it).</summary>
    public CompilationResult Adjust(CompilationResult compilation) =>
        WarningsAsErrors ? compilation with { Diagnostics = [.. compilation.Diagnostics.Select(Promote)] } : compilation;

    /// <summary>A summary line on stdout, unless <c>--quiet</c>.</summary>
    public void Summary(string line)
    {
        if (!Quiet)
        {
            Out.WriteLine(line);
        }
    }

    private static Diagnostic Promote(Diagnostic d) =>
        d.Severity == DiagnosticSeverity.Warning ? d with { Severity = DiagnosticSeverity.Error } : d;
}
