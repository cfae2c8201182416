using System.Text;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// An extend whose every column is <c>iif(F matches regex "re", extract("re", n, F), previous)</c> over one field F
/// and one pattern is what <c>rex field=F "re"</c> does with group n named after the column: rex sets each named
/// group's field where the pattern matches and leaves it as it was elsewhere. previous must be that: the column's
/// own earlier value, or null for a column the rows do not have (over raw events, where Splunk may hold a field of
/// that name the rule does not declare, an <c>eval name=null()</c> comes first). Any other extend is eval.
/// </summary>
public sealed partial class SplEmitter
{
    private sealed record RexColumn(string Name, int Group, bool New);

    /// <summary>The rex (and the evals that clear its new fields) for the extend, or null when it is not of that form.</summary>
    private List<string>? Rex(BoundExtend extend)
    {
        string? pattern = null;
        BoundFieldReference? subject = null;
        var columns = new List<RexColumn>();
        foreach (var assignment in extend.Columns)
        {
            if (assignment.Value is not BoundCall
                {
                    Canonical.Name: "iif",
                    Arguments: [BoundBinary { Operator: BinaryOperator.MatchesRegex, Left: var tested, Right: BoundRegex guard },
                        BoundCall { Canonical.Name: "extract", Arguments: [BoundRegex extracted, BoundLiteral { Value: long group }, var text] }, var otherwise],
                }
                || guard.Pattern != extracted.Pattern || (pattern ??= guard.Pattern) != guard.Pattern
                || FieldText(tested) is not { } field || FieldText(text) is not { } read || !SameField(field, read) || !SameField(subject ??= field, field))
            {
                return null;
            }

            var name = assignment.Column.Name;
            var isNew = otherwise is BoundLiteral { Value: null } && extend.Input.Find(name) is null;
            var keeps = FieldText(otherwise) is { Resolved.Remainder.IsEmpty: true } previous && Quietly(() => NameOf(previous)) == name;
            if (!(isNew || keeps) || !SplRexGroupName.IsValid(name) || group is < 1 or > 99 || columns.Any(c => c.Group == group || c.Name == name))
            {
                return null;
            }

            columns.Add(new RexColumn(name, (int)group, isNew));
        }

        if (subject is null || subject.Multivalued || Quietly(() => SplunkField(subject.Resolved, subject.Location)) is not { Index: null, Multivalued: false } splunk
            || SplLiteral.CommandFieldName(splunk.Name).Text is not { } spelled || spelled.StartsWith('"')
            // rex sets every field at once from F; an extend's later columns would read a new F.
            || columns.SkipLast(1).Any(c => c.Name == splunk.Name)
            || PcrePattern(pattern!, columns) is not { } pcre || SplLiteral.QuotedArgument(pcre).Text is not { } quoted)
        {
            return null;
        }

        var commands = new List<string>();
        var cleared = columns.Where(c => c.New && _rawEvent).Select(c => $"{c.Name}=null()").ToList();
        if (cleared.Count > 0)
        {
            commands.Add("eval " + string.Join(", ", cleared));
        }

        commands.Add($"rex field={spelled} {quoted}");
        return commands;
    }

    /// <summary>A field reference, or <c>tostring</c> of one (the text SPL fields hold anyway).</summary>
    private static BoundFieldReference? FieldText(BoundExpression expression) => expression switch
    {
        BoundFieldReference reference => reference,
        BoundCall { Canonical.Name: "tostring", Arguments: [BoundFieldReference reference] } => reference,
        _ => null,
    };

    private static bool SameField(BoundFieldReference a, BoundFieldReference b) =>
        a.Resolved.Kind == b.Resolved.Kind && a.Resolved.ColumnName == b.Resolved.ColumnName && a.Resolved.Remainder.SequenceEqual(b.Resolved.Remainder);

    /// <summary>
    /// The dialect's pattern as PCRE, with the columns' names on their groups: <c>\n?$</c> outside a capturing group
    /// (the importer's form of PCRE's <c>$</c>) is <c>\Z</c>, any other <c>$</c> is <c>\z</c> (the dialect's <c>$</c> is
    /// the very end; PCRE's also stands before a final newline). Null for a pattern with named groups (their numbers
    /// differ in .NET) or the m flag.
    /// </summary>
    private static string? PcrePattern(string pattern, List<RexColumn> columns)
    {
        if (pattern.Contains("(?<", StringComparison.Ordinal) && !pattern.Contains("(?<=", StringComparison.Ordinal) && !pattern.Contains("(?<!", StringComparison.Ordinal)
            || pattern.Contains("(?P", StringComparison.Ordinal) || pattern.Contains("(?'", StringComparison.Ordinal) || MultilineFlag().IsMatch(pattern))
        {
            return null;
        }

        var output = new StringBuilder(pattern.Length + 16 * columns.Count);
        var open = new Stack<bool>();
        var groups = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var endOfText = string.CompareOrdinal(pattern, i, @"\n?$", 0, 4) == 0;
                output.Append(endOfText ? (open.Contains(true) ? @"\n?\z" : @"\Z") : pattern.AsSpan(i, 2));
                i += endOfText ? 3 : 1;
            }
            else if (c == '[')
            {
                var end = ClassEnd(pattern, i);
                output.Append(pattern, i, end + 1 - i);
                i = end;
            }
            else if (c == '(')
            {
                var capturing = i + 1 >= pattern.Length || pattern[i + 1] != '?';
                open.Push(capturing);
                output.Append('(');
                groups += capturing ? 1 : 0;
                if (capturing && columns.FirstOrDefault(r => r.Group == groups) is { } column)
                {
                    output.Append("?<").Append(column.Name).Append('>');
                }
            }
            else
            {
                if (c == ')' && open.Count > 0)
                {
                    open.Pop();
                }

                output.Append(c == '$' ? @"\z" : c.ToString());
            }
        }

        return columns.All(c => c.Group <= groups) ? output.ToString() : null;
    }

    // The index of the ']' closing the class that starts at start ('[' ']' and '[^' ']' hold a literal ']').
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^') i++;
        if (i < pattern.Length && pattern[i] == ']') i++;
        for (; i < pattern.Length && pattern[i] != ']'; i++)
        {
            if (pattern[i] == '\\') i++;
        }

        return Math.Min(i, pattern.Length - 1);
    }

    [GeneratedRegex(@"\(\?[a-zA-Z-]*m[a-zA-Z-]*[:)]", RegexOptions.CultureInvariant)]
    private static partial Regex MultilineFlag();
}
