using System.CommandLine;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec build [PATH...] [--target T]... [--out DIR]</c>: the main job. Validates the rules (every diagnostic,
/// as <c>validate</c> prints them) and, only when there is no error, writes each target into <c>DIR/&lt;target&gt;/</c>
/// (default <c>dist/</c>), so a broken rule never ships half a build. Targets: csharp, a standalone C# library
/// project; more join as their backends land.
/// </summary>
public static class BuildCommand
{
    /// <summary>Every target this build knows, in the order they are built when none is named.</summary>
    private static readonly string[] Targets = ["csharp"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders to build (default: rules/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var target = new Option<string[]>("--target")
        {
            Description = "What to build (repeatable; default: every target): csharp.",
            AllowMultipleArgumentsPerToken = false,
        };
        target.AcceptOnlyFromAmong(Targets);
        var output = new Option<string>("--out")
        {
            Description = "Folder to write into; each target goes to its own subfolder (default: dist).",
            DefaultValueFactory = _ => "dist",
        };
        var command = new Command("build", "Validate rules and build them into dist/<target>/ (csharp: a C# library project).");
        command.Arguments.Add(paths);
        command.Options.Add(target);
        command.Options.Add(output);
        command.SetAction(result => Run(
            context,
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(target) is { Length: > 0 } named ? [.. named.Distinct(StringComparer.Ordinal)] : Targets,
            result.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string[] targets, string outDir)
    {
        var printer = new DiagnosticPrinter(context);
        if (printer.ReportMissingPaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var compilation = RuleSetCompiler.Compile(RuleRepository.Load([.. paths.Select(context.Resolve)], AttackCatalogue.Default));
        foreach (var diagnostic in compilation.Diagnostics)
        {
            printer.Print(diagnostic);
        }

        var summary = $"{compilation.Rules.Length} of {compilation.Repository.Rules.Length} rules compiled: "
            + $"{compilation.ErrorCount} error(s), {compilation.WarningCount} warning(s)";
        if (compilation.ErrorCount > 0)
        {
            context.Out.WriteLine($"{summary}; nothing written");
            return ExitCodes.RuleErrors;
        }

        context.Out.WriteLine(summary);
        foreach (var target in targets)
        {
            var exit = target switch
            {
                "csharp" => BuildCSharp(context, printer, compilation, Path.Combine(outDir, target)),
                _ => printer.UsageError(CliDiagnosticCodes.InvalidArguments, $"unknown target '{target}'"),
            };
            if (exit != ExitCodes.Ok)
            {
                return exit;
            }
        }

        return ExitCodes.Ok;
    }

    private static int BuildCSharp(CliContext context, DiagnosticPrinter printer, CompilationResult compilation, string outDir)
    {
        var (generated, diagnostics) = CSharpGenerator.Generate(compilation.Rules.Select(RuleSources.From), RuleSources.ContextFor(compilation));
        foreach (var diagnostic in diagnostics)
        {
            printer.Print(diagnostic);
        }

        if (diagnostics.Any(d => d.IsError))
        {
            context.Out.WriteLine("csharp: generated code has errors; nothing written");
            return ExitCodes.RuleErrors;
        }

        IReadOnlyList<string> files;
        try
        {
            files = CSharpProjectWriter.Write(context.Resolve(outDir), generated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outDir}: {e.Message}");
        }

        var shown = context.Display(context.Resolve(outDir));
        context.Out.WriteLine($"csharp: wrote {generated.Count} rule(s) as a C# project in {shown} ({files.Count} files); build it with: dotnet build {shown}");
        return ExitCodes.Ok;
    }
}
