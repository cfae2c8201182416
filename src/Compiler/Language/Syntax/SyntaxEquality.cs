using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;

namespace RuleCompiler.Compiler.Language.Syntax;

/// <summary>
/// Structural equality of syntax trees, ignoring where nodes were written: spans, and whether a member segment was
/// written quoted (<c>["a"]</c> and <c>a</c> name the same member). Used by round-trip tests and by tools that compare
/// queries. It reads the record properties by reflection, so a node added to the AST is compared without changes here.
/// </summary>
public static class SyntaxEquality
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static bool Equals(SyntaxNode? left, SyntaxNode? right) => NodesEqual(left, right);

    /// <summary>The first difference between two trees as a property path (for test failure messages), or null when equal.</summary>
    public static string? FindDifference(SyntaxNode? left, SyntaxNode? right) => Difference(left, right, "");

    private static bool NodesEqual(object? left, object? right) => Difference(left, right, "") is null;

    private static string? Difference(object? left, object? right, string path)
    {
        if (left is null || right is null)
        {
            return left is null && right is null ? null : $"{path}: {Show(left)} vs {Show(right)}";
        }

        if (left.GetType() != right.GetType())
        {
            return $"{path}: {left.GetType().Name} vs {right.GetType().Name}";
        }

        if (left is SyntaxNode)
        {
            foreach (var property in ComparedProperties(left.GetType()))
            {
                var difference = Difference(property.GetValue(left), property.GetValue(right), $"{path}.{property.Name}");
                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        if (left is IEnumerable leftItems and not string && right is IEnumerable rightItems)
        {
            var a = Items(leftItems);
            var b = Items(rightItems);
            if (a.Count != b.Count)
            {
                return $"{path}: {a.Count} items vs {b.Count}";
            }

            for (var i = 0; i < a.Count; i++)
            {
                var difference = Difference(a[i], b[i], $"{path}[{i}]");
                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        return left.Equals(right) ? null : $"{path}: {Show(left)} vs {Show(right)}";
    }

    /// <summary>The items of a collection property; a default (uninitialised) ImmutableArray counts as empty.</summary>
    private static List<object?> Items(IEnumerable items) =>
        items.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && IsDefault(items)
            ? []
            : items.Cast<object?>().ToList();

    private static bool IsDefault(object immutableArray) =>
        (bool)immutableArray.GetType().GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(immutableArray)!;

    private static PropertyInfo[] ComparedProperties(Type type) => Properties.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name != nameof(SyntaxNode.Span) && !(t == typeof(MemberSegment) && p.Name == nameof(MemberSegment.Quoted)))
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray());

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{value} ({value.GetType().Name})",
    };
}
