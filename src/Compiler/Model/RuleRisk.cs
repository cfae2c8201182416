using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>Splunk risk-based alerting: how bad (impact) and how sure (confidence), each 0..100.</summary>
public sealed record RuleRisk(Located<int> Impact, Located<int> Confidence, Located<string>? Message, SourceSpan Span)
{
    /// <summary>impact × confidence / 100, rounded down, as ESCU computes it (30 and 70 give 21).</summary>
    public int Score => Impact.Value * Confidence.Value / 100;

    /// <summary>The severity a rule without an explicit one gets: 80+ critical, 60+ high, 40+ medium, 20+ low.</summary>
    public Severity ImpliedSeverity => Score switch
    {
        >= 80 => Severity.Critical,
        >= 60 => Severity.High,
        >= 40 => Severity.Medium,
        >= 20 => Severity.Low,
        _ => Severity.Informational,
    };
}
