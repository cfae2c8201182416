using RuleCompiler.Importers.Verification;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Compiler.Compilation;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The ESCU round trip: the imported rule compiled back to SPL with the Splunk target's emitter; the ESCU search and
/// the emitted SPL are both read with the same SPL translator and compared after <see cref="SearchNormalizer"/>, so
/// spelling (quotes, spacing, IN lists, parentheses) does not count and meaning does. Differences are the
/// normalised stages only one side has.
/// </summary>
public sealed class EscuRoundTripComparer(SplTranslationContext context) : IRoundTripComparer
{
    private readonly EscuFolderContexts _contexts = new(context);

    public string Target => "splunk";

    public RoundTripResult Compare(string sourcePath, string sourceText, CompiledRule rule)
    {
        if (SourceYaml.LoadMapping(sourcePath, sourceText, ImporterDiagnosticCodes.UnreadableSource, "").Root is not { } root
            || EscuYaml.Scalar(root, "search") is not { } search)
        {
            return RoundTripResult.Differs("the source has no search");
        }

        var emitted = SplEmitter.Emit(rule);
        if (emitted.HasErrors)
        {
            return RoundTripResult.Differs([.. emitted.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code}: {d.Message}")]);
        }

        var withMacros = _contexts.For(sourcePath);
        var original = SplQueryTranslator.Translate(search, withMacros);
        var back = SplQueryTranslator.Translate(emitted.Spl, withMacros);
        if (back.Search is null || original.Search is null)
        {
            return RoundTripResult.Differs([.. (original.Search is null ? original : back).Diagnostics.Where(d => d.IsError).Select(d => $"the {(original.Search is null ? "ESCU" : "emitted")} SPL does not read back: {d.Code}: {d.Message}")]);
        }

        var before = SearchNormalizer.Normalize(original.Search);
        var after = SearchNormalizer.Normalize(back.Search);
        if (before.SequenceEqual(after, StringComparer.Ordinal))
        {
            return RoundTripResult.Equal;
        }

        var differences = before.Except(after, StringComparer.Ordinal).Select(l => "ESCU only: " + l)
            .Concat(after.Except(before, StringComparer.Ordinal).Select(l => "emitted only: " + l)).ToList();
        return RoundTripResult.Differs(differences.Count == 0 ? ["the same commands in another order"] : [.. differences]);
    }
}
