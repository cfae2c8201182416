using System.CommandLine;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec build --target csharp --out DIR [PATH...]</c>: writes the rules as a standalone C# library project
/// (csproj, runtime sources, one class per rule) that builds with <c>dotnet build</c>. Other targets join as their
/// backends land.
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
        var target = new Option<string>("--target") { Description = "What to build: csharp.", Required = true };
        target.AcceptOnlyFromAmong("csharp");
        var output = new Option<string>("--out") { Description = "Folder to write the project into.", Required = true };
        var command = new Command("build", "Compile rules for a target: csharp writes a C# library project.");
        command.Arguments.Add(paths);
        command.Options.Add(target);
        command.Options.Add(output);
        command.SetAction(result => Run(context, result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"], result.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string outDir)
    {
        var printer = new DiagnosticPrinter(context);
        var missing = paths.Where(p => !File.Exists(context.Resolve(p)) && !Directory.Exists(context.Resolve(p))).ToList();
        foreach (var path in missing)
        {
            printer.UsageError(CliDiagnosticCodes.PathNotFound, $"no such file or folder: {path}");
        }

        if (missing.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        var compilation = RuleSetCompiler.Compile(RuleRepository.Load([.. paths.Select(context.Resolve)], AttackCatalogue.Default));
        foreach (var diagnostic in compilation.Diagnostics.Where(d => d.IsError))
        {
            printer.Print(diagnostic);
        }

        var (generated, diagnostics) = CSharpGenerator.Generate(compilation.Rules.Select(RuleSources.From), RuleSources.ContextFor(compilation));
        foreach (var diagnostic in diagnostics)
        {
            printer.Print(diagnostic);
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

        context.Out.WriteLine($"wrote {generated.Count} rule(s) as a C# project in {context.Display(context.Resolve(outDir))} ({files.Count} files); build it with: dotnet build {context.Display(context.Resolve(outDir))}");
        return compilation.ErrorCount > 0 || diagnostics.Any(d => d.IsError) ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }
}
