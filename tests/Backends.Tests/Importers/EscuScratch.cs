using RuleCompiler.Backends.Hosting;
using RuleCompiler.Importers.Escu;
using RuleCompiler.Compiler.Compilation;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// A scratch rules repository with the project's data sources, lists and schemas, that imported ESCU rules are
/// written into (rules/imported/escu) and compiled with the project's own loader, validator and binder.
/// </summary>
internal sealed class EscuScratch : IDisposable
{
    public EscuScratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulec-escu-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "data_sources", "lists" })
        {
            var target = Path.Combine(Root, "rules", folder);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", folder), "*.yml"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        Directory.CreateDirectory(Path.Combine(Root, "schemas"));
        foreach (var schema in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "schemas"), "*.json"))
        {
            File.Copy(schema, Path.Combine(Root, "schemas", Path.GetFileName(schema)));
        }

        Rules = Path.Combine(Root, "rules", "imported", "escu");
        Directory.CreateDirectory(Rules);
    }

    public string Root { get; }

    /// <summary>rules/imported/escu, where imported rules go (the modeline then reads ../../../schemas/rule.schema.json).</summary>
    public string Rules { get; }

    /// <summary>The translation context of the project's own repository: its data sources and lists.</summary>
    public static SplTranslationContext Context { get; } = SplTranslationContext.FromRepository(Path.Combine(RepositoryPaths.Root, "rules"));

    public string Write(string fileName, string yaml)
    {
        var path = Path.Combine(Rules, fileName);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static CompilationResult Compile(params string[] files) => RuleCompilerHost.Compile(files);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
