namespace RuleCompiler.Cli;

/// <summary>
/// Keeps rule and event text from starting a line GitHub Actions runs: the runner trims a line's whitespace (any
/// Unicode white space) and acts on what starts with <c>::</c> (<c>::error file=...::</c>, <c>::add-mask::</c>). A path
/// so placed gets <c>./</c> before it (the same file); other text gets its first ':' as the visible escape
/// <c>\u003a</c>, as <see cref="Compiler.Diagnostics.DiagnosticText"/> escapes what a line must not carry.
/// </summary>
public static class WorkflowCommandGuard
{
    public const string EscapedColon = "\\u003a";

    /// <summary>Whether a runner that trims the line would read it as a workflow command.</summary>
    public static bool StartsACommand(string line) => line.AsSpan().TrimStart().StartsWith("::", StringComparison.Ordinal);

    /// <summary>A path (already escaped for one line) that is to start a line.</summary>
    public static string Path(string path) => StartsACommand(path) ? "./" + path : path;

    /// <summary>One line of text that may begin with rule or event text.</summary>
    public static string Line(string line)
    {
        if (!StartsACommand(line))
        {
            return line;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return string.Concat(line.AsSpan(0, colon), EscapedColon, line.AsSpan(colon + 1));
    }

    /// <summary>Each line of a block of text (a table), guarded on its own.</summary>
    public static string Lines(string text) => string.Join('\n', text.Split('\n').Select(Line));

    /// <summary>
    /// Writes a document (a compiled artifact, a translation) whole, ending in a newline. Its text is the artifact,
    /// so no line is changed; in GitHub Actions (<c>GITHUB_ACTIONS=true</c>) a document with a line that would be a
    /// command is put between <c>::stop-commands::TOKEN</c> and <c>::TOKEN::</c>, the runner's own way to print
    /// text it must not act on. The token is the document's SHA-256, which the document cannot contain (that would
    /// be a fixed point of the hash), so its text cannot end the pause, and the output stays deterministic.
    /// </summary>
    public static void WriteDocument(CliContext context, string text)
    {
        text = text.EndsWith('\n') ? text : text + "\n";
        if (context.EnvironmentVariable("GITHUB_ACTIONS") != "true" || !text.Split('\n').Any(StartsACommand))
        {
            context.Out.Write(text);
            return;
        }

        var token = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        context.Out.Write($"::stop-commands::{token}\n{text}::{token}::\n");
    }
}
