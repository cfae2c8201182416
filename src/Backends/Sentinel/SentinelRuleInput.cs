using System.Collections.Immutable;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel;

/// <summary>
/// What the Sentinel artifacts need of one rule: the rule, its data source, the KQL the emitter wrote for it, and the
/// names of the query's output columns (entity mappings, custom details and alert templates may only name these).
/// </summary>
public sealed record SentinelRuleInput(Rule Rule, DataSource DataSource, string Query, ImmutableArray<string> OutputColumns);
