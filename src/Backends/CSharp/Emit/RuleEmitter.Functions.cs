using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter
{
    /// <summary>A scalar function: the runtime method it calls, its arity (max -1 = any) and whether it returns bool.</summary>
    private sealed record FunctionSpec(string Method, int Min, int Max, bool ReturnsBool = false);

    private static readonly Dictionary<string, FunctionSpec> Functions = new(StringComparer.Ordinal)
    {
        ["strcat"] = new("Fn.Strcat", 1, -1),
        ["strcat_delim"] = new("Fn.StrcatDelim", 2, -1),
        ["tolower"] = new("Fn.ToLower", 1, 1),
        ["toupper"] = new("Fn.ToUpper", 1, 1),
        ["strlen"] = new("Fn.Strlen", 1, 1),
        ["substring"] = new("Fn.Substring", 2, 3),
        ["replace_string"] = new("Fn.ReplaceString", 3, 3),
        ["indexof"] = new("Fn.IndexOf", 2, 3),
        ["strcat_array"] = new("Fn.StrcatArray", 2, 2),
        ["base64_decode_tostring"] = new("Fn.Base64DecodeToString", 1, 1),
        ["url_decode"] = new("Fn.UrlDecode", 1, 1),
        ["format_datetime"] = new("Fn.FormatDatetime", 2, 2),
        ["datetime_diff"] = new("Fn.DatetimeDiff", 3, 3),
        ["bag_pack"] = new("Fn.BagPack", 2, -1),
        ["pack"] = new("Fn.BagPack", 2, -1),
        ["coalesce"] = new("Fn.Coalesce", 1, -1),
        ["split"] = new("Fn.Split", 2, 3),
        ["array_length"] = new("Fn.ArrayLength", 1, 1),
        ["set_has_element"] = new("Fn.SetHasElement", 2, 2, ReturnsBool: true),
        ["isempty"] = new("Fn.IsEmpty", 1, 1, ReturnsBool: true),
        ["isnotempty"] = new("Fn.IsNotEmpty", 1, 1, ReturnsBool: true),
        ["isnull"] = new("Fn.IsNull", 1, 1, ReturnsBool: true),
        ["isnotnull"] = new("Fn.IsNotNull", 1, 1, ReturnsBool: true),
        ["abs"] = new("Fn.Abs", 1, 1),
        ["round"] = new("Fn.Round", 1, 2),
        ["max_of"] = new("Fn.MaxOf", 1, -1),
        ["min_of"] = new("Fn.MinOf", 1, -1),
        ["now"] = new("Fn.Now", 0, 1),
        ["ago"] = new("Fn.Ago", 1, 1),
        ["hourofday"] = new("Fn.HourOfDay", 1, 1),
        ["dayofweek"] = new("Fn.DayOfWeek", 1, 1),
        ["dayofmonth"] = new("Fn.DayOfMonth", 1, 1),
        ["getmonth"] = new("Fn.GetMonth", 1, 1),
        ["getyear"] = new("Fn.GetYear", 1, 1),
        ["startofday"] = new("Fn.StartOfDay", 1, 1),
        ["bin"] = new("Fn.Bin", 2, 2),
        ["floor"] = new("Fn.Bin", 2, 2),
        ["ipv4_is_in_range"] = new("Fn.Ipv4IsInRange", 2, 2, ReturnsBool: true),
        ["ipv4_is_private"] = new("Fn.Ipv4IsPrivate", 1, 1, ReturnsBool: true),
        ["tostring"] = new("Conversions.ToStringValue", 1, 1),
        ["tolong"] = new("Conversions.ToLong", 1, 1),
        ["toint"] = new("Conversions.ToLong", 1, 1),
        ["todouble"] = new("Conversions.ToReal", 1, 1),
        ["toreal"] = new("Conversions.ToReal", 1, 1),
        ["tobool"] = new("Conversions.ToBool", 1, 1),
        ["toboolean"] = new("Conversions.ToBool", 1, 1),
        ["todatetime"] = new("Conversions.ToDateTime", 1, 1),
        ["totimespan"] = new("Conversions.ToTimeSpan", 1, 1),
        ["parse_json"] = new("Conversions.ParseJson", 1, 1),
        ["todynamic"] = new("Conversions.ParseJson", 1, 1),
    };

    /// <summary>Aggregate functions (summarize only) and their default output-name prefix.</summary>
    private static readonly HashSet<string> AggregateNames = new(StringComparer.Ordinal)
    {
        "count", "countif", "dcount", "min", "max", "sum", "sumif", "avg", "stdev", "variance", "make_set", "make_list", "arg_min",
        "arg_max", "take_any",
    };

    private Code Call(FunctionCallExpression call)
    {
        var args = call.Arguments;
        switch (call.Name)
        {
            case "iif" or "iff" when CheckArity(call, 3, 3):
                return new($"({Expr(args[0]).AsBool} ? {Expr(args[1]).AsValue} : {Expr(args[2]).AsValue})", CsType.Value);
            case "case" when args.Length >= 3 && args.Length % 2 == 1:
                // case(p1, v1, p2, v2, ..., otherwise): a chain of conditionals, first true predicate wins.
                var text = Expr(args[^1]).AsValue;
                for (var i = args.Length - 3; i >= 0; i -= 2)
                {
                    text = $"({Expr(args[i]).AsBool} ? {Expr(args[i + 1]).AsValue} : {text})";
                }

                return new(text, CsType.Value);
            case "case":
                Report(CSharpDiagnostics.WrongArgumentCount, "case() takes predicate/value pairs and a final value (an odd count of 3 or more)", call);
                return new("Value.Null", CsType.Value);
            case "not" when CheckArity(call, 1, 1):
                return new($"!({Expr(args[0]).AsBool})", CsType.Bool);
            case "extract" when CheckArity(call, 3, 3):
                return new($"Fn.Extract({RegexField(args[0])}, {Expr(args[1]).AsArgument}, {Expr(args[2]).AsArgument})", CsType.Value);
            case "replace_regex" when CheckArity(call, 3, 3):
                return new($"Fn.ReplaceRegex({Expr(args[0]).AsArgument}, {RegexField(args[1])}, {Expr(args[2]).AsArgument})", CsType.Value);
            case "indexof_regex" when CheckArity(call, 2, 2):
                return new($"Fn.IndexOfRegex({Expr(args[0]).AsArgument}, {RegexField(args[1])})", CsType.Value);
            case "trim" when CheckArity(call, 2, 2):
                // The pattern anchored at each end, checked and compiled once like any other regex.
                var atStart = RegexField(args[0], p => $"^(?:{p})+");
                var atEnd = RegexField(args[0], p => $"(?:{p})+$");
                return new($"Fn.Trim({atStart}, {atEnd}, {Expr(args[1]).AsArgument})", CsType.Value);
            case "pack_array" or "dynamic":
                return new($"Value.Array([{string.Join(", ", args.Select(a => Expr(a).AsValue))}])", CsType.Value);
            case "iif" or "iff" or "not" or "extract" or "replace_regex" or "indexof_regex" or "trim":
                return new("Value.Null", CsType.Value); // arity already reported
        }

        if (AggregateNames.Contains(call.Name))
        {
            Report(CSharpDiagnostics.AggregatePlacement, $"the aggregate {call.Name}() can only be used in summarize", call);
            return new("Value.Null", CsType.Value);
        }

        if (!Functions.TryGetValue(call.Name, out var spec))
        {
            Report(CSharpDiagnostics.UnknownFunction, $"unknown function '{call.Name}'", call);
            return new("Value.Null", CsType.Value);
        }

        if (!CheckArity(call, spec.Min, spec.Max))
        {
            return new("Value.Null", CsType.Value);
        }

        return new($"{spec.Method}({string.Join(", ", args.Select(a => Expr(a).AsArgument))})", spec.ReturnsBool ? CsType.Bool : CsType.Value);
    }

    private bool CheckArity(FunctionCallExpression call, int min, int max)
    {
        var count = call.Arguments.Length;
        if (count >= min && (max < 0 || count <= max))
        {
            return true;
        }

        var expected = max < 0 ? $"at least {min}" : min == max ? $"{min}" : $"{min} to {max}";
        Report(CSharpDiagnostics.WrongArgumentCount, $"{call.Name}() takes {expected} argument(s), not {count}", call);
        return false;
    }

    /// <summary>One aggregate of a summarize as a runtime Aggregate construction.</summary>
    private string Aggregate(Assignment assignment, int position)
    {
        if (assignment.Value is not FunctionCallExpression call || !AggregateNames.Contains(call.Name))
        {
            Report(CSharpDiagnostics.AggregatePlacement, "summarize takes aggregates (count(), min(x), ...) before 'by'", assignment);
            return "Aggregate.Count(\"_\")";
        }

        var args = call.Arguments;
        var argumentName = args.Length > 0 ? DefaultColumnNames.Of(args[0]) : null;
        string Name() => CSharpLiteral.String(assignment.Name ?? DefaultColumnNames.OfAggregate(call) ?? "Column" + position);
        string Lambda(Expression e) => $"row => {Expr(e).AsValue}";

        switch (call.Name)
        {
            case "count" when CheckArity(call, 0, 0):
                return $"Aggregate.Count({Name()})";
            case "countif" when CheckArity(call, 1, 1):
                return $"Aggregate.CountIf({Name()}, row => {Expr(args[0]).AsBool})";
            case "dcount" when CheckArity(call, 1, 2): // the accuracy argument does not apply: the count is exact
                return $"Aggregate.DCount({Name()}, {Lambda(args[0])})";
            case "sumif" when CheckArity(call, 2, 2):
                return $"Aggregate.SumIf({Name()}, {Lambda(args[0])}, row => {Expr(args[1]).AsBool})";
            case "make_set" or "make_list" when CheckArity(call, 1, 2):
                var limit = args.Length == 2 && args[1] is LiteralExpression { Kind: LiteralKind.Long } size ? ", " + Literal(size).Text : "";
                if (args.Length == 2 && limit.Length == 0)
                {
                    Report(CSharpDiagnostics.Unsupported, $"the size limit of {call.Name} must be a whole-number literal", args[1]);
                }

                return $"Aggregate.{(call.Name == "make_set" ? "MakeSet" : "MakeList")}({Name()}, {Lambda(args[0])}{limit})";
            case "min" or "max" or "sum" or "avg" or "stdev" or "variance" or "take_any" when CheckArity(call, 1, 1):
                var method = call.Name switch
                {
                    "min" => "Min",
                    "max" => "Max",
                    "sum" => "Sum",
                    "avg" => "Avg",
                    "stdev" => "StDev",
                    "variance" => "Variance",
                    _ => "TakeAny",
                };
                return $"Aggregate.{method}({Name()}, {Lambda(args[0])})";
            case "arg_min" or "arg_max" when CheckArity(call, 1, -1):
                // arg_max(x, *) keeps every column of the chosen row; arg_max(x, a, b) keeps the listed ones.
                var which = call.Name == "arg_min" ? "ArgMin" : "ArgMax";
                var valueName = CSharpLiteral.String(assignment.Name ?? argumentName ?? ("Column" + position));
                var star = args.Length == 1 || args.Skip(1).Any(IsStar);
                var columns = star
                    ? "null"
                    : "[" + string.Join(", ", args.Skip(1).Select((a, i) =>
                        $"RowMaps.Key({CSharpLiteral.String(DefaultColumnNames.Of(a) ?? "Column" + (i + 1))}, {Lambda(a)})")) + "]";
                return $"Aggregate.{which}({valueName}, {Lambda(args[0])}, {columns})";
            default:
                return "Aggregate.Count(\"_\")"; // arity already reported
        }
    }

    private static bool IsStar(Expression e) => e is WildcardExpression or FieldExpression { Path: [MemberSegment { Name: "*" }] };
}
