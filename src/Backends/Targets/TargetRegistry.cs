using RuleCompiler.Backends.CSharp;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Sentinel;

namespace RuleCompiler.Backends.Targets;

/// <summary>Every target <c>rulec build</c> knows, in the order they are built when none is named.</summary>
public static class TargetRegistry
{
    public static IReadOnlyList<ITarget> All { get; } = [new CSharpTarget(), new SplunkTarget(), new SentinelTarget()];

    public static IEnumerable<string> Names => All.Select(t => t.Name);

    public static ITarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
