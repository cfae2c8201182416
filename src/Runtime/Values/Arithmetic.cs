namespace RuleCompiler.Runtime.Values;

/// <summary>
/// <c>+ - * / %</c> and unary minus (docs/semantics.md decision 8). Null or mismatched kinds give null; long
/// arithmetic wraps; division by zero gives null for long and real; a datetime or timespan that leaves its range
/// (year 1..9999, ±10 675 199 days) gives null, never an exception.
/// </summary>
public static class Arithmetic
{
    public static Value Add(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong + r.AsLong)),
        (ValueKind.DateTime, ValueKind.TimeSpan) => DateTimeTicks(l.AsLong, r.AsLong),
        (ValueKind.TimeSpan, ValueKind.DateTime) => DateTimeTicks(r.AsLong, l.AsLong),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => TimeSpanTicks((decimal)l.AsLong + r.AsLong),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal + r.AsReal),
        _ => Value.Null,
    };

    public static Value Subtract(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong - r.AsLong)),
        (ValueKind.DateTime, ValueKind.TimeSpan) => r.AsLong == long.MinValue ? Value.Null : DateTimeTicks(l.AsLong, -r.AsLong),
        (ValueKind.DateTime, ValueKind.DateTime) => Value.TimeSpan(new TimeSpan(l.AsLong - r.AsLong)),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => TimeSpanTicks((decimal)l.AsLong - r.AsLong),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal - r.AsReal),
        _ => Value.Null,
    };

    public static Value Multiply(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => Value.Long(unchecked(l.AsLong * r.AsLong)),
        (ValueKind.TimeSpan, ValueKind.Long or ValueKind.Real) => TimeSpanTicks(l.AsLong * r.AsReal),
        (ValueKind.Long or ValueKind.Real, ValueKind.TimeSpan) => TimeSpanTicks(r.AsLong * l.AsReal),
        _ when l.IsNumber && r.IsNumber => Value.Real(l.AsReal * r.AsReal),
        _ => Value.Null,
    };

    public static Value Divide(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => r.AsLong == 0 || (l.AsLong == long.MinValue && r.AsLong == -1) ? Value.Null : Value.Long(l.AsLong / r.AsLong),
        (ValueKind.TimeSpan, ValueKind.TimeSpan) => r.AsLong == 0 ? Value.Null : Value.Real((double)l.AsLong / r.AsLong),
        (ValueKind.TimeSpan, ValueKind.Long or ValueKind.Real) => r.AsReal == 0 ? Value.Null : TimeSpanTicks(l.AsLong / r.AsReal),
        _ when l.IsNumber && r.IsNumber => r.AsReal == 0 ? Value.Null : Value.Real(l.AsReal / r.AsReal),
        _ => Value.Null,
    };

    /// <summary>KQL's modulo: the result lies in 0 .. abs(divisor) − 1 (<c>-7 % 3 == 2</c>, <c>7 % -3 == 1</c>).</summary>
    public static Value Modulo(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Long, ValueKind.Long) => r.AsLong switch
        {
            0 => Value.Null,
            -1 or 1 => Value.Long(0), // long.MinValue % -1 overflows in .NET; the answer is 0 for every dividend
            _ => Value.Long(NonNegative(l.AsLong % r.AsLong, r.AsLong)),
        },
        _ when l.IsNumber && r.IsNumber => r.AsReal == 0 ? Value.Null : Value.Real(NonNegative(l.AsReal % r.AsReal, r.AsReal)),
        _ => Value.Null,
    };

    private static long NonNegative(long remainder, long divisor) => remainder < 0 ? remainder + Math.Abs(divisor) : remainder;

    private static double NonNegative(double remainder, double divisor) => remainder < 0 ? remainder + Math.Abs(divisor) : remainder;

    public static Value Negate(Value v) => v.Kind switch
    {
        ValueKind.Long => Value.Long(unchecked(-v.AsLong)),
        ValueKind.Real => Value.Real(-v.AsReal),
        ValueKind.TimeSpan => v.AsLong == long.MinValue ? Value.Null : Value.TimeSpan(new TimeSpan(-v.AsLong)),
        _ => Value.Null,
    };

    /// <summary>A datetime of <paramref name="ticks"/> + <paramref name="delta"/>, or null outside year 1..9999.</summary>
    public static Value DateTimeTicks(long ticks, long delta)
    {
        var sum = (decimal)ticks + delta;
        return sum < DateTime.MinValue.Ticks || sum > DateTime.MaxValue.Ticks
            ? Value.Null
            : Value.DateTime(new DateTime((long)sum, DateTimeKind.Utc));
    }

    private static Value TimeSpanTicks(decimal ticks) =>
        ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks ? Value.Null : Value.TimeSpan(new TimeSpan((long)ticks));

    private static Value TimeSpanTicks(double ticks) =>
        double.IsNaN(ticks) || ticks < TimeSpan.MinValue.Ticks || ticks >= TimeSpan.MaxValue.Ticks ? Value.Null : Value.TimeSpan(new TimeSpan((long)ticks));
}
