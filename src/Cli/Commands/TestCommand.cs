using RuleCompiler.Backends.Hosting;
using System.CommandLine;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Testing;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

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
        var filter = new Option<string?>("--filter")
        {
            Description = "Run only the tests whose name, or whose rule's name, contains this text (case-insensitive).",
        };
        var requireTests = new Option<bool>("--require-tests")
        {
            Description = "A rule without tests is an error, not a warning.",
        };
        var command = new Command("test", "Run the rules' tests: each rule, compiled to C#, on its test events, compared with the expected rows.");
        command.Arguments.Add(paths);
        command.Options.Add(filter);
        command.Options.Add(requireTests);
        command.SetAction(result => Run(
            context,
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(filter),
            result.GetValue(requireTests)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string? filter, bool requireTests)
    {
        var printer = new DiagnosticPrinter(context);
        if (printer.ReportUnusablePaths(paths))
        {
            return ExitCodes.UsageError;
        }

        var compilation = RuleCompilerHost.Compile([.. paths.Select(context.Resolve)]);
        if (compilation.Repository.Counts.Rules == 0)
        {
            // Nothing tested must not look like everything passed.
            return printer.UsageError(CliDiagnosticCodes.NoRulesToTest, $"no rules in {string.Join(", ", paths)}: nothing to test");
        }

        var untestedRules = compilation.Repository.Rules.Where(r => r.Tests.IsEmpty)
            .Select(r => requireTests
                ? Diagnostic.Error(CliDiagnosticCodes.RuleWithoutTests, $"rule '{r.Name.Value}' has no tests (--require-tests)", r.Name.Span)
                : Diagnostic.Warning(CliDiagnosticCodes.RuleWithoutTests, $"rule '{r.Name.Value}' has no tests", r.Name.Span));
        var diagnostics = compilation.Diagnostics.Concat(untestedRules).OrderBy(d => d, DiagnosticOrder.Instance).ToList();
        foreach (var diagnostic in diagnostics)
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
            foreach (var result in RuleTestRunner.Run(source with { Rule = Selected(source.Rule, filter) }, runnable))
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
            foreach (var test in Selected(rule, filter).Tests)
            {
                failed++;
                context.Out.WriteLine(DiagnosticText.Message($"{context.Display(rule.Path)}({test.Span.Line},{test.Span.Column}): FAIL test '{test.Name}': the rule has errors (see above)"));
            }
        }

        // A rule file that did not load (YAML or schema error) has no tests to count; it is named in the summary
        // instead, so the numbers never look clean while the exit code says otherwise.
        var unreadable = compilation.Repository.Counts.Rules - compilation.Repository.Rules.Length;
        var untested = unreadable switch
        {
            0 => "",
            1 => ", 1 rule not tested (it has errors)",
            _ => $", {unreadable} rules not tested (they have errors)",
        };
        context.Out.WriteLine($"{passed} passed, {failed} failed{untested}");
        return failed > 0 || diagnostics.Any(d => d.IsError) ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    /// <summary>The rule with only the tests <c>--filter</c> selects: all of them when the rule's name matches.</summary>
    private static Rule Selected(Rule rule, string? filter) =>
        filter is null || rule.Name.Value.Contains(filter, StringComparison.OrdinalIgnoreCase)
            ? rule
            : rule with { Tests = [.. rule.Tests.Where(t => t.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))] };
}
