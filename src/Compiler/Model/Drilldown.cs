using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>A named follow-up search an analyst runs from an alert (ESCU drilldown_searches).</summary>
public sealed record Drilldown(string Name, QueryText Search, string? EarliestOffset, string? LatestOffset, SourceSpan Span);
