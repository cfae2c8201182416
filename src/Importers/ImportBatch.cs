using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Importers;

/// <summary>
/// Imports files and folders with one importer and writes the canonical rules into an output folder. Files are
/// taken in ordinal order of their full path, so two runs write the same files and report the same table.
/// </summary>
public static class ImportBatch
{
    public static IReadOnlyList<ImportedRule> Run(IRuleImporter importer, IReadOnlyList<string> paths, string outDir, Func<string, string> displayPath)
    {
        Directory.CreateDirectory(outDir);
        var schema = SchemaPath(outDir);
        var results = new List<ImportedRule>();
        foreach (var file in Files(importer, paths))
        {
            var shown = displayPath(file);
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException e)
            {
                results.Add(new ImportedRule(shown, null, null, [Diagnostic.Error(ImporterDiagnosticCodes.UnreadableSource, $"cannot read: {e.Message}", SourceSpan.File(shown))]));
                continue;
            }

            var result = importer.Import(shown, text, schema);
            if (result is { Yaml: not null, FileName: not null } && result.Status != ImportStatus.Failed)
            {
                File.WriteAllText(Path.Combine(outDir, result.FileName), result.Yaml);
                foreach (var (relative, supportText) in result.SupportFiles)
                {
                    var target = Path.Combine(outDir, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, supportText);
                }
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>The modeline's path from the output folder to schemas/rule.schema.json of the repository it lies in.</summary>
    public static string SchemaPath(string outDir)
    {
        var rules = RuleRepository.FindRepositoryRoot(outDir);
        var schema = rules is null ? null : Path.Combine(Path.GetDirectoryName(rules)!, "schemas", "rule.schema.json");
        return schema is not null && File.Exists(schema)
            ? Path.GetRelativePath(Path.GetFullPath(outDir), schema).Replace('\\', '/')
            : "../../../schemas/rule.schema.json";
    }

    private static IEnumerable<string> Files(IRuleImporter importer, IReadOnlyList<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(importer.Accepts)
                : [p])
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
