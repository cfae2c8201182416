using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Spl;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// One command of an SPL pipeline: its lower-cased name, the token that names it (or the first token of an
/// implicit leading <c>search</c>) and its argument tokens, each with its position in the SPL text.
/// </summary>
public sealed record SplCommand(string Name, SplToken Head, ImmutableArray<SplToken> Arguments);

/// <summary>An SPL pipeline split into commands, and what could not be read.</summary>
public sealed record SplPipeline(ImmutableArray<SplCommand> Commands, ImmutableArray<SplProblem> Problems);

/// <summary>
/// Splits the project's SPL tokens (<see cref="SplTokenizer"/>) into commands at the pipes that are not inside a
/// subsearch. A search that does not start with a pipe begins with an implicit <c>search</c> command.
/// </summary>
public static class SplCommandParser
{
    public static SplPipeline Parse(string spl)
    {
        var tokens = SplTokenizer.Tokenize(spl);
        return new SplPipeline(Commands(tokens.Tokens), tokens.Problems);
    }

    /// <summary>The commands of a run of tokens, such as a subsearch's (the tokens between its brackets).</summary>
    public static ImmutableArray<SplCommand> Commands(IEnumerable<SplToken> tokens)
    {
        var commands = ImmutableArray.CreateBuilder<SplCommand>();
        var current = new List<SplToken>();
        var depth = 0;
        var afterPipe = false;
        foreach (var token in tokens)
        {
            if (token.Kind == SplTokenKind.Pipe && depth == 0)
            {
                Flush(current, commands, afterPipe);
                current = [];
                afterPipe = true;
                continue;
            }

            depth += token.Kind switch { SplTokenKind.OpenBracket => 1, SplTokenKind.CloseBracket => -1, _ => 0 };
            current.Add(token);
        }

        Flush(current, commands, afterPipe);
        return commands.ToImmutable();
    }

    /// <summary>The name of a command that is a macro call after a pipe (<c>| `security_content_ctime(firstTime)`</c>).</summary>
    public const string MacroCommand = "`macro`";

    private static void Flush(List<SplToken> tokens, ImmutableArray<SplCommand>.Builder commands, bool afterPipe)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        // The first command of a search is a search unless it names a generating command after a leading pipe.
        if (tokens[0].Kind == SplTokenKind.Command)
        {
            commands.Add(new SplCommand(tokens[0].Value.ToLowerInvariant(), tokens[0], [.. tokens.Skip(1)]));
        }
        else if (afterPipe && tokens[0].Kind == SplTokenKind.Macro)
        {
            commands.Add(new SplCommand(MacroCommand, tokens[0], [.. tokens.Skip(1)]));
        }
        else
        {
            commands.Add(new SplCommand("search", tokens[0], [.. tokens]));
        }
    }
}
