using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Backends.CSharp;

/// <summary>One rule as the C# backend needs it: what alerts say about it, its bound query, and its data source.</summary>
public sealed record CSharpRuleSource(RuleInfo Info, BoundQuery Query, DataSource DataSource);

/// <summary>The generated C# of one rule.</summary>
public sealed record GeneratedRule(string ClassName, string FileName, string Code, RuleInfo Info);
