using System.Collections.Immutable;
using System.Text.Json.Nodes;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>Reads a rule's <c>tests</c>: event files are resolved relative to the rule file.</summary>
internal static class TestBuilder
{
    public static ImmutableArray<RuleTest> Read(YamlSequence? tests, string rulePath) => tests is null
        ? []
        : [.. tests.Items.OfType<YamlMapping>().Select(map => ReadTest(map, rulePath))];

    private static RuleTest ReadTest(YamlMapping map, string rulePath)
    {
        var t = new MappingReader(map);
        var eventsNode = map["events"];
        var events = eventsNode switch
        {
            YamlScalar file => FileEvents(file, rulePath),
            YamlSequence inline => new TestEvents(null, null, [.. inline.Items.Select(e => new InlineEvent(YamlJson.ToJsonNode(e), e.Span))], inline.Span),
            _ => new TestEvents(null, null, [], map.Span),
        };
        var tables = t.Map("tables")?.Entries.Select(entry => new TestTable(
            entry.Key.Value,
            [.. (entry.Value as YamlSequence)?.Items.Select(YamlJson.ToJsonNode).OfType<JsonObject>() ?? []],
            entry.Key.Span));
        return new RuleTest(t.StringOr("name", ""), events, ReadExpectation(t.Map("expect"), map), map.Span) { Tables = [.. tables ?? []] };
    }

    // The events of a test come from a pull request like the rule; a path out of the repository would let
    // `rulec test` print the values of any file on the CI machine.
    private static TestEvents FileEvents(YamlScalar file, string rulePath)
    {
        var located = new Located<string>(file.Value, file.Span);
        var resolved = Resolve(rulePath, file.Value);
        return resolved is not null && !RepositoryFiles.IsInside(resolved, RepositoryFiles.BoundaryOf(rulePath))
            ? new TestEvents(located, null, [], file.Span, OutsideRepository: true)
            : new TestEvents(located, resolved, [], file.Span);
    }

    private static string? Resolve(string rulePath, string file)
    {
        try
        {
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rulePath)) ?? "", file));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static TestExpectation ReadExpectation(YamlMapping? expect, YamlMapping test)
    {
        if (expect is null)
        {
            return new TestExpectation(null, [], test.Span);
        }

        var e = new MappingReader(expect);
        var rows = e.Sequence("rows") is { } sequence
            ? sequence.Items.OfType<YamlMapping>()
                .Select(row => new ExpectedRow([.. row.Entries.Select(c => new ExpectedCell(c.Key.Value, Expected(c.Value), c.Key.Span))], row.Span))
                .ToImmutableArray()
            : [];
        return new TestExpectation(e.Int("count"), rows, expect.Span);
    }

    private static ExpectedValue Expected(YamlNode node) => node is YamlScalar scalar
        ? new ExpectedScalar(YamlScalarTyping.Resolve(scalar))
        : new ExpectedStructure(YamlJson.ToJsonNode(node) ?? new JsonObject());
}
