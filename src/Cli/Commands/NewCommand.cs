using System.CommandLine;
using System.Globalization;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec new NAME --data-source SOURCE [--out DIR]</c>: write a new rule that validates as it is.</summary>
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
            Description = "The folder to write the rule into (default: rules/).",
            DefaultValueFactory = _ => "rules",
        };
        var author = new Option<string?>("--author") { Description = "The author (default: the current user name)." };
        var command = new Command("new", "Scaffold a new rule with a fresh id, today's date and the schema modeline.");
        command.Arguments.Add(name);
        command.Options.Add(dataSource);
        command.Options.Add(output);
        command.Options.Add(author);
        command.SetAction(result => Run(context, result.GetValue(name)!, result.GetValue(dataSource)!, result.GetValue(output)!, result.GetValue(author)));
        return command;
    }

    private static int Run(CliContext context, string name, string dataSource, string outputFolder, string? author)
    {
        var printer = new DiagnosticPrinter(context);
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

        var repositoryRoot = RuleRepository.FindRepositoryRoot(folder);
        IReadOnlyList<Compiler.Model.DataSource>? sources = repositoryRoot is null
            ? null
            : RuleRepository.Load(Path.Combine(repositoryRoot, RuleRepository.DataSourcesFolder)).DataSources;
        var source = sources?.FirstOrDefault(s => s.Name == dataSource);
        if (sources is not null && source is null)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotScaffold,
                $"unknown data source '{dataSource}'; known: {string.Join(", ", sources.Select(s => s.Name).Order(StringComparer.Ordinal))}");
        }

        var text = RuleTemplate.Render(new RuleTemplate.Values(
            Guid.NewGuid().ToString(),
            name,
            DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            author ?? DefaultAuthor(),
            dataSource,
            source?.Fields.FirstOrDefault(f => f.Type == Compiler.Model.FieldType.String)?.Name ?? "eventName",
            ModelinePath(folder)));
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {context.Display(path)}: {e.Message}");
        }

        context.Out.WriteLine($"created {context.Display(path)}");
        return ExitCodes.Ok;
    }

    private static string DefaultAuthor() => Environment.UserName is { Length: > 0 } user ? user : "unknown";

    // The modeline is relative to the rule file, so it points at the nearest schemas/ folder above it.
    private static string ModelinePath(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var schema = Path.Combine(dir.FullName, "schemas", "rule.schema.json");
            if (File.Exists(schema))
            {
                return Path.GetRelativePath(folder, schema).Replace('\\', '/');
            }
        }

        return "schemas/rule.schema.json";
    }
}
