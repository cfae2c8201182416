namespace RuleCompiler.Backends.Splunk;

/// <summary>
/// The spelling of one value or name in a target text (SPL, .conf), or the reason the target cannot spell it
/// (the emitter then falls back to another form, such as <c>where</c> instead of a search term, or reports a
/// diagnostic naming <see cref="Reason"/>).
/// </summary>
public sealed record EscapedText
{
    private EscapedText(string? text, string? reason)
    {
        Text = text;
        Reason = reason;
    }

    /// <summary>The SPL text, or null when the value is not expressible in this context.</summary>
    public string? Text { get; }

    /// <summary>Why the value is not expressible (null when it is), phrased for a diagnostic.</summary>
    public string? Reason { get; }

    public bool IsExpressible => Text is not null;

    public static EscapedText Of(string text) => new(text, null);

    public static EscapedText NotExpressible(string reason) => new(null, reason);
}
