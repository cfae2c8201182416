using System.CommandLine;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec build [PATH...] [--target T]... [--out DIR]</c>: the main job. Validates the rules (every diagnostic,
/// as <c>validate</c> prints them), runs each target's capability checks and, only when there is no error, writes
/// each target into <c>DIR/&lt;target&gt;/</c> (default <c>dist/</c>), replacing the previous output whole, so a
/// broken rule never ships half a build. Targets come from <see cref="TargetRegistry"/>. The last line is the
/// summary, counting every error and warning printed (the rules' and the targets').
/// </summary>
public static class BuildCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders to build (default: rules/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var target = TargetOption.Create(
            "What to build (repeatable; default: every target): " + string.Join(", ", TargetRegistry.All.Select(t => $"{t.Name} ({t.Artifacts})")) + ".");
        var output = new Option<string>("--out")
        {
            Description = "Folder to write into; each target goes to its own subfolder.",
            DefaultValueFactory = _ => "dist",
        };
        var command = new Command("build", "Validate rules and build them into dist/<target>/.");
        command.Arguments.Add(paths);
        command.Options.Add(target);
        command.Options.Add(output);
        command.SetAction(result => Run(
            GlobalOptions.Apply(context, result),
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            TargetOption.Selected(result, target),
            result.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string[] paths, IReadOnlyList<ITarget> targets, string outDir)
    {
        var printer = new DiagnosticPrinter(context, "rulec build");
        if (printer.ReportUnusablePaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var compilation = context.Adjust(RuleCompilerHost.WithGeoIpFileErrors(RuleCompilerHost.Compile([.. paths.Select(context.Resolve)])));
        foreach (var diagnostic in compilation.Diagnostics)
        {
            printer.Print(diagnostic);
        }

        // The summary comes last and counts every diagnostic printed: the rules' and the targets'.
        var compiled = $"{compilation.Rules.Length} of {compilation.Repository.Counts.Rules} rules compiled";
        if (compilation.ErrorCount > 0)
        {
            context.Summary($"{compiled}: {Counts.Problems(compilation.ErrorCount, compilation.WarningCount)}; nothing written");
            return ExitCodes.RuleErrors;
        }

        BuildResult build;
        try
        {
            // Under --warnings-as-errors a target's warnings, of its checks or its writer, stop the build before anything is written.
            build = RuleCompilerHost.Build(compilation, targets, context.Resolve(outDir), context.WarningsAsErrors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outDir}: {e.Message}");
        }

        var diagnostics = context.Adjust(build.Diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            printer.Print(diagnostic);
        }

        var problems = Counts.Problems(
            compilation.ErrorCount + diagnostics.Count(d => d.IsError),
            compilation.WarningCount + diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        if (!build.Written)
        {
            context.Summary($"{compiled}: {problems}; nothing written");
            return ExitCodes.RuleErrors;
        }

        foreach (var (target, built) in targets.Zip(build.Targets))
        {
            var shown = context.Display(context.Resolve(Path.Combine(outDir, target.Name)));
            var leftOut = built.RulesLeftOut > 0 ? $" ({built.RulesLeftOut} not built: see the warnings)" : "";
            context.Summary($"{target.Name}: wrote {built.RulesWritten} rule(s) into {shown}{leftOut}: {target.Artifacts}");
        }

        context.Summary($"{compiled}: {problems}");
        return ExitCodes.Ok;
    }
}
