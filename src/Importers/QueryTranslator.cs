using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Importers;

/// <summary>
/// The canonical form of one translated input: a whole rule (<see cref="Yaml"/> is a rule file) or a bare query
/// (<see cref="Search"/> and its <see cref="DataSource"/>, no metadata), and the diagnostics (errors, and the
/// fidelity notes as warnings), positioned in the input.
/// </summary>
public sealed record QueryTranslation(string? Yaml, string? Search, string? DataSource, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => (Yaml ?? Search) is not null && !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Translates one query or rule of a source language into the canonical form, for <c>rulec translate --from LANG</c>.
/// The CLI registers one per language; a language without a registered translator is reported (RC5080).
/// </summary>
public interface IQueryTranslator
{
    /// <summary>The language's name for <c>--from</c> (kql, sigma, spl).</summary>
    string Language { get; }

    QueryTranslation Translate(string path, string text, string schemaPath);
}

/// <summary>A translator for rule files only, through the format's importer (Sigma rules).</summary>
public sealed class RuleFileTranslator(string language, IRuleImporter importer) : IQueryTranslator
{
    public string Language => language;

    public QueryTranslation Translate(string path, string text, string schemaPath)
    {
        var imported = importer.Import(path, text, schemaPath);
        return new QueryTranslation(imported.Status == ImportStatus.Failed ? null : imported.Yaml, null, null, imported.Diagnostics);
    }
}

/// <summary>Codes of <c>rulec translate</c>, RC5080–RC5089 (docs/diagnostics.md).</summary>
public static class TranslateCodes
{
    /// <summary>A <c>--from</c> language without a translator in this build, or a <c>--to</c> that it cannot reach.</summary>
    public const string NoTranslator = "RC5080";

    /// <summary>The input (file or standard input) cannot be read, or is empty.</summary>
    public const string UnreadableInput = "RC5081";

    /// <summary>The canonical form does not compile for the <c>--to</c> target (the binder's or emitter's errors follow).</summary>
    public const string DoesNotCompile = "RC5082";
}
