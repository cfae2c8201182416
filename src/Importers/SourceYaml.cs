using RuleCompiler.Compiler.Diagnostics;
using YamlLoader = RuleCompiler.Compiler.Yaml.YamlLoader;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers;

/// <summary>
/// Reading a source rule file (ESCU, Sentinel, Sigma, ESCU macros): its YAML documents, or the error saying why not.
/// Source files come from outside, so every way YamlDotNet's representation model fails is an error here, never an
/// exception: a syntax error (at its position), an unclosed flow collection (which it reports as a bare
/// InvalidOperationException), a duplicate key or an event it cannot represent (ArgumentException), nesting deeper
/// than the rule loader allows (checked on the event stream first, so building the tree cannot recurse deeply), and a
/// mapping key that is not text (every importer reads keys as text).
/// </summary>
internal static class SourceYaml
{
    public static bool IsYamlFile(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's one mapping; otherwise an error with <paramref name="code"/> (at the YAML error's position when it does not parse).</summary>
    public static (YamlMappingNode? Root, Diagnostic? Error) LoadMapping(string path, string text, string code, string notOneMapping)
    {
        var (documents, error) = LoadDocuments(path, text, code);
        if (documents is null)
        {
            return (null, error);
        }

        return documents is [{ RootNode: YamlMappingNode map }]
            ? (map, null)
            : (null, Diagnostic.Error(code, notOneMapping, SourceSpan.File(path)));
    }

    /// <summary>The file's YAML documents; otherwise an error with <paramref name="code"/>.</summary>
    public static (IReadOnlyList<YamlDocument>? Documents, Diagnostic? Error) LoadDocuments(string path, string text, string code)
    {
        try
        {
            if (TooDeep(text) is { } deep)
            {
                return (null, Diagnostic.Error(code, $"not YAML the importer reads: nesting deeper than {YamlLoader.MaxDepth} levels", At(path, deep)));
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Select(d => ComplexKey(d.RootNode)).FirstOrDefault(k => k is not null) is { } key)
            {
                return (null, Diagnostic.Error(code, "not YAML the importer reads: a mapping key that is not text (a '?' complex key)", At(path, key.Start)));
            }

            return ([.. stream.Documents], null);
        }
        catch (YamlException e)
        {
            return (null, Diagnostic.Error(code, $"not YAML: {e.Message}", At(path, e.Start)));
        }
        catch (InvalidOperationException)
        {
            return (null, Diagnostic.Error(code, "not YAML: a flow collection ('[' or '{') is never closed", SourceSpan.File(path)));
        }
        catch (ArgumentException e)
        {
            return (null, Diagnostic.Error(code, $"not YAML the importer reads: {e.Message}", SourceSpan.File(path)));
        }
    }

    // Where the event stream first goes deeper than the rule loader's limit, or null; syntax errors are left to the load.
    private static Mark? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart when ++depth > YamlLoader.MaxDepth:
                    return parser.Current.Start;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    // The first mapping key that is a mapping or a sequence: every source format keys its mappings by text, and
    // every importer reads keys as text. The nesting is bounded by TooDeep before this runs.
    private static YamlNode? ComplexKey(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Select(c => c.Key is YamlScalarNode ? ComplexKey(c.Value) : c.Key).FirstOrDefault(k => k is not null),
        YamlSequenceNode sequence => sequence.Children.Select(ComplexKey).FirstOrDefault(k => k is not null),
        _ => null,
    };

    private static SourceSpan At(string path, Mark mark) => SourceSpan.At(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));
}
