using Xunit;

namespace RuleCompiler.Backends.Tests;

/// <summary>
/// The layers keep to themselves: backends read the bound tree only (none parses or binds a search again), and
/// YAML stays in the loader: the language and the model know nothing of YAML, and no backend reads the compiler's
/// YAML tree (writers of YAML artifacts use YamlDotNet's emitter on their own).
/// </summary>
public class ArchitectureTests
{
    [Theory]
    [InlineData("src/Compiler/Language", "YamlDotNet")]
    [InlineData("src/Compiler/Language", "Compiler.Yaml")]
    [InlineData("src/Compiler/Model", "YamlDotNet")]
    [InlineData("src/Compiler/Model", "Compiler.Yaml")]
    [InlineData("src/Backends", "Compiler.Yaml")]
    [InlineData("src/Runtime", "RuleCompiler.Compiler")]
    public void A_layer_does_not_use_another_layers_types(string folder, string forbidden)
    {
        var offenders = SourceFiles(folder).Where(f => File.ReadAllText(f).Contains(forbidden, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).ToList();
        Assert.True(offenders.Count == 0, $"files under {folder} that use {forbidden}: " + string.Join(", ", offenders));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void NoBackendParsesOrBindsASearch()
    {
        var offenders = SourceFiles("src/Backends")
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("Compiler.Language.Parsing", StringComparison.Ordinal)
                    || text.Contains("QueryParser.", StringComparison.Ordinal)
                    || text.Contains("QueryBinder.", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "backends that parse or bind: " + string.Join(", ", offenders));
    }
}
