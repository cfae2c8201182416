using Sprache;

namespace RuleCompiler.Compiler.Language.Parsing;

/// <summary>Per-parse state shared by every position of one input.</summary>
internal sealed class ParseContext
{
    /// <summary>
    /// Deepest nesting of expressions and pipelines accepted. Each level costs several Sprache frames (about 6 KB of
    /// stack in a Debug build: a 1 MB thread overflowed between 150 and 200 levels), and a stack overflow cannot be
    /// caught, so pathological input (thousands of parentheses) must stop well before. Real rules nest under 10.
    /// </summary>
    public const int MaxDepth = 64;

    public int Depth { get; set; }
}

/// <summary>
/// Sprache input over the query text. Unlike <see cref="Input"/> it allocates its memo table only on demand,
/// can jump to any offset (token parsers scan the string directly) and carries the <see cref="ParseContext"/>.
/// </summary>
internal sealed class QueryInput : IInput
{
    private Dictionary<object, object>? _memos;

    public QueryInput(string source, int position, ParseContext context)
    {
        Source = source;
        Position = position;
        Context = context;
    }

    public ParseContext Context { get; }

    public string Source { get; }

    public int Position { get; }

    public char Current => Position < Source.Length ? Source[Position] : '\0';

    public bool AtEnd => Position >= Source.Length;

    public int Line => 1 + Source.AsSpan(0, Position).Count('\n');

    public int Column => Position - (Source.LastIndexOf('\n', Math.Max(0, Position - 1)) + 1) + 1;

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at its end.");
        }

        return new QueryInput(Source, Position + 1, Context);
    }

    public QueryInput At(int position) => position == Position ? this : new QueryInput(Source, position, Context);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source.Length, Position);
}
