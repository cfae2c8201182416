using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Targets;

/// <summary>How a target handles one construct: its spelling there, or why it cannot say it faithfully.</summary>
public abstract record Capability
{
    public static Capability As(string spelling) => new Supported(spelling);

    public static Capability NotPortable(string code, string reason) => new Unsupported(code, reason, DiagnosticSeverity.Error);

    public static Capability Differs(string spelling, string code, string difference) => new Approximate(spelling, code, difference);
}

/// <summary>Expressed exactly; <see cref="Spelling"/> is the target's form (a runtime method, an SPL or KQL token).</summary>
public sealed record Supported(string Spelling) : Capability;

/// <summary>Cannot be expressed with the same meaning: the capability pass reports <see cref="Code"/> at the construct.</summary>
public sealed record Unsupported(string Code, string Reason, DiagnosticSeverity Severity) : Capability;

/// <summary>Expressed, but with a documented difference (a limit, a cap): reported as a warning at the construct.</summary>
public sealed record Approximate(string Spelling, string Code, string Difference) : Capability;
