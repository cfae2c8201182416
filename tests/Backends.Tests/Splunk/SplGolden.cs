using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>Emitted SPL equals its golden file under tests/Backends.Tests/Golden/; RULEC_UPDATE_GOLDEN=1 rewrites it (then review the diff).</summary>
internal static class SplGolden
{
    public static void Matches(string spl, params string[] pathUnderGolden)
    {
        var path = Path.Combine([RepositoryPaths.Root, "tests", "Backends.Tests", "Golden", .. pathUnderGolden]);
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, spl);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), spl);
    }
}
