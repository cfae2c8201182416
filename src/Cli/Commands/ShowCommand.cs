using System.CommandLine;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Targets;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec show RULE [--target T]... [--rules PATH]</c>: what one rule compiles to. The target writes the rule
/// alone (with the repository's lists and fragments) into a scratch folder, and also writes no rule at all; every
/// text file that the rule added or changed is printed under a <c>==&gt; path &lt;==</c> header (so the C# runtime
/// or the app's fixed files are left out); archives are named, not printed.
/// </summary>
public static class ShowCommand
{
    private static readonly string[] BinaryExtensions = [".tgz", ".gz", ".spl", ".tar", ".zip"];

    public static Command Create(CliContext context)
    {
        var rule = new Argument<string>("rule") { Description = "The rule: its id, its name, or its file (path or file name)." };
        var target = TargetOption.Create("Which compiled form to show (repeatable; default: every target): " + string.Join(", ", TargetRegistry.Names) + ".");
        var rules = new Option<string>("--rules")
        {
            Description = "The rules folder the rule is in.",
            DefaultValueFactory = _ => "rules",
        };
        var command = new Command("show", "Print one rule's compiled output for each target.");
        command.Arguments.Add(rule);
        command.Options.Add(target);
        command.Options.Add(rules);
        command.SetAction(result => Run(
            GlobalOptions.Apply(context, result),
            result.GetValue(rule)!,
            TargetOption.Selected(result, target),
            result.GetValue(rules)!));
        return command;
    }

    private static int Run(CliContext context, string ruleName, IReadOnlyList<ITarget> targets, string rulesPath)
    {
        var printer = new DiagnosticPrinter(context, "rulec show");
        if (printer.ReportUnusablePaths([rulesPath]))
        {
            return ExitCodes.UsageError;
        }

        var compilation = context.Adjust(RuleCompilerHost.Compile([context.Resolve(rulesPath)]));
        if (RuleSelector.Find(compilation.Repository.Rules, ruleName, context) is not { } rule)
        {
            return printer.UsageError(CliDiagnosticCodes.UnknownRule,
                $"no rule '{ruleName}' in {rulesPath}{RuleSelector.Hint(compilation.Repository.Rules, ruleName)}");
        }

        var ruleDiagnostics = compilation.Diagnostics.Where(d => d.Span.Path == rule.Path).ToList();
        foreach (var diagnostic in ruleDiagnostics)
        {
            printer.Print(diagnostic);
        }

        if (ruleDiagnostics.Any(d => d.IsError) || compilation.Rules.FirstOrDefault(c => c.Rule.Path == rule.Path) is not { } compiled)
        {
            context.Error.WriteLine($"rule '{rule.Name.Value}' has errors; nothing to show");
            return ExitCodes.RuleErrors;
        }

        var failed = false;
        foreach (var target in targets)
        {
            var checks = context.Adjust(RuleCompilerHost.Check(target, compilation with { Rules = [compiled] }));
            var scratch = Directory.CreateTempSubdirectory("rulec-show-");
            // A target writes into a folder named after it (the Splunk app writer relies on that).
            var withRule = Directory.CreateDirectory(Path.Combine(scratch.FullName, "rule", target.Name)).FullName;
            var without = Directory.CreateDirectory(Path.Combine(scratch.FullName, "none", target.Name)).FullName;
            try
            {
                var output = checks.Any(d => d.IsError) ? null : target.Write(new TargetInput([compiled], compilation, RuleCompilerHost.DisplayPath), withRule);
                var written = output is null ? checks : [.. checks, .. context.Adjust(output.Diagnostics)];
                foreach (var diagnostic in written)
                {
                    printer.Print(diagnostic);
                }

                if (written.Any(d => d.IsError))
                {
                    failed = true;
                    context.Error.WriteLine($"{target.Name}: the rule cannot be compiled for this target");
                    continue;
                }

                if (output!.RulesWritten == 0)
                {
                    // The target left it out with a warning: an empty listing would look like output that is missing.
                    context.Error.WriteLine($"{target.Name}: the rule is not built for this target (see the warnings); nothing to show");
                    continue;
                }

                target.Write(new TargetInput([], compilation, RuleCompilerHost.DisplayPath), without);
                PrintFiles(context, target.Name, withRule, without);
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }

        return failed ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private static void PrintFiles(CliContext context, string targetName, string folder, string baseline)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f)))
            .Where(f => !SameFile(f.Full, Path.Combine(baseline, f.Relative)))
            .Select(f => (f.Full, Shown: targetName + "/" + f.Relative.Replace('\\', '/')))
            .OrderBy(f => f.Shown, StringComparer.Ordinal);
        foreach (var (full, shown) in files)
        {
            if (BinaryExtensions.Any(e => shown.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                context.Out.WriteLine($"==> {shown} (archive, not shown) <==");
                continue;
            }

            context.Out.WriteLine($"==> {shown} <==");
            WorkflowCommandGuard.WriteDocument(context, File.ReadAllText(full));
        }
    }

    private static bool SameFile(string a, string b) => File.Exists(b) && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
}
