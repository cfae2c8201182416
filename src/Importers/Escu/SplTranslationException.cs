using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>A construct of one SPL command that has no canonical translation, at the token that shows it.</summary>
internal sealed class SplTranslationException(SplToken token, string code, string message) : Exception(message)
{
    public SplToken Token => token;

    public string Code => code;
}
