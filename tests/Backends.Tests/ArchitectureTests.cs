using Xunit;

namespace RuleCompiler.Backends.Tests;

/// <summary>
/// Backends read the bound tree only: none parses a search or binds one again. The importers (src/Backends/Importers)
/// are exempt: translating another SIEM's query into the canonical form is parsing it (the Sentinel importer reads KQL
/// with the canonical parser, whose syntax KQL shares).
/// </summary>
public class ArchitectureTests
{
    [Fact]
    public void NoBackendParsesOrBindsASearch()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Backends"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Importers{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("Compiler.Language.Parsing", StringComparison.Ordinal)
                    || text.Contains("QueryParser.", StringComparison.Ordinal)
                    || text.Contains("QueryBinder.", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "backends that parse or bind: " + string.Join(", ", offenders));
    }
}
