using RuleCompiler.Compiler.Catalogues;

namespace RuleCompiler.Compiler.Tests.Semantics;

public class EntityCatalogueTests
{
    [Fact]
    public void Sentinel_has_nineteen_entity_types_with_identifiers_and_required_sets()
    {
        Assert.Equal(19, EntityCatalogue.All.Count());
        var account = EntityCatalogue.Find("Account")!;
        Assert.Contains("UPNSuffix", account.Identifiers);
        Assert.Contains(account.RequiredIdentifierSets, s => s.SequenceEqual(["Name"]));
        Assert.Equal(["Algorithm", "Value"], EntityCatalogue.Find("FileHash")!.RequiredIdentifierSets.Single().AsEnumerable());
        Assert.Null(EntityCatalogue.Find("account"));
    }

    [Fact]
    public void The_schema_enum_lists_exactly_the_catalogue_types()
    {
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "schemas", "rule.schema.json")));
        var types = schema.RootElement.GetProperty("properties").GetProperty("entities").GetProperty("items")
            .GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        Assert.Equal(EntityCatalogue.All.Select(t => t.Name), types.Order(StringComparer.Ordinal));
    }
}
