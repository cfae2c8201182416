using RuleCompiler.Compiler.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers;

/// <summary>Reading a source rule file (ESCU, Sentinel, Sigma): one YAML mapping, or the error saying why not.</summary>
internal static class SourceYaml
{
    public static bool IsYamlFile(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's one mapping; otherwise an error with <paramref name="code"/> (at the YAML error's position when it does not parse).</summary>
    public static (YamlMappingNode? Root, Diagnostic? Error) LoadMapping(string path, string text, string code, string notOneMapping)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode map
                ? (map, null)
                : (null, Diagnostic.Error(code, notOneMapping, SourceSpan.File(path)));
        }
        catch (YamlException e)
        {
            return (null, Diagnostic.Error(code, $"not YAML: {e.Message}", SourceSpan.At(path, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column))));
        }
    }
}
