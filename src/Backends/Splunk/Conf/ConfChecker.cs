using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// Checks a parsed .conf against a <see cref="ConfSpec"/>: every key must be one the spec allows in that stanza, and
/// every value of a declared type (boolean, integer, choices) must be of it.
/// </summary>
/// <remarks>
/// Which spec stanzas apply: those whose name equals the stanza's name; when none does, those whose
/// <c>&lt;placeholder&gt;</c> pattern matches it; when the spec has no placeholder stanza at all (default.meta.spec
/// only shows examples), every stanza of the spec. savedsearches.conf.spec allows
/// <c>action.&lt;action_name&gt;</c> and <c>action.&lt;action_name&gt;.&lt;parameter&gt;</c> for any name; this
/// checker only accepts them for alert actions that an alert_actions spec declares (<paramref name="alertActions"/>
/// of <see cref="Check"/>), with a parameter <c>P</c> or <c>param.P</c> that the action's stanza declares.
/// </remarks>
public static class ConfChecker
{
    private const string GenericAction = "action.<action_name>";

    public static ImmutableArray<Diagnostic> Check(ConfFile file, ConfSpec spec, ConfSpec? alertActions = null)
    {
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var hasPlaceholderStanzas = spec.Stanzas.Any(s => s.HasPlaceholder && s.Name != SpecStanza.AnyStanza);
        foreach (var stanza in file.Stanzas)
        {
            List<SpecStanza> applicable = hasPlaceholderStanzas ? [.. spec.Stanzas.Where(s => !s.HasPlaceholder && s.Name == stanza.Name)] : [.. spec.Stanzas];
            if (applicable.Count == 0)
            {
                applicable = [.. spec.Stanzas.Where(s => s.HasPlaceholder && s.Pattern.IsMatch(stanza.Name))];
            }

            foreach (var entry in stanza.Entries)
            {
                var span = SourceSpan.At(file.Path, entry.Line, entry.Column);
                var matching = applicable.SelectMany(s => s.Keys).Where(k => k.Pattern.IsMatch(entry.Key)).ToList();
                var declared = matching.Where(k => !k.Name.StartsWith(GenericAction, StringComparison.Ordinal)).ToList();
                if (declared.Count == 0 && matching.Count > 0)
                {
                    declared = DeclaredActionKeys(entry.Key, alertActions);
                }

                if (declared.Count == 0)
                {
                    problems.Add(Diagnostic.Error(SplunkDiagnostics.ConfUnknownKey, $"'{entry.Key}' is not a setting of [{stanza.Name}] in {spec.Source}", span));
                }
                else if (!declared.Any(k => k.Type.Accepts(entry.Value)))
                {
                    var valueSpan = SourceSpan.At(file.Path, entry.Line, entry.ValueColumn);
                    problems.Add(Diagnostic.Error(SplunkDiagnostics.ConfValueType, $"'{entry.Key} = {entry.Value}' is not {string.Join(" or ", declared.Select(k => k.Type).Distinct())}, as {spec.Source} declares", valueSpan));
                }
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>
    /// For <c>action.X</c>, <c>action.X.P</c> or <c>action.X.param.P</c>: the declaration of P in alert action X
    /// (for <c>action.X</c> itself, a boolean), or nothing when X or P is not declared.
    /// </summary>
    private static List<SpecKey> DeclaredActionKeys(string key, ConfSpec? alertActions)
    {
        var rest = key["action.".Length..];
        var dot = rest.IndexOf('.');
        var name = dot < 0 ? rest : rest[..dot];
        var action = alertActions?.Stanzas.Where(s => !s.HasPlaceholder && s.Name == name).ToList() ?? [];
        if (action.Count == 0)
        {
            return [];
        }

        if (dot < 0)
        {
            return [SpecKey.Create(key, SpecValueType.Parse("<boolean>"))];
        }

        var parameter = rest[(dot + 1)..];
        var bare = parameter.StartsWith("param.", StringComparison.Ordinal) ? parameter["param.".Length..] : parameter;
        return [.. action.SelectMany(s => s.Keys).Where(k => k.Pattern.IsMatch(parameter) || k.Pattern.IsMatch(bare))];
    }
}
