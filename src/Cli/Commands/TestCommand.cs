using RuleCompiler.Backends.Hosting;
using System.CommandLine;
using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.CSharp.Testing;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec test [PATH...] [--format text|junit|json] [--output FILE]</c>: compiles the rules to C# and runs every
/// rule's <c>tests:</c>. As text: one block per failed test (file, line, test name, what differs), then
/// <c>N passed, N failed</c>. As JUnit XML or JSON: the document on stdout, or in <c>--output</c> with the text
/// report on stdout as well. Exit 1 on any failure.
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
        var format = new Option<string>("--format")
        {
            Description = "text: failures and a summary; junit: JUnit XML for CI test reports; json: every test and its problems.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "junit", "json");
        var output = new Option<string?>("--output") { Description = "Write the JUnit or JSON document to this file." };
        var cacheDir = CompileCacheOption.Create();
        var command = new Command("test", "Run the rules' tests: each rule, compiled to C#, on its test events, compared with the expected rows.");
        command.Arguments.Add(paths);
        command.Options.Add(filter);
        command.Options.Add(requireTests);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(cacheDir);
        command.SetAction(result => Run(
            GlobalOptions.Apply(context, result),
            result.GetValue(paths) is { Length: > 0 } given ? given : ["rules"],
            result.GetValue(filter),
            result.GetValue(requireTests),
            result.GetValue(format)!,
            result.GetValue(output),
            result.GetValue(cacheDir)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string? filter, bool requireTests, string format, string? outputFile, string? cacheDir)
    {
        var printer = new DiagnosticPrinter(context, "rulec test");
        if (outputFile is not null && format == "text")
        {
            return printer.UsageError(CliDiagnosticCodes.InvalidArguments, "--output needs --format junit or --format json");
        }

        if (printer.ReportUnusablePaths(paths) || !CompileCacheOption.TryResolve(context, cacheDir, paths, printer, out var cache))
        {
            return ExitCodes.UsageError;
        }

        var compilation = context.Adjust(RuleCompilerHost.Compile([.. paths.Select(context.Resolve)]));
        if (compilation.Repository.Counts.Rules == 0)
        {
            // Nothing tested must not look like everything passed.
            return printer.UsageError(CliDiagnosticCodes.NoRulesToTest, $"no rules in {string.Join(", ", paths)}: nothing to test");
        }

        var untestedRules = compilation.Repository.Rules.Where(r => r.Tests.IsEmpty)
            .Select(r => requireTests
                ? Diagnostic.Error(CliDiagnosticCodes.RuleWithoutTests, $"rule '{r.Name.Value}' has no tests (--require-tests)", r.Name.Span)
                : Diagnostic.Warning(CliDiagnosticCodes.RuleWithoutTests, $"rule '{r.Name.Value}' has no tests", r.Name.Span));
        var diagnostics = context.Adjust(compilation.Diagnostics.Concat(untestedRules).OrderBy(d => d, DiagnosticOrder.Instance)).ToList();
        foreach (var diagnostic in diagnostics)
        {
            printer.Print(diagnostic);
        }

        // With --filter, only the rules that have a selected test are compiled: one test of 10,000 rules is quick.
        var toRun = filter is null ? compilation : compilation with { Rules = [.. compilation.Rules.Where(r => !Selected(r.Rule, filter).Tests.IsEmpty)] };
        using var build = CSharpRuleBuild.From(toRun, RuleCompilerHost.DisplayPath, cache);
        var buildDiagnostics = context.Adjust(build.Diagnostics);
        foreach (var diagnostic in buildDiagnostics)
        {
            printer.Print(diagnostic);
        }

        var ran = build.Pairs.Select(p => p.Source.Rule.Path).ToHashSet(StringComparer.Ordinal);
        var pairs = build.Pairs.OrderBy(p => p.Source.Rule.Path, StringComparer.Ordinal).ToList();
        var perRule = new IReadOnlyList<RuleTestResult>[pairs.Count];

        // Rules are independent (each test starts a fresh plan; now() is fixed per async flow): run them on every
        // core, report them in path order.
        using (Runtime.Geo.GeoIp.Use(build.GeoIp))
        {
            Parallel.For(0, pairs.Count, i => perRule[i] = [.. RuleTestRunner.Run(pairs[i].Source with { Rule = Selected(pairs[i].Source.Rule, filter) }, pairs[i].Runnable)]);
        }

        var outcomes = perRule.SelectMany(r => r).ToList();

        // Tests of rules that did not compile cannot pass; they count as failed, with the reason printed above.
        foreach (var rule in compilation.Repository.Rules.Where(r => !ran.Contains(r.Path)).OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            outcomes.AddRange(Selected(rule, filter).Tests.Select(t => new RuleTestResult(rule, t, ["the rule has errors (see above)"])));
        }

        // A rule file that did not load (YAML or schema error) has no tests to count; it is named in the summary
        // instead, so the numbers never look clean while the exit code says otherwise.
        var report = new TestReport(outcomes, compilation.Repository.Counts.Rules - compilation.Repository.Rules.Length, [.. diagnostics, .. buildDiagnostics]);
        var failed = report.Failed > 0 || report.Diagnostics.Any(d => d.IsError);
        if (format == "text" || outputFile is not null)
        {
            PrintText(context, report);
        }

        if (format != "text")
        {
            var document = format == "junit" ? JUnitWriter.Write(report, context) : TestJson(report, context);
            if (!DocumentOutput.Write(context, printer, document, outputFile))
            {
                return ExitCodes.UsageError;
            }

            if (outputFile is null && !context.Quiet)
            {
                context.Error.WriteLine(report.Summary);
            }
        }

        return failed ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private static void PrintText(CliContext context, TestReport report)
    {
        foreach (var outcome in report.Outcomes.Where(o => !o.Passed))
        {
            var where = $"{DiagnosticPrinter.SafePath(context.Display(outcome.Rule.Path))}({outcome.Test.Span.Line},{outcome.Test.Span.Column})";
            // Each line of a problem is escaped on its own, so a multi-line row display stays readable.
            var lines = outcome.Problems.SelectMany((p, i) => p.Split('\n').Select((line, j) => (i, j, line)));
            foreach (var (problem, line, text) in lines)
            {
                var shown = DiagnosticText.Message(text);
                context.Out.WriteLine(problem == 0 && line == 0 ? $"{where}: FAIL test '{DiagnosticText.Message(outcome.Test.Name)}': {shown}"
                    : line == 0 ? "    " + shown
                    : WorkflowCommandGuard.Line(shown));
            }
        }

        context.Summary(report.Summary);
    }

    private static string TestJson(TestReport report, CliContext context) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("passed", report.Passed);
        json.WriteNumber("failed", report.Failed);
        json.WriteNumber("rules_not_tested", report.Unreadable);
        json.WriteStartArray("tests");
        foreach (var outcome in report.Outcomes)
        {
            json.WriteStartObject();
            json.WriteString("rule", outcome.Rule.Name.Value);
            json.WriteString("path", context.Display(outcome.Rule.Path).Replace('\\', '/'));
            json.WriteNumber("line", outcome.Test.Span.Line);
            json.WriteNumber("column", outcome.Test.Span.Column);
            json.WriteString("name", outcome.Test.Name);
            json.WriteBoolean("passed", outcome.Passed);
            JsonOutput.WriteStrings(json, "problems", outcome.Problems);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        JsonOutput.WriteDiagnostics(json, "diagnostics", report.Diagnostics, context);
        json.WriteEndObject();
    });

    /// <summary>The rule with only the tests <c>--filter</c> selects: all of them when the rule's name matches.</summary>
    private static Rule Selected(Rule rule, string? filter) =>
        filter is null || rule.Name.Value.Contains(filter, StringComparison.OrdinalIgnoreCase)
            ? rule
            : rule with { Tests = [.. rule.Tests.Where(t => t.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))] };
}
