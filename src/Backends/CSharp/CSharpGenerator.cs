using System.Security.Cryptography;
using System.Text;
using RuleCompiler.Backends.CSharp.Emit;

namespace RuleCompiler.Backends.CSharp;

/// <summary>The C# backend's front door: bound rules in, one generated class per rule out.</summary>
public static class CSharpGenerator
{
    public static IReadOnlyList<GeneratedRule> Generate(IEnumerable<CSharpRuleSource> rules) =>
        [.. rules.Select(rule =>
        {
            var className = ClassName(rule.Info);
            var code = new RuleEmitter(rule, className).Emit();
            return new GeneratedRule(className, className + ".cs", code, rule.Info);
        })];

    /// <summary>
    /// <c>Rule_&lt;Name&gt;_&lt;hash of the id&gt;</c>: readable, stable when files move or are renamed, distinct for
    /// names that differ only in case (file systems that ignore case), and never one of the runtime's type names.
    /// </summary>
    public static string ClassName(Runtime.Rules.RuleInfo info)
    {
        var stem = CSharpLiteral.TypeName(info.Name);
        if (stem.Length > 64)
        {
            stem = stem[..64];
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(info.Id));
        return $"Rule_{stem}_{Convert.ToHexStringLower(hash)[..8]}";
    }
}
