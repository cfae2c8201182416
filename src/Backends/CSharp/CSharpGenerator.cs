using RuleCompiler.Backends.CSharp.Emit;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.CSharp;

/// <summary>The C# backend's front door: rules in, one generated class per rule out (plus diagnostics).</summary>
public static class CSharpGenerator
{
    public static (IReadOnlyList<GeneratedRule> Rules, IReadOnlyList<Diagnostic> Diagnostics) Generate(
        IEnumerable<CSharpRuleSource> rules,
        CSharpEmitContext context)
    {
        var generated = new List<GeneratedRule>();
        var diagnostics = new List<Diagnostic>();
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var stem = CSharpLiteral.TypeName(rule.Info.Name);
            var className = stem;
            for (var n = 2; !classNames.Add(className); n++)
            {
                className = stem + n;
            }

            var ruleDiagnostics = new List<Diagnostic>();
            var code = new RuleEmitter(rule, context, className, ruleDiagnostics).Emit();
            diagnostics.AddRange(ruleDiagnostics);
            if (!ruleDiagnostics.Any(d => d.IsError))
            {
                generated.Add(new GeneratedRule(className, className + ".cs", code, rule.Info));
            }
        }

        return (generated, diagnostics);
    }
}
