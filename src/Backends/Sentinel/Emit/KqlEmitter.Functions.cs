using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Sentinel.Emit;

internal sealed partial class KqlEmitter
{
    /// <summary>Arguments KQL types as strings where the language takes any value: a dynamic one is passed as its text.</summary>
    private static readonly Dictionary<string, int[]> StringArguments = new(StringComparer.Ordinal)
    {
        ["tolower"] = [0], ["toupper"] = [0], ["strlen"] = [0], ["substring"] = [0], ["replace_string"] = [0],
        ["replace_regex"] = [0], ["trim"] = [1], ["indexof"] = [0], ["indexof_regex"] = [0], ["extract"] = [2],
        ["split"] = [0], ["base64_decode_tostring"] = [0], ["url_decode"] = [0], ["ipv4_is_in_range"] = [0, 1],
        ["ipv4_is_private"] = [0],
    };

    public KqlExpr VisitCall(BoundCall call)
    {
        var function = call.Canonical;
        var spelling = CapabilityTable.Spelling(_table.Function(function));
        var args = call.Arguments;
        var texts = args.Select(a => Expr(a).Text).ToList();
        switch (function.Name)
        {
            case "iif" or "case" or "coalesce":
                // Values that mix strings with dynamic values: KQL needs one type, so the dynamic ones are taken as
                // their text (tostring(null) is "", which is how the language's string operations read a null).
                var conditions = function.Name switch
                {
                    "iif" => new HashSet<int> { 0 },
                    "case" => Enumerable.Range(0, args.Length - 1).Where(i => i % 2 == 0).ToHashSet(),
                    _ => [],
                };
                var values = args.Where((_, i) => !conditions.Contains(i)).ToList();
                if (call.Type == ScalarType.String
                    || (values.Any(v => v.Type == ScalarType.String) && values.All(v => v.Type is ScalarType.String or ScalarType.Dynamic or ScalarType.Null)))
                {
                    texts = [.. args.Select((a, i) => !conditions.Contains(i) && a.Type is ScalarType.Dynamic or ScalarType.Null ? $"tostring({texts[i]})" : texts[i])];
                }

                break;
            case "isnull" or "isnotnull" when args[0].Type == ScalarType.String:
                // A missing string is "" in Sentinel, and isnull of a string is isempty (docs/semantics.md, decision 1).
                spelling = function.Name == "isnull" ? "isempty" : "isnotempty";
                break;
            case "not":
                return KqlExpr.Atomic(Not(args[0]));
        }

        if (StringArguments.TryGetValue(function.Name, out var positions))
        {
            foreach (var i in positions.Where(i => i < args.Length && args[i].Type is ScalarType.Dynamic or ScalarType.Null))
            {
                texts[i] = $"tostring({texts[i]})";
            }
        }

        return KqlExpr.Atomic($"{spelling}({string.Join(", ", texts)})");
    }
}
