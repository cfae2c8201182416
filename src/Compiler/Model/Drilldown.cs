using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Model;

/// <summary>A named follow-up search an analyst runs from an alert (ESCU drilldown_searches).</summary>
public sealed record Drilldown(string Name, ScalarSource Search, string? EarliestOffset, string? LatestOffset, SourceSpan Span);
