using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>
/// A typed entity: a Sentinel entity type whose identifiers are read from output columns of the search, and
/// optionally its Splunk risk-based-alerting role.
/// </summary>
public sealed record EntityMapping(
    Located<string> Type,
    ImmutableArray<EntityIdentifier> Identifiers,
    EntityRole? Role,
    Located<string>? Field,
    string? ObjectType,
    int? Score,
    SourceSpan Span)
{
    /// <summary>The column Splunk RBA uses: the explicit <c>field</c>, else the first identifier's column.</summary>
    public Located<string>? RiskField => Field ?? (Identifiers.IsDefaultOrEmpty ? null : Identifiers[0].Column);
}

/// <summary><c>Identifier: Column</c>, e.g. <c>Name: AccountName</c>.</summary>
public sealed record EntityIdentifier(Located<string> Identifier, Located<string> Column);

public enum EntityRole
{
    RiskObject,
    ThreatObject,
}
