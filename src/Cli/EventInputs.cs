using System.IO.Enumeration;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Runtime.Events;

namespace RuleCompiler.Cli;

/// <summary>
/// What <c>--events</c> takes: files (read whatever their name), folders (the event files below, in ordinal order;
/// hidden files, and files not named as events, skipped and counted: a folder of logs often holds a LICENSE or a
/// README), globs (<c>*</c> and <c>?</c> within a name, <c>**</c> for any folders: <c>logs/**/*.json.gz</c>) and
/// <c>-</c> for standard input. A path that does not exist, a folder without event files, or a glob that matches
/// nothing, is a usage error.
/// </summary>
public static class EventInputs
{
    public const string StandardInput = "-";

    /// <summary>The names a folder's event files have: the formats the reader takes (JSON, NDJSON), gzip'd or not.</summary>
    public const string EventFileNames = "*.json, *.jsonl, *.ndjson, each optionally .gz";

    private static readonly string[] EventExtensions = [".json", ".jsonl", ".ndjson"];

    private static readonly EnumerationOptions Visible = new() { AttributesToSkip = FileAttributes.Hidden, RecurseSubdirectories = false };

    /// <summary>The files to read, in order; null after printing a usage error for each input that names nothing.</summary>
    public static IReadOnlyList<string>? Expand(CliContext context, DiagnosticPrinter printer, IEnumerable<string> inputs)
    {
        var files = new List<string>();
        var bad = false;
        foreach (var input in inputs)
        {
            if (input == StandardInput)
            {
                files.Add(StandardInput);
            }
            else if (IsGlob(input))
            {
                var matches = Glob(context.Resolve(input)).ToList();
                if (matches.Count == 0)
                {
                    bad = true;
                    printer.UsageError(CliDiagnosticCodes.PathNotFound, $"no file matches {input}");
                }

                files.AddRange(matches);
            }
            else if (printer.ReportMissingPaths([input]))
            {
                bad = true;
            }
            else if (Directory.Exists(context.Resolve(input)))
            {
                var all = FilesIn(context.Resolve(input)).ToList();
                var events = all.Where(f => IsEventFileName(Path.GetFileName(f))).ToList();
                var skipped = all.Count - events.Count;
                if (events.Count == 0)
                {
                    bad = true;
                    printer.UsageError(CliDiagnosticCodes.PathNotFound, $"no event files ({EventFileNames}) in {input}"
                        + (skipped > 0 ? $" ({Counts.Of(skipped, "other file")} skipped)" : ""));
                }
                else if (skipped > 0 && !context.Quiet)
                {
                    context.Error.WriteLine($"rulec run: skipped {skipped} file(s) in {DiagnosticText.Path(input)} that are not event files ({EventFileNames})");
                }

                files.AddRange(events);
            }
            else
            {
                files.Add(context.Resolve(input));
            }
        }

        return bad ? null : files;
    }

    /// <summary>Whether a file in a folder given to <c>--events</c> is read: its name ends in an event format's extension, then optionally .gz, in any case.</summary>
    public static bool IsEventFileName(string name)
    {
        var stem = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return EventExtensions.Any(extension => stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The events of one input: a file, or standard input for <c>-</c>.</summary>
    public static IEnumerable<EventRecord> Read(CliContext context, string file, Action<EventError> onError) =>
        file == StandardInput ? EventReader.Read(context.OpenInput(), "(stdin)", onError) : EventReader.ReadFile(context.Resolve(file), onError);

    private static bool IsGlob(string path) => path.IndexOfAny(['*', '?']) >= 0;

    private static IEnumerable<string> FilesIn(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Select(f => f.FullName).Order(StringComparer.Ordinal);

    /// <summary>The files an absolute glob matches, in ordinal order of their paths.</summary>
    private static IEnumerable<string> Glob(string pattern)
    {
        var segments = pattern.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var fixedCount = segments.TakeWhile(s => !IsGlob(s)).Count();
        var root = string.Join(Path.DirectorySeparatorChar, segments[..fixedCount]);
        root = root.Length == 0 ? Path.DirectorySeparatorChar.ToString() : root;
        return Directory.Exists(root)
            ? Match(new DirectoryInfo(root), segments[fixedCount..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            : [];
    }

    private static IEnumerable<string> Match(DirectoryInfo folder, ArraySegment<string> rest)
    {
        if (rest.Count == 0)
        {
            yield break;
        }

        var head = rest[0];
        if (head == "**")
        {
            // Zero folders, or one more folder and still inside the **.
            foreach (var file in Match(folder, rest[1..]))
            {
                yield return file;
            }

            foreach (var sub in folder.EnumerateDirectories("*", Visible))
            {
                foreach (var file in Match(sub, rest))
                {
                    yield return file;
                }
            }

            yield break;
        }

        if (rest.Count == 1)
        {
            foreach (var file in folder.EnumerateFiles("*", Visible).Where(f => FileSystemName.MatchesSimpleExpression(head, f.Name, ignoreCase: false)))
            {
                yield return file.FullName;
            }

            yield break;
        }

        foreach (var sub in folder.EnumerateDirectories("*", Visible).Where(d => FileSystemName.MatchesSimpleExpression(head, d.Name, ignoreCase: false)))
        {
            foreach (var file in Match(sub, rest[1..]))
            {
                yield return file;
            }
        }
    }
}

/// <summary>
/// Prints the first <see cref="Limit"/> bad records of each events input and counts the rest, so a file that is not
/// events at all (a million-line CSV) gives a screenful and a count instead of a million errors.
/// </summary>
public sealed class EventErrorCap(CliContext context, DiagnosticPrinter printer)
{
    public const int Limit = 20;

    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public void Report(EventError error)
    {
        var file = context.Display(error.File);
        var seen = _seen[file] = _seen.GetValueOrDefault(file) + 1;
        if (seen <= Limit)
        {
            printer.Print(Diagnostic.Error(error.Code, error.Message, SourceSpan.At(file, (int)error.Line, 1)));
        }
    }

    /// <summary>After an input: how many of its bad records were not shown, if any.</summary>
    public void EndOf(string input)
    {
        var file = input == EventInputs.StandardInput ? "(stdin)" : context.Display(context.Resolve(input));
        if (_seen.GetValueOrDefault(file) is var seen and > Limit)
        {
            context.Error.WriteLine($"{DiagnosticPrinter.SafePath(file)}: {seen - Limit} more bad record(s) not shown ({seen} in all)");
        }
    }
}
