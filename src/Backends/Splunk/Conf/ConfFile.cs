using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>A parsed Splunk .conf file: its stanzas in file order and what was wrong with the text.</summary>
public sealed record ConfFile(string Path, ImmutableArray<ConfStanza> Stanzas, ImmutableArray<Diagnostic> Problems)
{
    /// <summary>The stanza named <paramref name="name"/> exactly (the first, if the file repeats it), or null.</summary>
    public ConfStanza? Find(string name) => Stanzas.FirstOrDefault(s => s.Name == name);
}

/// <summary>
/// One <c>[name]</c> stanza. Settings written before the first header belong to Splunk's implicit
/// <c>[default]</c> stanza; they appear here as a stanza named <see cref="ImplicitDefault"/> at line 0.
/// </summary>
public sealed record ConfStanza(string Name, int Line, ImmutableArray<ConfEntry> Entries)
{
    public const string ImplicitDefault = "default";

    /// <summary>The value of <paramref name="key"/> (the last one, as Splunk reads it), or null.</summary>
    public string? this[string key] => Entries.LastOrDefault(e => e.Key == key)?.Value;
}

/// <summary><c>key = value</c>; the value has its continuation lines joined with line feeds.</summary>
public sealed record ConfEntry(string Key, string Value, int Line, int Column, int ValueColumn);
