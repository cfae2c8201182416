using System.Globalization;
using System.Text.RegularExpressions;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>
/// The YAML 1.2 core schema's typing of plain scalars: <c>null</c>/<c>~</c>/empty, <c>true</c>/<c>false</c>,
/// integers (decimal, <c>0x</c>, <c>0o</c>) and floats. Quoted and block scalars are always strings; so is
/// <c>2024-05-25</c> (YAML 1.1's timestamps and yes/no booleans are deliberately not recognised).
/// </summary>
public static partial class YamlScalarTyping
{
    /// <summary>null, bool, long, double, or the string itself.</summary>
    public static object? Resolve(YamlScalar scalar)
    {
        if (!scalar.IsPlain)
        {
            return scalar.Value;
        }

        var text = scalar.Value;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (DecimalInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (OctalInteger().IsMatch(text))
        {
            try
            {
                return Convert.ToInt64(text[2..], 8);
            }
            catch (OverflowException)
            {
                return text;
            }
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        return text;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
