using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Binding;

/// <summary>Names derived from field paths.</summary>
public static class FieldPaths
{
    /// <summary>The number of leading member segments (before the first index).</summary>
    public static int MemberPrefixLength(ImmutableArray<PathSegment> path)
    {
        var count = 0;
        while (count < path.Length && path[count] is MemberSegment) count++;
        return count;
    }

    /// <summary>The dotted name of the first <paramref name="count"/> member segments: <c>userIdentity.arn</c>.</summary>
    public static string DottedName(ImmutableArray<PathSegment> path, int count)
    {
        if (count == 1) return ((MemberSegment)path[0]).Name;
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) builder.Append('.');
            builder.Append(((MemberSegment)path[i]).Name);
        }
        return builder.ToString();
    }

    /// <summary>The path as written, for messages: <c>resources[0].ARN</c>.</summary>
    public static string Display(ImmutableArray<PathSegment> path)
    {
        var builder = new StringBuilder();
        foreach (var segment in path)
        {
            switch (segment)
            {
                case MemberSegment member:
                    if (builder.Length > 0) builder.Append('.');
                    builder.Append(member.Name);
                    break;
                case IndexSegment index:
                    builder.Append('[').Append(index.Index).Append(']');
                    break;
                case EachSegment:
                    builder.Append("[*]");
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The column name a bare field path gets in project, distinct and by: its dotted name. Null when the path
    /// holds an index (such a column must be named explicitly).
    /// </summary>
    public static string? ColumnName(FieldExpression field)
    {
        var members = MemberPrefixLength(field.Path);
        return members == field.Path.Length && members > 0 ? DottedName(field.Path, members) : null;
    }

    /// <summary>Where a segment's name starts: after the dot of <c>.name</c> (a quoted or index segment: its start).</summary>
    public static int NameStart(PathSegment segment) =>
        segment is MemberSegment { Quoted: false } member && segment.Span.Length >= member.Name.Length
            ? segment.Span.End - member.Name.Length
            : segment.Span.Start;
}
