using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// Members of JSON text: <c>parse_json(x).a.b</c> over a field x (or <c>tostring(x)</c>) is what Splunk's
/// <c>spath input=x path=a.b output=o</c> extracts; an <c>mv-expand</c> of such an array extracts <c>a.b{}</c> and
/// expands it. SPL computes no objects, so only these forms have an SPL spelling (others stay RC4007).
/// </summary>
public sealed partial class SplEmitter
{
    /// <summary>The spath command that sets <paramref name="output"/> to the value, or null when the value is not of that form.</summary>
    private string? Spath(BoundExpression value, string output, SourceSpan where, bool elements)
    {
        if (value is not BoundPathAccess { Target: BoundCall { Canonical.Name: "parse_json", Arguments: [var json] } } access
            || access.Path.IsEmpty || access.Path.Any(step => step is not MemberStep))
        {
            return null;
        }

        var input = json is BoundCall { Canonical.Name: "tostring", Arguments: [var text] } ? text : json;
        if (input is not BoundFieldReference reference || reference.Multivalued || NameOf(reference) is not { } name)
        {
            return null;
        }

        var path = string.Join(".", access.Path.Cast<MemberStep>().Select(m => m.Name)) + (elements ? "{}" : "");
        return $"spath input={CommandField(name, where)} path={Spelled(SplLiteral.CommandFieldName(path), where)} output={output}";
    }

    /// <summary>
    /// <c>extend x = a.b</c> of a path below an event's dynamic field that the stages after it (only where stages
    /// between) mv-expand: a.b is an array, which Splunk holds only as its leaves (<c>a.b{}.c</c>), so x is read as the
    /// elements' texts with <c>spath path=a.b{} output=x</c>, as <c>mv-expand x = a.b</c> is (a rename of a.b would
    /// name no field). Null for other assignments.
    /// </summary>
    private string? ExpandedArray(BoundAssignment assignment)
    {
        if (!_rawEvent || assignment.Value is not BoundFieldReference { Type: ScalarType.Dynamic, Resolved.Column.Origin: ColumnOrigin.SourceField } reference
            || !_stages.Skip(_stageIndex + 1).SkipWhile(s => s is BoundWhere).FirstOrDefault().IsExpansionOf(assignment.Column.Name)
            || Quietly(() => SplunkField(reference.Resolved, reference.Location)) is not { Index: null } field)
        {
            return null;
        }

        var path = field.Name.EndsWith("{}", StringComparison.Ordinal) ? field.Name : field.Name + "{}";
        return $"spath path={Spelled(SplLiteral.CommandFieldName(path), assignment.Location)} output={CommandField(assignment.Column.Name, assignment.Location)}";
    }
}

internal static class ExpansionStages
{
    /// <summary>Whether the stage is <c>mv-expand x</c> of the column itself.</summary>
    public static bool IsExpansionOf(this BoundStage? stage, string column) =>
        stage is BoundMvExpand { Array: BoundFieldReference { Resolved: { Remainder.IsEmpty: true } array } } expand
        && expand.Column.Name == column && array.ColumnName == column;
}
