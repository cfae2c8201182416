namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Splunk's JSON field names below arrays, <c>a{}.b</c> (every <c>b</c> of the elements of <c>a</c>, a multivalue
/// field of the scalar leaves), as canonical <c>[*]</c> paths: <c>a[*].b</c>, one <c>[*]</c> per <c>{}</c>. The two mean
/// the same list (docs/semantics.md §5.2) when the path starts at a dynamic field of the raw events; any other
/// name with <c>{}</c> (an index <c>{0}</c>, a computed column, after a stats) has no translation (RC5027).
/// </summary>
internal static class SplMemberPaths
{
    public static bool IsMemberPath(string name) => name.Contains("{}", StringComparison.Ordinal);

    /// <summary>The canonical <c>[*]</c> path of a Splunk array-member field name, or null when it has none.</summary>
    public static string? Canonical(string name, SplFieldScope scope)
    {
        var first = name.IndexOf("{}", StringComparison.Ordinal);
        if (first <= 0 || !scope.RawEvents || scope.IsColumn(name))
        {
            return null;
        }

        var head = name[..first];
        if (scope.IsColumn(head) || !scope.IsDynamicPath(head))
        {
            return null;
        }

        var path = new System.Text.StringBuilder(SplFieldScope.Path(head)).Append("[*]");
        var rest = name[(first + 2)..];
        while (rest.Length > 0)
        {
            if (rest.StartsWith("{}", StringComparison.Ordinal))
            {
                path.Append("[*]");
                rest = rest[2..];
                continue;
            }

            var end = rest.IndexOfAny(['{', '.'], 1);
            end = end < 0 ? rest.Length : end;
            var member = rest[..end];
            if (member is not ['.', _, ..] || member.Contains('}', StringComparison.Ordinal))
            {
                return null;
            }

            // A member as the canonical path syntax writes it after a dot (identifier or ["quoted"]).
            path.Append(SplFieldScope.Path("x" + member)[1..]);
            rest = rest[end..];
            if (rest.StartsWith('{') && !rest.StartsWith("{}", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return path.ToString();
    }
}
