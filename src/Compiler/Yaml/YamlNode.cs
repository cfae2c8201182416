using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>An immutable YAML node with the place it came from. Every diagnostic about user input points at one.</summary>
public abstract record YamlNode(SourceSpan Span);

/// <summary>
/// A scalar exactly as written: its text after YAML unescaping/folding, and its style. The style matters because
/// only plain scalars are typed (<c>true</c>, <c>12</c>, <c>null</c>); quoted and block scalars are always strings.
/// </summary>
public sealed record YamlScalar(string Value, YamlScalarStyle Style, SourceSpan Span) : YamlNode(Span)
{
    public bool IsPlain => Style == YamlScalarStyle.Plain;
}

public sealed record YamlSequence(ImmutableArray<YamlNode> Items, SourceSpan Span) : YamlNode(Span);

/// <summary>One <c>key: value</c> pair. Keys are always scalars (the loader rejects complex keys).</summary>
public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

/// <summary>A mapping, entries in file order, keys unique (the loader reports duplicates and keeps the first).</summary>
public sealed record YamlMapping(ImmutableArray<YamlEntry> Entries, SourceSpan Span) : YamlNode(Span)
{
    public YamlNode? this[string key] => Find(key)?.Value;

    public YamlEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>How a scalar was written in the file.</summary>
public enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// <summary><c>|</c> block: line breaks kept.</summary>
    Literal,
    /// <summary><c>&gt;</c> block: line breaks folded into spaces.</summary>
    Folded,
}
