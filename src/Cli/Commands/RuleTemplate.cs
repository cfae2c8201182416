using RuleCompiler.Compiler.Loading;

namespace RuleCompiler.Cli.Commands;

/// <summary>The text of a new rule. Every value is YAML-quoted through <see cref="Quote"/>.</summary>
internal static class RuleTemplate
{
    public sealed record Values(string Id, string Name, string Date, string Author, string DataSource, string Field, string SchemaPath);

    public static string Render(Values v) => $"""
        {DocumentLoader.ModelinePrefix}{v.SchemaPath}
        id: {v.Id}
        name: {Quote(v.Name)}
        version: 1
        date: {v.Date}
        author: {Quote(v.Author)}
        status: experimental
        type: hunting
        description: {Quote("Describe what this rule detects and why it matters.")}
        how_to_implement: {Quote("Describe what a deployment needs (add-ons, connectors, logging).")}
        known_false_positives: {Quote("Describe benign activity that also matches.")}
        data_source: {Quote(v.DataSource)}
        search: |
          where {v.Field} == "replace me"
        risk:
          impact: 50
          confidence: 50
        schedule:
          frequency: 1h
          lookback: 1h

        """.ReplaceLineEndings("\n");

    /// <summary>A YAML double-quoted scalar: backslash and quote escaped, control characters as \uXXXX.</summary>
    public static string Quote(string value)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u007f' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
