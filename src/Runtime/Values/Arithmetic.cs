namespace RuleCompiler.Runtime.Values;

/// <summary><c>+ - * / %</c> and unary minus. Null or mismatched kinds give null; integer division by zero gives null.</summary>
public static class Arithmetic
{
    public static Value Add(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong + r.AsLong)),
        (ValueKind.DateTime, ValueKind.TimeSpan) => Value.DateTime(l.AsDateTime + r.AsTimeSpan),
        (ValueKind.TimeSpan, ValueKind.DateTime) => Value.DateTime(r.AsDateTime + l.AsTimeSpan),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => Value.TimeSpan(l.AsTimeSpan + r.AsTimeSpan),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal + r.AsReal),
        _ => Value.Null,
    };

    public static Value Subtract(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong - r.AsLong)),
        (ValueKind.DateTime, ValueKind.TimeSpan) => Value.DateTime(l.AsDateTime - r.AsTimeSpan),
        (ValueKind.DateTime, ValueKind.DateTime) => Value.TimeSpan(l.AsDateTime - r.AsDateTime),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => Value.TimeSpan(l.AsTimeSpan - r.AsTimeSpan),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal - r.AsReal),
        _ => Value.Null,
    };

    public static Value Multiply(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong * r.AsLong)),
        (ValueKind.TimeSpan, ValueKind.Long or ValueKind.Real) => Value.TimeSpan(l.AsTimeSpan * r.AsReal),
        (ValueKind.Long or ValueKind.Real, ValueKind.TimeSpan) => Value.TimeSpan(r.AsTimeSpan * l.AsReal),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal * r.AsReal),
        _ => Value.Null,
    };

    public static Value Divide(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => r.AsLong == 0 || (l.AsLong == long.MinValue && r.AsLong == -1) ? Value.Null : Value.Long(l.AsLong / r.AsLong),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => r.AsLong == 0 ? Value.Null : Value.Real((double)l.AsLong / r.AsLong),
        (ValueKind.TimeSpan, ValueKind.Long or ValueKind.Real) => r.AsReal == 0 ? Value.Null : Value.TimeSpan(l.AsTimeSpan / r.AsReal),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal / r.AsReal),
        _ => Value.Null,
    };

    public static Value Modulo(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => r.AsLong switch
        {
            0 => Value.Null,
            -1 => Value.Long(0), // long.MinValue % -1 overflows in .NET; the answer is 0 for every dividend
            _ => Value.Long(l.AsLong % r.AsLong),
        },
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal % r.AsReal),
        _ => Value.Null,
    };

    public static Value Negate(Value v) => v.Kind switch
    {
        ValueKind.Long => Value.Long(unchecked(-v.AsLong)),
        ValueKind.Real => Value.Real(-v.AsReal),
        ValueKind.TimeSpan => Value.TimeSpan(-v.AsTimeSpan),
        _ => Value.Null,
    };
}
