using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// geo_info_from_ip_address answers from each target's own geo-IP database (Splunk's bundled MaxMind GeoLite2 City,
/// Microsoft's, the repository's rules/geoip/ for C#), so one address can give different places on different
/// targets. The rule is still the same rule, so this is a note, given once per rule at its first call.
/// </summary>
public static class GeoIpNote
{
    public const string Function = "geo_info_from_ip_address";

    public static IEnumerable<Diagnostic> Check(BoundQuery query)
    {
        if (FirstCall(query) is not { } call)
        {
            return [];
        }

        return [new Diagnostic(DiagnosticSeverity.Info, SemanticDiagnosticCodes.GeoDatabaseDiffers,
            $"{Function} reads each target's own geo-IP database (Splunk's iplocation database, Microsoft's for Sentinel, rules/geoip/ for C#): one address can give a different place, or none, on each target (docs/semantics.md)",
            call.Location)];
    }

    /// <summary>The rule's first call of geo_info_from_ip_address, in written order, or null.</summary>
    public static BoundCall? FirstCall(BoundQuery query)
    {
        var finder = new Finder();
        finder.Walk(query);
        return finder.Found;
    }

    private sealed class Finder : BoundTreeWalker
    {
        public BoundCall? Found { get; private set; }

        protected override void OnExpression(BoundExpression expression)
        {
            if (Found is null && expression is BoundCall { Canonical.Name: Function } call)
            {
                Found = call;
            }
        }
    }
}
