using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Model;

/// <summary>Alert title and description templates with <c>{{column}}</c> placeholders, and custom details.</summary>
public sealed record AlertTemplate(Located<string>? Title, Located<string>? Description, ImmutableArray<CustomDetail> CustomDetails, SourceSpan Span);

/// <summary>A custom detail: the name shown on the alert and the output column it shows.</summary>
public sealed record CustomDetail(Located<string> Name, Located<string> Column);
