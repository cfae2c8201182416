using System.Globalization;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter
{
    public Code VisitCall(BoundCall call)
    {
        if (_aggregateSlots is not null && _aggregateSlots.TryGetValue(call, out var slot))
        {
            // Inside a summarize's result: the aggregate's value is a hidden column of the grouped row.
            return new($"row.Get({FieldPathField(slot, [])})", CsType.Value);
        }

        var args = call.Arguments;
        var function = call.Canonical;
        switch (function.Name)
        {
            case "iif":
                return new($"({Expr(args[0]).AsBool} ? {Expr(args[1]).AsValue} : {Expr(args[2]).AsValue})", CsType.Value);
            case "case":
                // case(p1, v1, p2, v2, ..., otherwise): a chain of conditionals, first true predicate wins.
                var text = Expr(args[^1]).AsValue;
                for (var i = args.Length - 3; i >= 0; i -= 2)
                {
                    text = $"({Expr(args[i]).AsBool} ? {Expr(args[i + 1]).AsValue} : {text})";
                }

                return new(text, CsType.Value);
            case "not":
                return new($"!({Expr(args[0]).AsBool})", CsType.Bool);
            case "trim":
                // The pattern anchored at each end, compiled once like any other regex.
                var pattern = ((BoundRegex)args[0]).Pattern;
                return new($"{Spelling(_table.Function(function))}({RegexField($"^(?:{pattern})+")}, {RegexField($"(?:{pattern})+$")}, {Expr(args[1]).AsArgument})", CsType.Value);
            case "pack_array":
                return new($"Value.Array([{string.Join(", ", args.Select(a => Expr(a).AsValue))}])", CsType.Value);
        }

        var returnsBool = CSharpCapabilities.Predicates.Contains(function.Name);
        var arguments = string.Join(", ", args.Select(a => a is BoundRegex regex ? RegexField(regex.Pattern) : Expr(a).AsArgument));
        return new($"{Spelling(_table.Function(function))}({arguments})", returnsBool ? CsType.Bool : CsType.Value);
    }

    /// <summary>A static compiled regex; the pattern was checked by the binder, and a pattern is compiled once per rule.</summary>
    private string RegexField(string pattern) => StaticField(
        "System.Text.RegularExpressions.Regex",
        "Regex" + (_fields.Count(f => f.Contains(" Regex", StringComparison.Ordinal)) + 1).ToString(CultureInfo.InvariantCulture),
        $"Ops.Regex({CSharpLiteral.String(pattern)})");

    /// <summary>One aggregate call as a runtime Aggregate producing the column <paramref name="name"/>.</summary>
    private string Aggregate(BoundCall call, string name)
    {
        var args = call.Arguments;
        var column = CSharpLiteral.String(name);
        string Lambda(BoundExpression e) => $"row => {Expr(e).AsValue}";
        var method = Spelling(_table.Function(call.Canonical));
        return call.Canonical.Name switch
        {
            "count" => $"{method}({column})",
            "countif" => $"{method}({column}, row => {Expr(args[0]).AsBool})",
            // dcount's accuracy argument does not apply: the count is exact.
            "dcount" => $"{method}({column}, {Lambda(args[0])})",
            "sumif" => $"{method}({column}, {Lambda(args[0])}, row => {Expr(args[1]).AsBool})",
            // The size limit is a whole-number literal (CSharpTarget checks it before emitting).
            "make_set" or "make_list" when args.Length == 2 => $"{method}({column}, {Lambda(args[0])}, {Expr(args[1]).Text})",
            _ => $"{method}({column}, {Lambda(args[0])})",
        };
    }

    /// <summary>arg_max/arg_min: the chosen row's value and each carried column, exactly the binder's columns.</summary>
    private string ArgExtreme(BoundArgExtreme extreme)
    {
        var carried = extreme.Carried.Select(c => $"RowMaps.Key({CSharpLiteral.String(c.Column.Name)}, row => {Expr(c.Value).AsValue})");
        var method = extreme.Max ? "Aggregate.ArgMax" : "Aggregate.ArgMin";
        return $"{method}({CSharpLiteral.String(extreme.By.Column.Name)}, row => {Expr(extreme.By.Value).AsValue}, [{string.Join(", ", carried)}])";
    }
}
