using RuleCompiler.Backends.Hosting;
using System.CommandLine;
using System.Diagnostics;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec run --rules PATH --events FILE... [--out FILE] [--now DATETIME|latest]</c>: every rule, compiled to C#,
/// over the events in one streaming pass (two with <c>--now latest</c>, see <see cref="ReplayClock"/>); alerts as NDJSON (stdout or --out). Bad records are reported with file and line and counted;
/// the exit code is 1 when any input was rejected or a rule failed on an event.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var rules = new Option<string>("--rules")
        {
            Description = "Rule file or folder.",
            DefaultValueFactory = _ => "rules",
        };
        var events = new Option<string[]>("--events")
        {
            Description = "Event files, folders of them (" + EventInputs.EventFileNames + "; other files skipped), globs ('logs/**/*.json.gz') or - for stdin: CloudTrail Records files, NDJSON or JSON arrays, optionally gzip'd.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out") { Description = "Write alerts to this file instead of stdout." };
        var now = new Option<string?>("--now")
        {
            Description = "The time now() and ago() use: an ISO 8601 datetime, or 'latest' for the newest event's time (to replay old logs).",
        };
        var command = new Command("run", "Run every rule on events and write one NDJSON alert per output row.");
        command.Options.Add(rules);
        command.Options.Add(events);
        command.Options.Add(output);
        command.Options.Add(now);
        var threads = new Option<int?>("--threads")
        {
            Description = "Threads that parse events and run rules (default: all cores); the output is the same for any number. Standard input is read on one thread.",
        };
        command.Options.Add(threads);
        var cacheDir = CompileCacheOption.Create();
        command.Options.Add(cacheDir);
        var tables = new Option<string[]>("--table")
        {
            Description = "Rows of a maintained lookup table the rules read, as NAME=FILE (a JSON array or NDJSON of objects); repeat per table. A maintained table without rows is read as empty.",
            AllowMultipleArgumentsPerToken = false,
        };
        command.Options.Add(tables);
        command.SetAction(result => Run(GlobalOptions.Apply(context, result), result.GetValue(rules)!, result.GetValue(events)!, result.GetValue(output), result.GetValue(now), result.GetValue(threads) ?? Environment.ProcessorCount, result.GetValue(cacheDir), result.GetValue(tables) ?? []));
        return command;
    }

    /// <summary>
    /// Why --out must not be written, or null: it is a symbolic link (its target would be overwritten), an events
    /// file of this run, or a file of the rules (File.Create truncates before the first event is read).
    /// </summary>
    private static string? UnsafeOutput(CliContext context, string outputFile, string rulesPath, string[] eventFiles)
    {
        var output = context.Resolve(outputFile);
        if (new FileInfo(output).LinkTarget is not null)
        {
            return "it is a symbolic link, which is not followed";
        }

        var real = RepositoryFiles.RealPath(output);
        if (eventFiles.Any(e => RepositoryFiles.RealPath(context.Resolve(e)) == real))
        {
            return "it is one of the --events files";
        }

        return RepositoryFiles.IsInside(real, context.Resolve(rulesPath)) ? "it is inside the --rules folder" : null;
    }

    private static int Run(CliContext context, string rulesPath, string[] eventFiles, string? outputFile, string? nowOption, int threads, string? cacheDir, string[] tableOptions)
    {
        var printer = new DiagnosticPrinter(context, "rulec run");
        if (threads < 1)
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, $"--threads must be 1 or more, not {threads}");
        }

        // Both checks run, so every bad path is reported at once.
        var rulesUnusable = printer.ReportUnusablePaths([rulesPath]);
        var expanded = EventInputs.Expand(context, printer, eventFiles);
        if (rulesUnusable || expanded is null || !CompileCacheOption.TryResolve(context, cacheDir, [rulesPath], printer, out var cache))
        {
            return ExitCodes.UsageError;
        }

        eventFiles = [.. expanded];
        if (nowOption == "latest" && eventFiles.Contains(EventInputs.StandardInput))
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, "--now latest reads the events twice, which standard input (--events -) cannot be");
        }

        if (outputFile is not null && UnsafeOutput(context, outputFile, rulesPath, eventFiles) is { } reason)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"refusing to write alerts to {outputFile}: {reason}");
        }

        var compilation = RuleCompilerHost.Compile([context.Resolve(rulesPath)]);
        foreach (var diagnostic in compilation.Diagnostics.Where(d => d.IsError))
        {
            printer.Print(diagnostic);
        }

        if (TableInputs.Read(context, printer, tableOptions, compilation) is not { } tables)
        {
            return ExitCodes.UsageError;
        }

        foreach (var (table, readers) in TableInputs.Unsupplied(compilation, tables))
        {
            // Said once per table, not per event or rule: the rules still run, reading it as empty.
            context.Error.WriteLine($"rulec run: the maintained table '{table}' got no rows (--table {table}=FILE), so it is read as empty by: {string.Join(", ", readers)}");
        }

        using var build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath, cache);
        foreach (var diagnostic in build.Diagnostics)
        {
            printer.Print(diagnostic);
        }

        var replay = ReplayClock.Resolve(nowOption, build, eventFiles.Select(context.Resolve), out var clockError);
        if (replay is null)
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, clockError!);
        }

        Stream stream;
        try
        {
            // Alerts on stdout may land in a CI log: no line of them may be a logging command.
            stream = outputFile is not null ? File.Create(context.Resolve(outputFile))
                : new LoggingCommandSafeStream(context.Out == Console.Out ? Console.OpenStandardOutput() : new TextWriterStream(context.Out));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outputFile}: {e.Message}");
        }

        long rejected = 0;
        long failures = 0;
        long alerts;
        long eventCount = 0;
        var clock = Stopwatch.StartNew();

        // now() is fixed for one run (language.md), so ago() windows do not drift while a long input streams.
        using var now = EvaluationClock.FixAt(replay.Now);
        using var geoIp = Runtime.Geo.GeoIp.Use(build.GeoIp);
        var alertsByRule = new Dictionary<string, long>(StringComparer.Ordinal);
        using (stream)
        using (var buffered = new BufferedStream(stream, 1 << 16))
        {
            var errors = new EventErrorCap(context, printer);
            void OnFailure(RuleFailure failure)
            {
                failures++;
                printer.Print(Diagnostic.Error(RuleSetRunner.RuleFailedCode, $"rule '{failure.Rule.Name}' failed on this event: {failure.Message}", SourceSpan.At(failure.File, (int)failure.Line, 1)));
            }

            void OnError(Runtime.Events.EventError error)
            {
                rejected++;
                errors.Report(error);
            }

            using var progress = Progress.Start(context, eventFiles.Length);
            // Standard input is read once, as it comes, on one thread; files go to the parallel runner.
            if (threads == 1 || eventFiles.Contains(EventInputs.StandardInput))
            {
                (alerts, eventCount) = RunOnOneThread(context, build, eventFiles, buffered, alertsByRule, replay, progress, OnFailure, OnError, tables);
            }
            else
            {
                var rules = build.IndexedRules;
                long written = 0;
                var parallel = new ParallelRuleRunner(
                    rules,
                    threads,
                    buffered,
                    rule =>
                    {
                        written++;
                        alertsByRule[rules[rule].Rule.Info.Id] = alertsByRule.GetValueOrDefault(rules[rule].Rule.Info.Id) + 1;
                    },
                    OnFailure,
                    OnError,
                    replay.WallClock ? replay.TimeOf : null,
                    progress.Tick,
                    context.Display,
                    tables);
                parallel.Run(eventFiles.Select(context.Resolve));
                replay.Observe(parallel.Newest);
                (alerts, eventCount) = (written, parallel.EventCount);
            }

            // The counts of bad records not shown come after the run, one per input, for any number of threads.
            foreach (var file in eventFiles)
            {
                errors.EndOf(file);
            }
        }

        if (replay.SilentWindowHint(build.Pairs.Select(p => (p.Runnable.Info.Name, p.Source.Rule.Search.Text, alertsByRule.GetValueOrDefault(p.Runnable.Info.Id)))) is { } hint)
        {
            context.Error.WriteLine(hint);
        }

        if (!context.Quiet)
        {
            context.Error.WriteLine(
                $"rulec run: {eventCount} event(s) from {eventFiles.Length} file(s), {rejected} rejected; {build.Pairs.Count} rule(s), "
                + $"{alerts} alert(s), {failures} rule failure(s); {clock.Elapsed.TotalSeconds:F1}s");
        }

        return rejected > 0 || failures > 0 || compilation.ErrorCount > 0 || build.Diagnostics.Any(d => d.IsError)
            ? ExitCodes.RuleErrors
            : ExitCodes.Ok;
    }

    /// <summary>The one-thread run: each event read, offered to its candidate rules, in order.</summary>
    private static (long Alerts, long Events) RunOnOneThread(
        CliContext context,
        CSharpRuleBuild build,
        string[] eventFiles,
        Stream output,
        Dictionary<string, long> alertsByRule,
        ReplayClock replay,
        Progress progress,
        Action<RuleFailure> onFailure,
        Action<Runtime.Events.EventError> onError,
        TableRows tables)
    {
        var writer = new AlertWriter(output);
        var runner = new RuleSetRunner(
            build.IndexedRules,
            rule => new RowCallback(row =>
            {
                alertsByRule[rule.Info.Id] = alertsByRule.GetValueOrDefault(rule.Info.Id) + 1;
                writer.Write(rule.Info, row);
            }),
            onFailure,
            outputKeepsRows: false,
            tables: tables);
        foreach (var file in eventFiles)
        {
            foreach (var record in EventInputs.Read(context, file, onError))
            {
                runner.Process(record.Event, context.Display(record.File), record.Line);
                if (replay.WallClock)
                {
                    replay.Observe(Runtime.Rows.Row.FromEvent(record.Event));
                }

                progress.Tick(runner.EventCount);
            }

            progress.FileDone();
        }

        runner.Complete();
        return (writer.Count, runner.EventCount);
    }

    /// <summary>A progress line on stderr, only when stderr is a terminal (never in pipes, CI logs or tests).</summary>
    private sealed class Progress : IDisposable
    {
        private readonly CliContext _context;
        private readonly int _files;
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private int _filesDone;
        private long _events;

        private Progress(CliContext context, int files)
        {
            _context = context;
            _files = files;
        }

        public static Progress Start(CliContext context, int files) =>
            new(context.Error == Console.Error && !Console.IsErrorRedirected ? context : context with { Error = TextWriter.Null }, files);

        public void Tick(long events)
        {
            _events = events;
            if (_since.ElapsedMilliseconds >= 250)
            {
                _since.Restart();
                _context.Error.Write($"\r  {_events:N0} events, file {Math.Min(_filesDone + 1, _files)}/{_files} ");
            }
        }

        public void FileDone() => _filesDone++;

        public void Dispose() => _context.Error.Write(_events > 0 && _context.Error != TextWriter.Null ? "\r" + new string(' ', 60) + "\r" : "");
    }

    /// <summary>Lets tests capture alerts through the context's writer instead of the process's stdout.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        // Stateful: a buffer boundary may fall inside a multi-byte character.
        private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[_decoder.GetCharCount(buffer, offset, count)];
            var written = _decoder.GetChars(buffer, offset, count, chars, 0);
            writer.Write(chars, 0, written);
        }
    }
}
