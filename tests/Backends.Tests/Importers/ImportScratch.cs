using RuleCompiler.Backends.Hosting;
using RuleCompiler.Compiler.Compilation;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// A scratch rules repository (the project's aws_cloudtrail data source and schemas) that imported rules are
/// written into and compiled with the project's own loader, validator and binder.
/// </summary>
internal sealed class ImportScratch : IDisposable
{
    public ImportScratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulec-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "rules", "data_sources"));
        foreach (var dataSource in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", "data_sources"), "*.yml"))
        {
            File.Copy(dataSource, Path.Combine(Root, "rules", "data_sources", Path.GetFileName(dataSource)));
        }

        Directory.CreateDirectory(Path.Combine(Root, "schemas"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "schemas", "rule.schema.json"), Path.Combine(Root, "schemas", "rule.schema.json"));
        Rules = Path.Combine(Root, "rules", "imported", "sigma");
        Directory.CreateDirectory(Rules);
    }

    public string Root { get; }

    /// <summary>rules/imported/sigma, where imported rules go (the modeline then reads ../../../schemas/rule.schema.json).</summary>
    public string Rules { get; }

    public string Write(string fileName, string yaml)
    {
        var path = Path.Combine(Rules, fileName);
        File.WriteAllText(path, yaml);
        return path;
    }

    public CompilationResult Compile(params string[] files) => RuleCompilerHost.Compile(files);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
