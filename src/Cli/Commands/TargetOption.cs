using System.CommandLine;
using RuleCompiler.Backends.Targets;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>--target T</c>, repeatable, one of <see cref="TargetRegistry"/>'s names; every target when none is given.</summary>
public static class TargetOption
{
    public static Option<string[]> Create(string description)
    {
        var option = new Option<string[]>("--target") { Description = description, AllowMultipleArgumentsPerToken = false };
        option.AcceptOnlyFromAmong([.. TargetRegistry.Names]);
        return option;
    }

    public static IReadOnlyList<ITarget> Selected(ParseResult result, Option<string[]> option) =>
        result.GetValue(option) is { Length: > 0 } named
            ? [.. named.Distinct(StringComparer.Ordinal).Select(n => TargetRegistry.Find(n)!)]
            : TargetRegistry.All;
}
