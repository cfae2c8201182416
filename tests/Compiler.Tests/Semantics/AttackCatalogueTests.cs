using RuleCompiler.Compiler.Catalogues;

namespace RuleCompiler.Compiler.Tests.Semantics;

public class AttackCatalogueTests
{
    private static string TinyBundle => Path.Combine(TestPaths.TestsFolder, "Fixtures", "tiny-enterprise-attack.json");

    [Fact]
    public void The_embedded_catalogue_knows_techniques_tactics_and_retired_ids()
    {
        var catalogue = AttackCatalogue.Default;
        Assert.Equal(new AttackTechnique("T1204.003", "Malicious Image", ["execution"]) with { Tactics = catalogue.Find("T1204.003")!.Tactics },
            catalogue.Find("T1204.003"));
        Assert.Equal(["execution"], catalogue.Find("T1204.003")!.Tactics.AsEnumerable());
        Assert.Equal(["Execution"], catalogue.TacticsOf(["T1204.003", "T1204"]).Select(t => t.Name));
        Assert.Equal(["TA0003", "TA0004"], catalogue.TacticsOf(["T1037"]).Select(t => t.Id));
        Assert.Equal("revoked", catalogue.InactiveStatus("T1004"));
        Assert.Equal("deprecated", catalogue.InactiveStatus("T1043"));
        Assert.Null(catalogue.Find("T9999"));
        Assert.Null(catalogue.InactiveStatus("T9999"));
    }

    [SharedFact]
    public void The_embedded_catalogue_matches_the_corpus_table()
    {
        var table = File.ReadAllLines(Path.Combine(TestPaths.Shared!, "corpus", "attack", "enterprise-techniques.csv")).Skip(1)
            .Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(table.Count, AttackCatalogue.Default.TechniqueCount);
        Assert.All(table, id => Assert.NotNull(AttackCatalogue.Default.Find(id)));
    }

    [Fact]
    public void A_stix_bundle_becomes_a_catalogue_without_retired_techniques()
    {
        var (catalogue, error) = StixAttackCatalogueReader.Read(TinyBundle);
        Assert.Null(error);
        Assert.Equal(2, catalogue!.TechniqueCount);
        Assert.Equal(["execution", "defense-evasion"], catalogue.Find("T1999")!.Tactics.AsEnumerable());
        Assert.Equal(["TA0002", "TA0005"], catalogue.TacticsOf(["T1999"]).Select(t => t.Id));
        Assert.Equal("revoked", catalogue.InactiveStatus("T1888"));
        Assert.Equal("deprecated", catalogue.InactiveStatus("T1777"));
        Assert.Null(catalogue.Find("T1562.001"));
    }

    [Theory]
    [InlineData("{\"objects\": []}", "no ATT&CK techniques")]
    [InlineData("[1, 2]", "not a STIX bundle")]
    [InlineData("{not json", "cannot read")]
    public void A_file_that_is_not_a_bundle_is_an_error_message(string content, string expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content);
            var (catalogue, error) = StixAttackCatalogueReader.Read(path);
            Assert.Null(catalogue);
            Assert.Contains(expected, error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_uses_the_bundle_given_on_the_command_line()
    {
        using var repo = TempRepository.CopyOfValid();
        var outcome = Cli.CliRunner.Run(repo.Root, "validate", "rules", "--attack-catalogue", TinyBundle);
        // The tiny bundle lacks T1204 and T1562.001, which the fixtures use; T1204.003 is in it.
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error RC1304: unknown ATT&CK technique T1562.001", outcome.Error);
        Assert.Contains("error RC1304: unknown ATT&CK technique T1204 ", outcome.Error);
        Assert.DoesNotContain("T1204.003", outcome.Error);
    }
}
