using RuleCompiler.Backends.Importers.Verification;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Compiler.Compilation;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Backends.Importers.Escu;

/// <summary>
/// The ESCU round trip: the imported rule compiled back to SPL with the Splunk target's emitter, compared with the
/// ESCU search after <see cref="SplNormalizer"/>. Differences are the normalised commands only one side has.
/// </summary>
public sealed class EscuRoundTripComparer : IRoundTripComparer
{
    public string Target => "splunk";

    public RoundTripResult Compare(string sourceText, CompiledRule rule)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(sourceText));
        if (stream.Documents[0].RootNode is not YamlMappingNode root || EscuYaml.Scalar(root, "search") is not { } original)
        {
            return RoundTripResult.Differs("the source has no search");
        }

        var emitted = SplEmitter.Emit(rule);
        if (emitted.HasErrors)
        {
            return RoundTripResult.Differs([.. emitted.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code}: {d.Message}")]);
        }

        var before = SplNormalizer.Normalize(original);
        var after = SplNormalizer.Normalize(emitted.Spl);
        if (before.SequenceEqual(after, StringComparer.Ordinal))
        {
            return RoundTripResult.Equal;
        }

        var differences = before.Except(after, StringComparer.Ordinal).Select(l => "ESCU only: " + l)
            .Concat(after.Except(before, StringComparer.Ordinal).Select(l => "emitted only: " + l)).ToList();
        return RoundTripResult.Differs(differences.Count == 0 ? ["the same commands in another order"] : [.. differences]);
    }
}
