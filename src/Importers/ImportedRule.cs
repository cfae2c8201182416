using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Importers;

/// <summary>How far one source rule came across.</summary>
public enum ImportStatus
{
    /// <summary>Everything translated.</summary>
    Imported,

    /// <summary>Written, with a marker comment, but something (named by a warning) was not carried across.</summary>
    Partial,

    /// <summary>Not written: an error names what could not be translated.</summary>
    Failed,
}

/// <summary>
/// The outcome of importing one source file: the canonical rule's file name and YAML text (absent when it failed)
/// and the diagnostics, each at the position of the construct in the source file.
/// </summary>
public sealed record ImportedRule(string SourcePath, string? FileName, string? Yaml, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Files the rule needs beside it, by path relative to the output folder ('/'-separated), such as the table files
    /// (tables/NAME.yml) of the lookups its search reads; written with the rule.
    /// </summary>
    public IReadOnlyList<(string RelativePath, string Text)> SupportFiles { get; init; } = [];

    public ImportStatus Status =>
        Yaml is null || Diagnostics.Any(d => d.IsError) ? ImportStatus.Failed
        : Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning) ? ImportStatus.Partial
        : ImportStatus.Imported;
}

/// <summary>Reads one rule of a source format and writes it in the canonical form.</summary>
public interface IRuleImporter
{
    /// <summary>The source format's name as <c>rulec import</c> takes it (sigma, escu, ...).</summary>
    string Format { get; }

    /// <summary>Whether a file found in a folder given to the importer is one of its rules (by extension).</summary>
    bool Accepts(string path);

    /// <summary>Imports one file. <paramref name="schemaPath"/> is the modeline's path to rule.schema.json.</summary>
    ImportedRule Import(string path, string text, string schemaPath);
}
