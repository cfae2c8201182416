namespace RuleCompiler.Cli;

/// <summary>
/// Where a command writes and which folder relative paths start from. Commands take it instead of touching
/// <see cref="Console"/>, so tests run them in-process and read what they printed.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, bool Colour)
{
    /// <summary>The real console; colour only when stderr is a terminal and NO_COLOR is not set.</summary>
    public static CliContext FromConsole() => new(
        Console.Out,
        Console.Error,
        Directory.GetCurrentDirectory(),
        !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

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
}
