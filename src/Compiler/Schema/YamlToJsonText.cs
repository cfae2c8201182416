using System.Globalization;
using System.Text;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Schema;

/// <summary>
/// Writes a YAML tree as JSON text with every key, scalar and bracket on its own line, and remembers which YAML node
/// each line came from. The JSON validator reports errors by JSON line, so line N maps straight back to the YAML
/// node and its line and column in the rule file, with no JSON-path parsing.
/// </summary>
internal sealed class YamlToJsonText
{
    private readonly StringBuilder text = new();
    private readonly List<YamlNode> lineNodes = [];
    private bool commaPending;

    private YamlToJsonText()
    {
    }

    public static (string Json, IReadOnlyList<YamlNode> LineNodes) Convert(YamlNode root)
    {
        var writer = new YamlToJsonText();
        writer.Write(root);
        return (writer.text.ToString(), writer.lineNodes);
    }

    /// <summary>The YAML node written on a 1-based JSON line.</summary>
    public static YamlNode NodeAt(IReadOnlyList<YamlNode> lineNodes, int line) => lineNodes[Math.Clamp(line, 1, lineNodes.Count) - 1];

    private void Write(YamlNode node)
    {
        switch (node)
        {
            case YamlScalar scalar:
                Line(ScalarJson(scalar), scalar);
                break;
            case YamlSequence sequence:
                Line("[", sequence);
                foreach (var item in sequence.Items)
                {
                    Write(item);
                    commaPending = true;
                }

                commaPending = false;
                Line("]", sequence);
                break;
            case YamlMapping mapping:
                Line("{", mapping);
                foreach (var entry in mapping.Entries)
                {
                    Line(Quote(entry.Key.Value) + ":", entry.Key);
                    Write(entry.Value);
                    commaPending = true;
                }

                commaPending = false;
                Line("}", mapping);
                break;
        }
    }

    private void Line(string content, YamlNode node)
    {
        if (commaPending)
        {
            text.Append(',');
            commaPending = false;
        }

        text.Append(content).Append('\n');
        lineNodes.Add(node);
    }

    private static string ScalarJson(YamlScalar scalar) => YamlScalarTyping.Resolve(scalar) switch
    {
        null => "null",
        true => "true",
        false => "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Quote(scalar.Value),
    };

    private static string Quote(string value) => Newtonsoft.Json.JsonConvert.ToString(value);
}
