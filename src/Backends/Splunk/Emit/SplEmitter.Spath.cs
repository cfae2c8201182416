using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
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
}
