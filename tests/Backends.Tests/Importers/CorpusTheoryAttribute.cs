namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>A theory that is skipped, visibly, when ../shared/corpus is absent (as <see cref="CorpusFactAttribute"/>).</summary>
public sealed class CorpusTheoryAttribute : Xunit.TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Directory.Exists(RepositoryPaths.Corpus))
        {
            Skip = "../shared/corpus is not present next to the repository";
        }
    }
}
