using System.Text;
using RuleCompiler.Compiler.Language.Binding;

namespace RuleCompiler.Compiler.Language.Functions;

/// <summary>Renders the catalogue as the Markdown tables of docs/language.md, so the reference cannot drift from the binder.</summary>
public static class FunctionReference
{
    public static string SignatureText(FunctionSignature function)
    {
        var shown = Math.Min(Math.Max(function.MinArity, function.Parameters.Length), function.MaxArity);
        var parts = new List<string>();
        for (var i = 0; i < shown; i++)
        {
            var type = function.ParameterType(i, shown).DisplayName();
            parts.Add(i < function.MinArity ? type : $"[{type}]");
        }
        if (function.MaxArity > shown) parts.Add("...");
        var returns = function.Return switch
        {
            ReturnRule.Fixed => function.ReturnType.DisplayName(),
            ReturnRule.FirstArgument => "type of argument 1",
            _ => "common type of the values",
        };
        return $"{function.Name}({string.Join(", ", parts)}) → {returns}";
    }

    public static string Table(FunctionKind kind)
    {
        var builder = new StringBuilder();
        builder.Append("| function | signature | meaning | example |\n|---|---|---|---|\n");
        foreach (var function in FunctionCatalogue.All.Where(f => f.Kind == kind))
        {
            builder.Append("| `").Append(function.Name).Append("` | `").Append(Escape(SignatureText(function))).Append("` | ")
                .Append(Escape(function.Description)).Append(" | `").Append(function.Example.Replace("|", "\\|")).Append("` |\n");
        }
        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|");
}
