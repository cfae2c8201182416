using RuleCompiler.Importers;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// An imported rule's YAML equals its golden file and loads, validates and binds. Set RULEC_UPDATE_GOLDEN=1 to rewrite
/// the golden file from the current output (then review the diff).
/// </summary>
internal static class ImportGolden
{
    public static void MatchesAndBinds(ImportedRule result, string golden)
    {
        if (Environment.GetEnvironmentVariable("RULEC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, result.Yaml);
        }

        Assert.True(File.Exists(golden), $"missing golden file {golden} (run with RULEC_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(golden), result.Yaml);

        using var scratch = new ImportScratch();
        var compiled = scratch.Compile(scratch.Write(result.FileName!, result.Yaml!));
        Assert.True(compiled.ErrorCount == 0, string.Join("\n", compiled.Diagnostics));
    }
}
