using System.CommandLine;
using System.Globalization;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec new NAME --data-source SOURCE [--out DIR] [--create]</c>: write a new rule, with a test skeleton, that
/// validates as it is apart from its placeholder warnings. The folder must be in a rules repository whose
/// <c>data_sources/</c> has the data source, and must exist unless <c>--create</c> is given.
/// </summary>
public static class NewCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The rule's display name; the file is its snake_case form." };
        var dataSource = new Option<string>("--data-source")
        {
            Description = "The data source the rule searches (a file in rules/data_sources/).",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write the rule into.",
            DefaultValueFactory = _ => "rules",
        };
        var author = new Option<string?>("--author") { Description = "The author (default: the current user name)." };
        var create = new Option<bool>("--create") { Description = "Create the --out folder if it does not exist." };
        var command = new Command("new", "Scaffold a new rule with a fresh id, today's date and the schema modeline.");
        command.Arguments.Add(name);
        command.Options.Add(dataSource);
        command.Options.Add(output);
        command.Options.Add(author);
        command.Options.Add(create);
        command.SetAction(result => Run(
            GlobalOptions.Apply(context, result), result.GetValue(name)!, result.GetValue(dataSource)!, result.GetValue(output)!, result.GetValue(author), result.GetValue(create)));
        return command;
    }

    private static int Run(CliContext context, string name, string dataSource, string outputFolder, string? author, bool create)
    {
        var printer = new DiagnosticPrinter(context, "rulec new");
        var fileName = Naming.SnakeCase(name);
        if (fileName.Length == 0)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotScaffold, $"the name '{name}' has no letters or digits to name a file after");
        }

        var folder = context.Resolve(outputFolder);
        var path = Path.Combine(folder, fileName + ".yml");
        if (File.Exists(path))
        {
            return printer.UsageError(CliDiagnosticCodes.CannotScaffold, $"{context.Display(path)} already exists");
        }

        if (!Directory.Exists(folder) && !create)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotScaffold, $"the folder {outputFolder} does not exist; pass --create to create it");
        }

        if (RuleRepository.FindRepositoryRoot(folder) is not { } repositoryRoot)
        {
            return printer.UsageError(CliDiagnosticCodes.NoRepository,
                $"{outputFolder} is not in a rules repository: no folder at or above it holds {RuleRepository.MarkerFile} or {RuleRepository.DataSourcesFolder}/");
        }

        var sourcesFolder = Path.Combine(repositoryRoot, RuleRepository.DataSourcesFolder);
        var sources = Directory.Exists(sourcesFolder) ? RuleRepository.Load(sourcesFolder).DataSources : [];
        var source = sources.FirstOrDefault(s => s.Name == dataSource);
        if (source is null)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotScaffold, sources.Length == 0
                ? $"unknown data source '{dataSource}': the repository has no {RuleRepository.DataSourcesFolder}/"
                : $"unknown data source '{dataSource}'" + (Compiler.Diagnostics.DidYouMean.Hint(dataSource, sources.Select(s => s.Name)) is { Length: > 0 } hint
                    ? hint
                    : $"; the repository has {string.Join(", ", sources.Select(s => s.Name).Order(StringComparer.Ordinal))}"));
        }

        var text = RuleTemplate.Render(new RuleTemplate.Values(
            Guid.NewGuid().ToString(),
            name,
            DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            author ?? DefaultAuthor(),
            dataSource,
            source.Fields.FirstOrDefault(f => f.Type == Compiler.Model.FieldType.String)?.Name ?? source.Fields.FirstOrDefault()?.Name ?? "eventName",
            ModelinePath(folder, repositoryRoot),
            Aggregated: source.Splunk.IsDataModel));
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {context.Display(path)}: {e.Message}");
        }

        context.Summary($"created {context.Display(path)}");
        return ExitCodes.Ok;
    }

    private static string DefaultAuthor() => Environment.UserName is { Length: > 0 } user ? user : "unknown";

    // The modeline is relative to the rule file, so it points at the nearest schemas/ folder above it; without one,
    // at schemas/ beside the rules repository, where a checkout of this layout keeps it.
    private static string ModelinePath(string folder, string repositoryRoot)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var schema = Path.Combine(dir.FullName, "schemas", "rule.schema.json");
            if (File.Exists(schema))
            {
                return Path.GetRelativePath(folder, schema).Replace('\\', '/');
            }
        }

        var beside = Path.Combine(Path.GetDirectoryName(repositoryRoot) ?? repositoryRoot, "schemas", "rule.schema.json");
        return Path.GetRelativePath(folder, beside).Replace('\\', '/');
    }
}
