namespace RuleCompiler.Backends.Splunk.Spl;

/// <summary>
/// The SPL spelling of one literal or field name, or the reason SPL cannot spell it in the requested context
/// (the emitter then falls back to another form, such as <c>where</c> instead of a search term, or reports a
/// diagnostic naming <see cref="Reason"/>).
/// </summary>
public sealed record SplText
{
    private SplText(string? text, string? reason)
    {
        Text = text;
        Reason = reason;
    }

    /// <summary>The SPL text, or null when the value is not expressible in this context.</summary>
    public string? Text { get; }

    /// <summary>Why the value is not expressible (null when it is), phrased for a diagnostic.</summary>
    public string? Reason { get; }

    public bool IsExpressible => Text is not null;

    public static SplText Of(string text) => new(text, null);

    public static SplText NotExpressible(string reason) => new(null, reason);
}
