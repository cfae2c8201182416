using RuleCompiler.Backends.Hosting;
using System.CommandLine;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Testing;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec test [PATH...]</c>: compiles the rules to C# and runs every rule's <c>tests:</c>. One line per failed
/// test (file, line, test name, what differs), then <c>N passed, N failed</c>; exit 1 on any failure.
/// </summary>
public static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files or folders whose tests to run (default: rules/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("test", "Run the rules' tests: each rule, compiled to C#, on its test events, compared with the expected rows.");
        command.Arguments.Add(paths);
        command.SetAction(result => Run(context, result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"]));
        return command;
    }

    private static int Run(CliContext context, string[] paths)
    {
        var printer = new DiagnosticPrinter(context);
        if (printer.ReportMissingPaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var compilation = RuleCompilerHost.Compile([.. paths.Select(context.Resolve)]);
        foreach (var diagnostic in compilation.Diagnostics.Where(d => d.IsError))
        {
            printer.Print(diagnostic);
        }

        using var build = CSharpRuleBuild.From(compilation, RuleCompilerHost.DisplayPath);
        foreach (var diagnostic in build.Diagnostics)
        {
            printer.Print(diagnostic);
        }

        var passed = 0;
        var failed = 0;
        var ran = build.Pairs.Select(p => p.Source.Rule.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var (source, runnable) in build.Pairs.OrderBy(p => p.Source.Rule.Path, StringComparer.Ordinal))
        {
            foreach (var result in RuleTestRunner.Run(source.Rule, source.DataSource, runnable))
            {
                if (result.Passed)
                {
                    passed++;
                    continue;
                }

                failed++;
                var where = $"{context.Display(result.Rule.Path)}({result.Test.Span.Line},{result.Test.Span.Column})";
                context.Out.WriteLine(DiagnosticText.Message($"{where}: FAIL test '{result.Test.Name}': {result.Problems[0]}"));
                foreach (var problem in result.Problems.Skip(1))
                {
                    context.Out.WriteLine("    " + DiagnosticText.Message(problem));
                }
            }
        }

        // Tests of rules that did not compile cannot pass; they count as failed, with the reason printed above.
        foreach (var rule in compilation.Repository.Rules.Where(r => !ran.Contains(r.Path)).OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            foreach (var test in rule.Tests)
            {
                failed++;
                context.Out.WriteLine(DiagnosticText.Message($"{context.Display(rule.Path)}({test.Span.Line},{test.Span.Column}): FAIL test '{test.Name}': the rule has errors (see above)"));
            }
        }

        context.Out.WriteLine($"{passed} passed, {failed} failed");
        return failed > 0 || compilation.ErrorCount > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }
}
