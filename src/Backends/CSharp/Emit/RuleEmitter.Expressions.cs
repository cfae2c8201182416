using System.Globalization;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.CSharp.Emit;

internal sealed partial class RuleEmitter : IBoundExpressionVisitor<Code>, IBoundListVisitor<string>
{
    /// <summary>While a summarize's results are computed: the hidden column holding each aggregate call's value.</summary>
    private Dictionary<BoundCall, string>? _aggregateSlots;

    private Code Expr(BoundExpression expression) => expression.Accept(this);

    public Code VisitLiteral(BoundLiteral literal) => literal.Kind switch
    {
        LiteralKind.String => new(CSharpLiteral.String((string)literal.Value!), CsType.Literal),
        LiteralKind.Long => new(CSharpLiteral.Long(Convert.ToInt64(literal.Value, CultureInfo.InvariantCulture)), CsType.Literal),
        LiteralKind.Real => new(CSharpLiteral.Real(Convert.ToDouble(literal.Value, CultureInfo.InvariantCulture)), CsType.Literal),
        LiteralKind.Bool => new(CSharpLiteral.Bool((bool)literal.Value!), CsType.Literal),
        LiteralKind.Duration => new(CSharpLiteral.TimeSpan((TimeSpan)literal.Value!), CsType.Literal),
        LiteralKind.DateTime => new(CSharpLiteral.DateTime((DateTime)literal.Value!), CsType.Literal),
        _ => new("Value.Null", CsType.Value),
    };

    /// <summary>A resolved field: a let constant, _time, or a column (maybe dotted) and a path below it.</summary>
    public Code VisitField(BoundFieldReference field)
    {
        var resolved = field.Resolved;
        string Walk(string target) => resolved.Remainder.IsDefaultOrEmpty
            ? target
            : $"Paths.Walk({target}, {string.Join(", ", resolved.Remainder.Select(StepLiteral))})";

        return resolved switch
        {
            { Kind: ResolvedFieldKind.LetConstant } => new(Walk(LetPropertyName(resolved.ColumnName)), CsType.Value),
            { IsEventTime: true } => new(Walk("row.Time(Time)"), CsType.Value),
            { Remainder.IsEmpty: true, SourceField: { } declared } when DeclaredConversion(declared.Type) is { } convert =>
                new($"{convert}(row.Get({FieldPathField(resolved.ColumnName, resolved.Remainder)}))", CsType.Value),
            _ => new($"row.Get({FieldPathField(resolved.ColumnName, resolved.Remainder)})", CsType.Value),
        };
    }

    /// <summary>
    /// A source field is read as the type the data source declares (an ISO 8601 string declared datetime is a
    /// datetime, "false" declared bool is a bool), as the binder typed it and as the SIEMs' typed columns hold it.
    /// </summary>
    private static string? DeclaredConversion(Compiler.Model.FieldType type) => type switch
    {
        Compiler.Model.FieldType.DateTime => "Conversions.ToDateTime",
        Compiler.Model.FieldType.Bool => "Conversions.ToBool",
        Compiler.Model.FieldType.Long => "Conversions.ToLong",
        Compiler.Model.FieldType.Real => "Conversions.ToReal",
        Compiler.Model.FieldType.TimeSpan => "Conversions.ToTimeSpan",
        _ => null,
    };

    public Code VisitUnary(BoundUnary unary) => unary.Operator == UnaryOperator.Not
        ? new($"!({Expr(unary.Operand).AsBool})", CsType.Bool)
        : new($"{Spelling(_table.Operator(unary.Operator))}({Expr(unary.Operand).AsArgument})", CsType.Value);

    public Code VisitBetween(BoundBetween between) => new(
        $"{(between.Negated ? "!" : "")}{Spelling(_table.Between(false))}({Expr(between.Value).AsArgument}, {Expr(between.Low).AsArgument}, {Expr(between.High).AsArgument})",
        CsType.Bool);

    public Code VisitArray(BoundArray array) =>
        new($"Value.Array([{string.Join(", ", array.Items.Select(i => Expr(i).AsValue))}])", CsType.Value);

    public Code VisitPathAccess(BoundPathAccess access) =>
        new($"Paths.Walk({Expr(access.Target).AsValue}, {string.Join(", ", access.Path.Select(StepLiteral))})", CsType.Value);

    public Code VisitEachPath(BoundEachPath each) =>
        new($"Paths.Each({Expr(each.Source).AsValue}{string.Concat(each.Steps.Select(s => ", " + StepLiteral(s)))})", CsType.Value);

    public Code VisitRegex(BoundRegex regex) => new(RegexField(regex.Pattern), CsType.Value);

    public Code VisitError(BoundError error) =>
        throw new InvalidOperationException("a query with binding errors reached the C# backend");

    /// <summary>The static FieldPath for a column and the path below it, shared by every use in the rule.</summary>
    private string FieldPathField(string column, IReadOnlyList<PathStep> rest)
    {
        var steps = rest.Select(StepLiteral).ToList();
        var key = column + "\u0001" + string.Join(",", steps);
        if (_fieldNames.TryGetValue(key, out var name))
        {
            return name;
        }

        var parts = new[] { column }.Concat(rest.Select(s => s is IndexStep i ? i.Index.ToString(CultureInfo.InvariantCulture) : ((MemberStep)s).Name));
        name = NewName("F_" + CSharpLiteral.IdentifierPart(string.Join("_", parts)));
        _fieldNames.Add(key, name);
        var args = string.Concat(steps.Select(s => ", " + s));
        var constructor = column.Contains('.', StringComparison.Ordinal) ? "FieldPath.Dotted" : "new FieldPath";
        _fields.Add($"private static readonly FieldPath {name} = {constructor}({CSharpLiteral.String(column)}{args});");
        return name;
    }

    private static string StepLiteral(PathStep step) => step switch
    {
        IndexStep index => $"PathStep.At({index.Index.ToString(CultureInfo.InvariantCulture)})",
        MemberStep member => $"PathStep.Member({CSharpLiteral.String(member.Name)})",
        EachStep => "PathStep.Each",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    private static string PathLiteral(string dotted) =>
        dotted.Contains('.', StringComparison.Ordinal)
            ? $"FieldPath.Dotted({CSharpLiteral.String(dotted)})"
            : $"new FieldPath({CSharpLiteral.String(dotted)})";

    public Code VisitBinary(BoundBinary binary)
    {
        if (binary.Operator == BinaryOperator.MatchesRegex)
        {
            // A constant pattern is a compiled static field; one read from the data is a value, compiled per row (cached).
            var subject = Expr(binary.Left).AsArgument;
            var pattern = binary.Right is BoundRegex ? Expr(binary.Right).Text : Expr(binary.Right).AsArgument;
            return new($"{Spelling(_table.Operator(binary.Operator))}({subject}, {pattern})", CsType.Bool);
        }

        if (binary.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            return new($"({Expr(binary.Left).AsBool} {Spelling(_table.Operator(binary.Operator))} {Expr(binary.Right).AsBool})", CsType.Bool);
        }

        var negated = OperatorSpellings.Binary[binary.Operator].StartsWith('!');
        if (binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual
            && binary.Left is BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column, IsEventTime: false } column }
            && binary.Right is BoundLiteral { Kind: LiteralKind.String } literal)
        {
            // The hot case of leading filters (eventName == "PutImage"): compared in the event's bytes.
            var path = FieldPathField(column.ColumnName, column.Remainder);
            return new($"{(negated ? "!" : "")}Ops.FieldEquals(row, {path}, {VisitLiteral(literal).Text})", CsType.Bool);
        }

        var method = binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual && IsTyped(binary.Left.Type) && IsTyped(binary.Right.Type)
            ? "Ops.EqualTyped" // a null number, bool or time equals nothing (only a null text is "")
            : Spelling(_table.Operator(binary.Operator));
        var call = $"{method}({Expr(binary.Left).AsArgument}, {Expr(binary.Right).AsArgument})";
        if (binary.Type == ScalarType.Bool)
        {
            // A negated operator is exactly not(positive) (docs/semantics.md); its spelling names the positive method.
            return new((negated ? "!" : "") + call, CsType.Bool);
        }

        return new(call, CsType.Value);
    }

    private static bool IsTyped(ScalarType type) => type is ScalarType.Long or ScalarType.Real or ScalarType.Bool or ScalarType.DateTime or ScalarType.TimeSpan;

    /// <summary>The case rule of the <c>in</c> whose list is being emitted (lists are shared per case rule).</summary>
    private bool _listIgnoreCase;

    public Code VisitIn(BoundIn membership)
    {
        var value = Expr(membership.Value).AsArgument;
        _listIgnoreCase = membership.IgnoreCase;
        var set = membership.List.Accept(this);
        var method = Spelling(_table.Operator(membership.Operator));
        return new($"{(membership.Negated ? "!" : "")}{method}({value}, {set})", CsType.Bool);
    }

    public string VisitItems(BoundListItems items)
    {
        var ci = CSharpLiteral.Bool(_listIgnoreCase);
        var initializer = $"ValueSet.Of({ci}{string.Concat(items.Items.Select(i => ", " + Expr(i).AsValue))})";
        return items.Items.All(i => i is BoundLiteral) ? SetField("Set", initializer) : initializer;
    }

    public string VisitNamedList(BoundNamedList list) => SetField(
        "List_" + CSharpLiteral.IdentifierPart(list.List.Name),
        $"ValueSet.OfStrings({CSharpLiteral.Bool(_listIgnoreCase)}{string.Concat(list.List.Values.Select(v => ", " + CSharpLiteral.String(v)))})");

    public string VisitLetConstant(BoundLetConstantList list) =>
        SetField("SetOf_" + CSharpLiteral.IdentifierPart(list.Let.Name), $"ValueSet.Of({CSharpLiteral.Bool(_listIgnoreCase)}, {LetPropertyName(list.Let.Name)})");

    public string VisitPipeline(BoundPipelineList list) => $"{PipelineList(list.Let)}.Set(ignoreCase: {CSharpLiteral.Bool(_listIgnoreCase)})";

    /// <summary>A static field for a value built once (a set, a regex); the same initializer shares one field.</summary>
    private string SetField(string stem, string initializer) => StaticField("ValueSet", stem, initializer);

    private string StaticField(string type, string stem, string initializer)
    {
        var key = type + "\u0002" + initializer;
        if (_fieldNames.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var name = NewName(stem);
        _fieldNames.Add(key, name);
        _fields.Add($"private static readonly {type} {name} = {initializer};");
        return name;
    }

    private static string Spelling(Capability capability) => CapabilityTable.Spelling(capability);

    private static string LetPropertyName(string letName) => "Let_" + CSharpLiteral.IdentifierPart(letName);

    /// <summary>A let constant is a property, so <c>ago()</c> in it reads the clock when used, not when loaded.</summary>
    private string EmitLetConstant(BoundLetConstant let)
    {
        var name = LetPropertyName(let.Name);
        _usedNames.Add(name);
        return $"private static Value {name} => {Expr(let.Value).AsValue};";
    }
}
