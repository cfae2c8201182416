using System.Text.RegularExpressions;

namespace RuleCompiler.Importers.Sigma;

/// <summary>
/// Parses a Sigma condition (<c>selection and not 1 of filter_*</c>) over the translated selections. Precedence:
/// not binds tighter than and, and tighter than or. A problem is returned with its 0-based offset in the text.
/// </summary>
internal sealed partial class SigmaCondition
{
    private readonly List<(string Text, int Offset)> _tokens;
    private readonly IReadOnlyDictionary<string, QueryExpression> _selections;
    private int _next;

    private SigmaCondition(List<(string, int)> tokens, IReadOnlyDictionary<string, QueryExpression> selections)
    {
        _tokens = tokens;
        _selections = selections;
    }

    public static (QueryExpression? Expression, string? Problem, int Offset) Parse(string text, IReadOnlyDictionary<string, QueryExpression> selections)
    {
        var pipe = text.IndexOf('|', StringComparison.Ordinal);
        if (pipe >= 0)
        {
            return (null, "aggregation", pipe);
        }

        var tokens = Token().Matches(text).Select(m => (m.Value, m.Index)).ToList();
        var parser = new SigmaCondition(tokens, selections);
        try
        {
            var expression = parser.Or();
            if (parser._next < tokens.Count)
            {
                throw new ConditionException($"unexpected '{tokens[parser._next].Value}'", tokens[parser._next].Index);
            }

            return (expression, null, 0);
        }
        catch (ConditionException e)
        {
            return (null, e.Message, e.Offset);
        }
    }

    private QueryExpression Or()
    {
        var parts = new List<QueryExpression> { And() };
        while (Accept("or"))
        {
            parts.Add(And());
        }

        return QueryExpression.AnyOf(parts);
    }

    private QueryExpression And()
    {
        var parts = new List<QueryExpression> { Unary() };
        while (Accept("and"))
        {
            parts.Add(Unary());
        }

        return QueryExpression.AllOf(parts);
    }

    private QueryExpression Unary()
    {
        if (Accept("not"))
        {
            return new NotExpression(Unary());
        }

        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var (token, offset) = Take("a selection name");
        if (token is "1" or "any" or "all")
        {
            Expect("of");
            var (pattern, patternOffset) = Take("a selection pattern or 'them'");
            var matched = Matching(pattern).ToList();
            if (matched.Count == 0)
            {
                throw new ConditionException($"'{pattern}' matches no selection", patternOffset);
            }

            return token == "all" ? QueryExpression.AllOf(matched) : QueryExpression.AnyOf(matched);
        }

        return _selections.TryGetValue(token, out var selection)
            ? selection
            : throw new ConditionException($"unknown selection '{token}'", offset);
    }

    // 'them' is every selection; a pattern uses * as a wildcard. Selections starting with '_' are excluded from 'them'.
    private IEnumerable<QueryExpression> Matching(string pattern)
    {
        if (pattern == "them")
        {
            return _selections.Where(s => !s.Key.StartsWith('_')).Select(s => s.Value);
        }

        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
        return _selections.Where(s => regex.IsMatch(s.Key)).Select(s => s.Value);
    }

    private bool Accept(string word)
    {
        if (_next < _tokens.Count && string.Equals(_tokens[_next].Text, word, StringComparison.OrdinalIgnoreCase))
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(string word)
    {
        if (!Accept(word))
        {
            var offset = _next < _tokens.Count ? _tokens[_next].Offset : _tokens.Count > 0 ? _tokens[^1].Offset : 0;
            throw new ConditionException($"expected '{word}'", offset);
        }
    }

    private (string Text, int Offset) Take(string what)
    {
        if (_next >= _tokens.Count || _tokens[_next].Text is "(" or ")")
        {
            var offset = _next < _tokens.Count ? _tokens[_next].Offset : _tokens.Count > 0 ? _tokens[^1].Offset : 0;
            throw new ConditionException($"expected {what}", offset);
        }

        return _tokens[_next++];
    }

    [GeneratedRegex(@"[()]|[^\s()]+")]
    private static partial Regex Token();

    private sealed class ConditionException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }
}
