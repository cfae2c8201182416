using RuleCompiler.Compiler.Loading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// The text of a new rule: the modeline, then the rule as a YAML node tree written by YamlDotNet's emitter, so every
/// value is quoted and escaped by the YAML library. Text the author must replace holds
/// <see cref="PlaceholderChecks.Marker"/>, which validate reports until it is gone; the scaffold has a test skeleton.
/// </summary>
internal static class RuleTemplate
{
    /// <param name="Aggregated">The source is a data model dataset, which Splunk reads with tstats: the search is a
    /// where and a summarize, the shape tstats has.</param>
    public sealed record Values(string Id, string Name, string Date, string Author, string DataSource, string Field, string SchemaPath, bool Aggregated = false);

    private const string Todo = PlaceholderChecks.Marker;

    public static string Render(Values v)
    {
        var rule = new YamlMappingNode
        {
            { "id", Plain(v.Id) },
            { "name", Quoted(v.Name) },
            { "version", Plain("1") },
            { "date", Plain(v.Date) },
            { "author", Quoted(v.Author) },
            { "status", Plain("experimental") },
            { "type", Plain("hunting") },
            { "description", Quoted($"{Todo}: describe what this rule detects and why it matters.") },
            { "how_to_implement", Quoted($"{Todo}: describe what a deployment needs (add-ons, connectors, logging).") },
            { "known_false_positives", Quoted($"{Todo}: describe benign activity that also matches.") },
            { "data_source", Quoted(v.DataSource) },
            { "search", new YamlScalarNode($"where {v.Field} == \"{Todo}\"\n" + (v.Aggregated ? $"| summarize count = count() by {v.Field}\n" : "")) { Style = ScalarStyle.Literal } },
            { "risk", new YamlMappingNode { { "impact", Plain("50") }, { "confidence", Plain("50") } } },
            { "schedule", new YamlMappingNode { { "frequency", Plain("1h") }, { "lookback", Plain("1h") } } },
            {
                "tests", new YamlSequenceNode(new YamlMappingNode
                {
                    { "name", Quoted($"{Todo}: say what this test shows") },
                    { "events", new YamlSequenceNode(new YamlMappingNode { { v.Field, Quoted(Todo) } }) },
                    { "expect", new YamlMappingNode { { "count", Plain("1") } } },
                })
            },
        };

        var text = new StringWriter { NewLine = "\n" };
        text.Write(DocumentLoader.ModelinePrefix + v.SchemaPath + "\n");
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, rule);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value!, scalar.Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in sequence)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in mapping)
                {
                    Emit(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
        }
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };
}
