using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Backends.CSharp;

/// <summary>Turns a compiled rule (model and bound tree) into the C# backend's input.</summary>
public static class RuleSources
{
    /// <param name="compiled">The rule.</param>
    /// <param name="displayPath">The rule file's path as output shows it: relative to the repository, with '/'.</param>
    public static CSharpRuleSource From(Compiler.Compilation.CompiledRule compiled, string displayPath)
    {
        var rule = compiled.Rule;
        var info = new RuleInfo(
            rule.Id.Value,
            rule.Name.Value,
            rule.EffectiveSeverity.ToString().ToLowerInvariant(),
            rule.Risk?.Score,
            displayPath,
            rule.Entities.Select(e => new EntityInfo(
                e.Type.Value,
                e.Identifiers.Select(i => new KeyValuePair<string, string>(i.Identifier.Value, i.Column.Value)).ToList())).ToList())
        {
            RiskMessage = rule.Risk?.Message?.Value,
            AlertTitle = rule.Alert?.Title?.Value,
            Attack = [.. rule.Attack.Select(a => a.Value)],
            EventFormat = compiled.DataSource.EventFormat switch
            {
                Compiler.Model.EventFormat.Ocsf => EventShape.Ocsf,
                Compiler.Model.EventFormat.GuardDuty => EventShape.GuardDuty,
                Compiler.Model.EventFormat.Asff => EventShape.Asff,
                Compiler.Model.EventFormat.K8sAudit => EventShape.K8sAudit,
                Compiler.Model.EventFormat.SplunkDatamodel => EventShape.DataModel(compiled.DataSource.Splunk.Dataset ?? ""),
                _ => EventShape.CloudTrail,
            },
        };
        return new CSharpRuleSource(info, compiled.Query, compiled.DataSource);
    }
}
