using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Conf;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// Passes every value the app's templates print through <see cref="ConfWriter"/> and turns what it refuses into a
/// diagnostic at the rule, so a template never sees unescaped text.
/// </summary>
internal sealed class ConfEscaper(ImmutableArray<Diagnostic>.Builder diagnostics)
{
    public string Value(string key, string raw, SourceSpan at) => Checked(ConfWriter.Value(raw), $"the value of '{key}'", at);

    /// <summary>Prose from a rule (description, how to implement): line breaks normalised, ends trimmed, then escaped.</summary>
    public string Prose(string key, string? raw, string absent, SourceSpan at) =>
        Value(key, raw is null ? absent : raw.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), at);

    public string Stanza(string raw, SourceSpan at) => Checked(ConfWriter.StanzaName(raw), "the stanza name", at);

    /// <summary>Reports a value the app cannot hold at all; returns the empty text the template then prints.</summary>
    public string Refuse(string message, SourceSpan at) => Refuse(SplunkDiagnostics.ConfValueNotWritable, message, at);

    /// <summary>Reports what the app cannot hold under its own code; the empty value stands in (nothing is written).</summary>
    public string Refuse(string code, string message, SourceSpan at)
    {
        diagnostics.Add(Diagnostic.Error(code, message, at));
        return "";
    }

    private string Checked(EscapedText text, string what, SourceSpan at)
    {
        if (text.Text is { } written)
        {
            return written;
        }

        return Refuse($"{what} cannot be written to a Splunk .conf file: {text.Reason}", at);
    }
}
