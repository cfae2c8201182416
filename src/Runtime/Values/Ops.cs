using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Values;

/// <summary>
/// The operators of the rule language with the semantics of language-contract.md. Generated code calls these;
/// nothing here knows about rules.
/// </summary>
public static partial class Ops
{
    private const StringComparison Cs = StringComparison.Ordinal;
    private const StringComparison Ci = StringComparison.OrdinalIgnoreCase;

    // Equality ---------------------------------------------------------------------------------------------

    /// <summary><c>==</c>: numbers numerically, bools as bools, datetimes and timespans by value, everything else by text (null is "").</summary>
    public static bool Equal(Value left, Value right) =>
        IsElements(ref left) ? AnyElement(left, right, static (l, r) => EqualScalar(l, r, Cs)) : EqualScalar(left, right, Cs);

    /// <summary><c>=~</c>: as <see cref="Equal"/> but text compares ordinal ignore-case.</summary>
    public static bool EqualCi(Value left, Value right) =>
        IsElements(ref left) ? AnyElement(left, right, static (l, r) => EqualScalar(l, r, Ci)) : EqualScalar(left, right, Ci);

    /// <summary>
    /// True when the left operand is a non-empty array (any-element semantics apply). An empty array behaves like
    /// null (language.md), so it is replaced by null here.
    /// </summary>
    private static bool IsElements(ref Value left)
    {
        if (!left.IsArray)
        {
            return false;
        }

        if (left.ArrayLength == 0)
        {
            left = Value.Null;
            return false;
        }

        return true;
    }

    public static bool NotEqual(Value left, Value right) => !Equal(left, right);

    /// <summary>
    /// <c>==</c> of two typed values (numbers, bools, datetimes, timespans): false when either is null. Only a text reads
    /// null as "" (language.md); a missing number is no number, and KQL and SPL find two of them unequal too.
    /// </summary>
    public static bool EqualTyped(Value left, Value right) => !left.IsNull && !right.IsNull && Equal(left, right);

    /// <summary>
    /// <c>field == "literal"</c> on an event row without allocating: a JSON string compares its UTF-8 bytes in place.
    /// Exactly <see cref="Equal"/>'s answer; anything but a plain JSON string takes the general path.
    /// </summary>
    public static bool FieldEquals(Row row, FieldPath path, string literal)
    {
        if (row.TryGetEventJson(path, out var element) && element.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            try
            {
                return element.ValueEquals(literal);
            }
            catch (ArgumentException)
            {
                // A literal that is not valid UTF-16 (a lone surrogate) has no UTF-8 form: compare as strings.
            }
        }

        return Equal(row.Get(path), literal);
    }

    public static bool NotEqualCi(Value left, Value right) => !EqualCi(left, right);

    private static bool EqualScalar(Value l, Value r, StringComparison comparison)
    {
        if (l.IsNumber && r.IsNumber)
        {
            return l.Kind == ValueKind.Long && r.Kind == ValueKind.Long ? l.AsLong == r.AsLong : l.AsReal == r.AsReal;
        }

        if (l.Kind == r.Kind && l.Kind is ValueKind.Bool or ValueKind.DateTime or ValueKind.TimeSpan)
        {
            return l.AsLong == r.AsLong;
        }

        if (TryConvertText(ref l, ref r) is { } converted)
        {
            return converted && EqualScalar(l, r, comparison);
        }

        // Strings (null is ""), and arrays and objects by their JSON text.
        return string.Equals(l.ToText(), r.ToText(), comparison);
    }

    /// <summary>
    /// A string meeting a number, bool, datetime or timespan is converted to that kind (docs/semantics.md decision 2:
    /// the same for <c>==</c>, <c>&lt;</c> and <c>between</c>). Null when no conversion applies, false when the text
    /// does not convert (the operands are then neither equal nor ordered), true when both now have one kind.
    /// </summary>
    private static bool? TryConvertText(ref Value l, ref Value r)
    {
        if (l.Kind == ValueKind.String && IsTypedScalar(r))
        {
            l = ConvertTo(l, r.Kind);
            return !l.IsNull;
        }

        if (r.Kind == ValueKind.String && IsTypedScalar(l))
        {
            r = ConvertTo(r, l.Kind);
            return !r.IsNull;
        }

        return null;
    }

    private static bool IsTypedScalar(Value v) => v.IsNumber || v.Kind is ValueKind.Bool or ValueKind.DateTime or ValueKind.TimeSpan;

    private static Value ConvertTo(Value text, ValueKind kind) => kind switch
    {
        ValueKind.Long or ValueKind.Real => Conversions.ToReal(text),
        ValueKind.Bool => Conversions.ToBool(text),
        ValueKind.DateTime => Conversions.ToDateTime(text),
        _ => Conversions.ToTimeSpan(text),
    };

    // Ordering ---------------------------------------------------------------------------------------------

    public static bool Less(Value left, Value right) => Ordered(left, right, static c => c < 0);

    public static bool LessOrEqual(Value left, Value right) => Ordered(left, right, static c => c <= 0);

    public static bool Greater(Value left, Value right) => Ordered(left, right, static c => c > 0);

    public static bool GreaterOrEqual(Value left, Value right) => Ordered(left, right, static c => c >= 0);

    private static bool Ordered(Value left, Value right, Func<int, bool> test)
    {
        if (IsElements(ref left))
        {
            foreach (var item in left.Elements())
            {
                if (TryCompare(item, right, out var c) && test(c))
                {
                    return true;
                }
            }

            return false;
        }

        return TryCompare(left, right, out var cmp) && test(cmp);
    }

    /// <summary>
    /// Compares two values that have an order (numbers, datetimes, timespans, bools, strings ordinally; a string
    /// against another kind converted as <see cref="TryConvertText"/>); false when either is null or they are not
    /// comparable.
    /// </summary>
    public static bool TryCompare(Value l, Value r, out int comparison)
    {
        comparison = 0;
        if (l.IsNull || r.IsNull)
        {
            return false;
        }

        if (l.IsNumber && r.IsNumber)
        {
            comparison = l.Kind == ValueKind.Long && r.Kind == ValueKind.Long ? l.AsLong.CompareTo(r.AsLong) : l.AsReal.CompareTo(r.AsReal);
            return true;
        }

        if (l.Kind == r.Kind && l.Kind is ValueKind.DateTime or ValueKind.TimeSpan or ValueKind.Bool)
        {
            comparison = l.AsLong.CompareTo(r.AsLong);
            return true;
        }

        if (l.Kind == ValueKind.String && r.Kind == ValueKind.String)
        {
            comparison = string.CompareOrdinal(l.AsString, r.AsString);
            return true;
        }

        return TryConvertText(ref l, ref r) == true && TryCompare(l, r, out comparison);
    }

    // String operators (null is the empty string; a left array matches when any element does) ---------------

    public static bool Contains(Value left, Value right) => Text(left, right, static (l, r) => l.Contains(r, Ci));

    public static bool ContainsCs(Value left, Value right) => Text(left, right, static (l, r) => l.Contains(r, Cs));

    public static bool StartsWith(Value left, Value right) => Text(left, right, static (l, r) => l.StartsWith(r, Ci));

    public static bool StartsWithCs(Value left, Value right) => Text(left, right, static (l, r) => l.StartsWith(r, Cs));

    public static bool EndsWith(Value left, Value right) => Text(left, right, static (l, r) => l.EndsWith(r, Ci));

    public static bool EndsWithCs(Value left, Value right) => Text(left, right, static (l, r) => l.EndsWith(r, Cs));

    public static bool Has(Value left, Value right) => Text(left, right, static (l, r) => Terms.Has(l, r, Ci));

    public static bool HasCs(Value left, Value right) => Text(left, right, static (l, r) => Terms.Has(l, r, Cs));

    /// <summary><c>matches regex</c>: unanchored search in the value's text.</summary>
    public static bool Matches(Value left, Regex regex)
    {
        if (IsElements(ref left))
        {
            foreach (var item in left.Elements())
            {
                if (regex.IsMatch(item.ToText()))
                {
                    return true;
                }
            }

            return false;
        }

        return regex.IsMatch(left.ToText());
    }

    private static bool Text(Value left, Value right, Func<string, string, bool> test)
    {
        var needle = right.ToText();
        if (IsElements(ref left))
        {
            foreach (var item in left.Elements())
            {
                if (test(item.ToText(), needle))
                {
                    return true;
                }
            }

            return false;
        }

        return test(left.ToText(), needle);
    }

    private static bool AnyElement(Value array, Value right, Func<Value, Value, bool> test)
    {
        foreach (var item in array.Elements())
        {
            if (test(item, right))
            {
                return true;
            }
        }

        return false;
    }

    // Membership and ranges ---------------------------------------------------------------------------------

    /// <summary><c>in</c> / <c>in~</c> (the set knows its case rule); a left array is in when any element is.</summary>
    public static bool In(Value value, ValueSet set)
    {
        if (IsElements(ref value))
        {
            foreach (var item in value.Elements())
            {
                if (set.Contains(item))
                {
                    return true;
                }
            }

            return false;
        }

        return set.Contains(value);
    }

    /// <summary><c>between (low .. high)</c>, both ends inclusive; false for null or incomparable values.</summary>
    public static bool Between(Value value, Value low, Value high)
    {
        if (IsElements(ref value))
        {
            foreach (var item in value.Elements())
            {
                if (BetweenScalar(item, low, high))
                {
                    return true;
                }
            }

            return false;
        }

        return BetweenScalar(value, low, high);
    }

    private static bool BetweenScalar(Value v, Value low, Value high) =>
        TryCompare(v, low, out var lo) && lo >= 0 && TryCompare(v, high, out var hi) && hi <= 0;

    // Logic -------------------------------------------------------------------------------------------------

    /// <summary>The truth of a value used as a predicate: only the bool true (and the text "true") is true.</summary>
    public static bool IsTrue(Value v) => v.Kind switch
    {
        ValueKind.Bool => v.AsBool,
        ValueKind.String => string.Equals(v.AsString, "true", Ci),
        ValueKind.Long => v.AsLong != 0,
        _ => false,
    };

    // Regular expressions -----------------------------------------------------------------------------------

    private static readonly ConcurrentDictionary<string, Regex> RegexCache = new(StringComparer.Ordinal);

    /// <summary>
    /// A cached regex for a rule's pattern. NonBacktracking keeps matching linear in the input (the RE2 promise the
    /// language makes), and the match timeout bounds what is left (a pattern whose automaton keeps growing on a
    /// long input): the match stops and the rule's failure on that event is reported. The pattern is the portable
    /// dialect, rewritten to .NET's syntax with RE2's meaning (<see cref="PortableRegex"/>).
    /// </summary>
    public static Regex Regex(string pattern) =>
        RegexCache.GetOrAdd(pattern, static p => new Regex(PortableRegex.ToDotNet(p), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Limits.RegexMatchTimeout));
}
