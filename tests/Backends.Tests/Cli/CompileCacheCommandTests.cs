using RuleCompiler.Cli;
using Xunit;

namespace RuleCompiler.Backends.Tests.Cli;

public sealed class CompileCacheCommandTests : IDisposable
{
    private readonly string _root = CliRunner.CopyRules();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "rulec-cache-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    [Fact]
    public void TestWithACacheGivesTheSameResultsAndKeepsTheCompiledRules()
    {
        var (exit, output, error) = CliRunner.Run(_root, "test", "rules", "--cache-dir", _cache);
        Assert.True(exit == 0, output + error);
        Assert.NotEmpty(Directory.GetFiles(_cache, "*.rulec-dll"));
        var written = Directory.GetFiles(_cache).ToDictionary(f => f, File.ReadAllBytes);

        var (again, secondOutput, _) = CliRunner.Run(_root, "test", "rules", "--cache-dir", _cache);
        Assert.Equal(0, again);
        Assert.Equal(output, secondOutput);
        Assert.All(written, w => Assert.Equal(w.Value, File.ReadAllBytes(w.Key)));
    }

    [Fact]
    public void TheEnvironmentVariableNamesTheCacheToo()
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), _root, Colour: false)
        {
            EnvironmentVariable = name => name == CompileCacheOption.EnvironmentVariable ? _cache : null,
        };
        Assert.Equal(0, Program.Run(["test", "rules"], context));
        Assert.NotEmpty(Directory.GetFiles(_cache, "*.rulec-dll"));
    }

    [Theory]
    [InlineData("test", "rules", "--cache-dir", "rules/.cache")]
    [InlineData("test", "rules", "--cache-dir", ".rulec-cache")]
    [InlineData("run", "--rules", "rules", "--events", "rules", "--cache-dir", "rules/aws")]
    public void ACacheInsideTheRepositoryIsRefusedBeforeAnythingIsCompiled(params string[] args)
    {
        // A checkout: the repository is the folder with .git, not only rules/.
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var (exit, _, error) = CliRunner.Run(_root, args);
        Assert.Equal(2, exit);
        Assert.Contains("error RC1910: the compiled-rule cache", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, args[^1])) && Directory.GetFiles(Path.Combine(_root, args[^1]), "*.rulec-dll").Length > 0);
    }
}
