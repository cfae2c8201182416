using System.Collections.Immutable;
using System.CommandLine;
using RuleCompiler.Backends.Hosting;
using RuleCompiler.Importers;
using RuleCompiler.Importers.Sentinel;
using RuleCompiler.Importers.Sigma;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec translate --from spl|kql|sigma --to spl|kql|canonical [FILE|-]</c>: one query or rule into the canonical
/// form, and from there compiled to a target. The output goes to stdout; the fidelity notes (what was not carried
/// across, as warnings) and errors go to stderr as diagnostics at their place in the input.
/// </summary>
public static class TranslateCommand
{
    /// <summary>
    /// The source languages and their translators, given the repository's data sources. A language the ESCU importer
    /// brings (spl) plugs in here with one line when its translator is in the build.
    /// </summary>
    public static readonly ImmutableDictionary<string, Func<IReadOnlyList<DataSource>, IQueryTranslator>> Translators =
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, Func<IReadOnlyList<DataSource>, IQueryTranslator>>
        {
            ["kql"] = sources => new KqlQueryTranslator(sources, AttackCatalogue.Default),
            ["sigma"] = _ => new RuleFileTranslator("sigma", new SigmaImporter(AttackCatalogue.Default)),
            ["spl"] = sources => new Importers.Escu.SplRuleOrQueryTranslator(sources, AttackCatalogue.Default),
        });

    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "Source language: spl, kql or sigma.", Required = true };
        from.AcceptOnlyFromAmong("spl", "kql", "sigma");
        var to = new Option<string>("--to") { Description = "Target: spl, kql or canonical.", Required = true };
        to.AcceptOnlyFromAmong("spl", "kql", "canonical");
        var input = new Argument<string>("input") { Description = "A file, or - for standard input.", DefaultValueFactory = _ => "-" };
        var command = new Command("translate", "Translate one query or rule into the canonical form or another SIEM's language.");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Arguments.Add(input);
        command.SetAction(result => Run(context, result.GetValue(from)!, result.GetValue(to)!, result.GetValue(input)!));
        return command;
    }

    private static int Run(CliContext context, string from, string to, string input)
    {
        var printer = new DiagnosticPrinter(context);
        if (!Translators.TryGetValue(from, out var create))
        {
            return printer.UsageError(TranslateCodes.NoTranslator, $"no translator from '{from}' in this build (SPL comes with the ESCU importer); available: {string.Join(", ", Translators.Keys.Order(StringComparer.Ordinal))}");
        }

        var path = input == "-" ? "<stdin>" : context.Resolve(input);
        string text;
        try
        {
            text = input == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return printer.UsageError(TranslateCodes.UnreadableInput, $"cannot read {input}: {e.Message}");
        }

        if (text.Trim().Length == 0)
        {
            return printer.UsageError(TranslateCodes.UnreadableInput, $"{(input == "-" ? "standard input" : input)} is empty");
        }

        var sources = RepositoryDataSources.Find(context, context.WorkingDirectory);
        if (sources.Count == 0)
        {
            return printer.UsageError(CliDiagnosticCodes.NoRepository, RepositoryDataSources.Missing);
        }

        var translation = create(sources).Translate(path, text, "../../../schemas/rule.schema.json");
        foreach (var diagnostic in translation.Diagnostics)
        {
            printer.Print(diagnostic);
        }

        if (!translation.Succeeded)
        {
            return ExitCodes.RuleErrors;
        }

        if (to == "canonical")
        {
            var canonical = (translation.Yaml ?? translation.Search)!;
            WorkflowCommandGuard.WriteDocument(context, canonical);
            return ExitCodes.Ok;
        }

        return Compile(context, printer, translation, sources, to);
    }

    // The canonical rule is compiled in a scratch repository holding the data sources, as `rulec build` would.
    private static int Compile(CliContext context, DiagnosticPrinter printer, QueryTranslation translation, IReadOnlyList<DataSource> sources, string to)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "rulec-translate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var rules = Path.Combine(scratch, "rules");
            Directory.CreateDirectory(Path.Combine(rules, "data_sources"));
            foreach (var source in sources)
            {
                File.Copy(source.Span.Path, Path.Combine(rules, "data_sources", Path.GetFileName(source.Span.Path)));
            }

            Directory.CreateDirectory(Path.Combine(rules, "translated", "query"));
            var rulePath = Path.Combine(rules, "translated", "query", "translated_query.yml");
            File.WriteAllText(rulePath, translation.Yaml is { } yaml ? RenameToFile(yaml) : QueryRule(translation));
            var compiled = RuleCompilerHost.Compile([rules]);
            var errors = compiled.Diagnostics.Where(d => d.IsError).ToList();
            if (errors.Count > 0 || compiled.Rules.Length != 1)
            {
                printer.Print(Diagnostic.Error(TranslateCodes.DoesNotCompile, $"the canonical form does not compile for {to}", SourceSpan.File("<translated>")));
                foreach (var error in errors)
                {
                    printer.Print(error with { Span = error.Span with { Path = "<translated>" } });
                }

                return ExitCodes.RuleErrors;
            }

            var rule = compiled.Rules[0];
            var (text, notes) = to == "kql"
                ? KqlRoundTrip.Compile(rule, compiled.Repository.DataSources)
                : (SplEmitter.Emit(rule).Spl, SplEmitter.Emit(rule).Diagnostics);
            foreach (var note in notes)
            {
                printer.Print(note with { Span = note.Span with { Path = "<translated>" } });
            }

            WorkflowCommandGuard.WriteDocument(context, text);
            return notes.Any(n => n.IsError) ? ExitCodes.RuleErrors : ExitCodes.Ok;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    // The imported rule's file name must be its name's snake_case; the scratch file takes that name's place.
    private static string RenameToFile(string yaml) =>
        System.Text.RegularExpressions.Regex.Replace(yaml, "(?m)^name: .*$", "name: translated query", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string QueryRule(QueryTranslation translation) => CanonicalYamlWriter.Write(
        new CanonicalRule("00000000-0000-4000-8000-000000000000", "translated query", "1.0.0", "1970-01-01", "rulec translate", "experimental", "hunting", null,
            "A query translated by rulec translate.", translation.DataSource!, translation.Search!, [], null, [], [], []),
        "../../../schemas/rule.schema.json");
}
