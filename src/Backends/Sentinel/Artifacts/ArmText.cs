namespace RuleCompiler.Backends.Sentinel.Artifacts;

/// <summary>
/// ARM evaluates a string that starts with <c>[</c> and ends with <c>]</c> as a template expression; such a literal is
/// escaped by doubling the first bracket (<c>[[</c>). Every literal string the ARM writer emits goes through here.
/// </summary>
public static class ArmText
{
    public static string Literal(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' ? "[" + value : value;
}
