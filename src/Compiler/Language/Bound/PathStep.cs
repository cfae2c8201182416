using System.Collections.Immutable;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Bound;

/// <summary>One step of a path inside a dynamic value: a member name or an array index (negative counts from the end).</summary>
public abstract record PathStep
{
    public static ImmutableArray<PathStep> From(IEnumerable<PathSegment> segments) =>
        [.. segments.Select(s => s switch
        {
            IndexSegment index => (PathStep)new IndexStep(index.Index),
            MemberSegment member => new MemberStep(member.Name),
            EachSegment => new EachStep(),
            _ => throw new ArgumentException($"unknown path segment {s.GetType().Name}", nameof(segments)),
        })];
}

public sealed record MemberStep(string Name) : PathStep;

public sealed record IndexStep(int Index) : PathStep;

/// <summary><c>[*]</c> after the first one in a <see cref="BoundEachPath"/>: every element of each value so far.</summary>
public sealed record EachStep : PathStep;
