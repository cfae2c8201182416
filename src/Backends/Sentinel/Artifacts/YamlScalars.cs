using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// The one place a string becomes a YAML scalar in the Sentinel YAML. Text of several lines is a literal block (the
/// repository's style for query and description); a string a YAML 1.1 or 1.2 reader would take for something else
/// (true, no, ~, 0x1F, 1.0, an empty string) is double-quoted; anything else is left to YamlDotNet's emitter, which
/// quotes whatever plain style cannot hold.
/// </summary>
public static partial class YamlScalars
{
    public static Scalar String(string value)
    {
        if (value.Contains('\n') && CanBeLiteralBlock(value))
        {
            return new Scalar(null, null, value, ScalarStyle.Literal, false, true);
        }

        return LooksLikeAnotherType().IsMatch(value) || value.Length == 0
            ? new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true)
            : new Scalar(null, null, value, ScalarStyle.Any, true, true);
    }

    /// <summary>
    /// A literal block keeps every character as written except that it cannot start with a space (indentation would
    /// be ambiguous), hold carriage returns, tabs or other control characters, or have trailing spaces on a line.
    /// </summary>
    private static bool CanBeLiteralBlock(string value) =>
        !value.StartsWith(' ') && !value.Contains(" \n", StringComparison.Ordinal) && !value.EndsWith(' ')
        && value.All(c => c == '\n' || !char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u2028' or '\u2029' or '\uFEFF' or '\u0085'))
        && value.EndsWith('\n') && !value.EndsWith("\n\n", StringComparison.Ordinal);

    // YAML 1.1 booleans and nulls, and numbers of YAML 1.1 and 1.2 (ints in any base, floats, infinities, sexagesimal).
    [GeneratedRegex(@"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|<<|=)$")]
    private static partial Regex LooksLikeAnotherType();
}
