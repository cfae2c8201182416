using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Cli;

/// <summary>
/// Finds the rule a command line names: by id, by name (ignoring case), or by its file (a path, or the file name
/// with or without <c>.yml</c>).
/// </summary>
public static class RuleSelector
{
    public static Rule? Find(IEnumerable<Rule> rules, string given, CliContext context)
    {
        var stem = Path.GetFileNameWithoutExtension(given);
        var path = context.Resolve(given);
        return rules.FirstOrDefault(r => string.Equals(r.Id.Value, given, StringComparison.OrdinalIgnoreCase))
            ?? rules.FirstOrDefault(r => string.Equals(r.Name.Value, given, StringComparison.OrdinalIgnoreCase))
            ?? rules.FirstOrDefault(r => string.Equals(Path.GetFullPath(r.Path), path, StringComparison.Ordinal))
            ?? rules.FirstOrDefault(r => string.Equals(Path.GetFileNameWithoutExtension(r.Path), stem, StringComparison.Ordinal));
    }

    /// <summary>"; did you mean 'X'?" over the rules' names and file names.</summary>
    public static string Hint(IEnumerable<Rule> rules, string given) =>
        DidYouMean.Hint(given, rules.SelectMany(r => new[] { r.Name.Value, Path.GetFileNameWithoutExtension(r.Path) }));
}
