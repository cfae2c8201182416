using System.Globalization;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Translates an SPL eval/where expression into a canonical expression. Precedence (lowest first): OR, AND, NOT,
/// comparisons, + - and the concatenation dot, * / %, unary minus. Comparisons of strings in eval are
/// case-sensitive in SPL, so <c>=</c> becomes <c>==</c>. Each result carries its precedence so operands get
/// parentheses only where they need them.
/// </summary>
internal sealed partial class SplEvalTranslator(
    SplFieldScope scope,
    Action<SplToken, string, string, DiagnosticSeverity> report,
    NumericTextColumns? numericText = null,
    IReadOnlySet<string>? memberListColumns = null,
    SplColumnKinds? kinds = null)
{
    private const int Or = 1, And = 2, Not = 3, Compare = 4, Add = 5, Multiply = 6, Unary = 7, Primary = 8;

    public string Translate(SplTokenCursor cursor)
    {
        var result = OrExpression(cursor);
        return result.Text;
    }

    /// <summary>Translates one expression and stops at a token it does not take (a comma between eval assignments).</summary>
    public string TranslateOne(SplTokenCursor cursor)
    {
        var result = OrExpression(cursor);
        IsDateTime = result.IsDateTime;
        IsCondition = result.Precedence <= Compare || (result.Precedence == Primary && IsBoolCall(result.Text));
        return result.Text;
    }

    /// <summary>Whether the text is one call of a canonical function that gives true or false (isempty, ipv4_is_in_range, ...).</summary>
    private static bool IsBoolCall(string text) =>
        text.IndexOf('(', StringComparison.Ordinal) is > 0 and var open && QueryParentheses.Closing(text, open) == text.Length - 1
        && FunctionCatalogue.Find(text[..open]) is { Return: ReturnRule.Fixed, ReturnType: ScalarType.Bool };

    /// <summary>Whether the last expression translated is a true/false condition (a comparison, and/or/not, a test function).</summary>
    public bool IsCondition { get; private set; }

    /// <summary>Whether the last expression translated is a datetime (epoch seconds in SPL), which strftime and relative_time read.</summary>
    public bool IsDateTime { get; private set; }

    private readonly List<SplToken> _listMatchReads = [];

    private void Note(SplToken token, string code, string message) => report(token, code, message, DiagnosticSeverity.Info);

    /// <summary>A read of a lookup's list-match column other than its null test, which has no canonical meaning.</summary>
    public SplToken? ListMatchReadOtherwise => _listMatchReads.FirstOrDefault();

    private Part OrExpression(SplTokenCursor c)
    {
        var left = AndExpression(c);
        while (c.IsWord("OR"))
        {
            c.Next();
            left = new Part($"{Wrap(left, Or)} or {Wrap(AndExpression(c), Or + 1)}", Or);
        }

        return left;
    }

    private Part AndExpression(SplTokenCursor c)
    {
        var operands = new List<Part> { NotExpression(c) };
        while (c.IsWord("AND") || c.IsWord("XOR"))
        {
            var op = c.Next();
            if (op.Value.Equals("XOR", StringComparison.OrdinalIgnoreCase))
            {
                throw new SplTranslationException(op, EscuDiagnosticCodes.UnsupportedFunction, "the eval operator XOR has no canonical translation");
            }

            operands.Add(NotExpression(c));
        }

        if (GuardedListHolds(operands) is { } holds)
        {
            return holds;
        }

        var left = operands[0];
        foreach (var right in operands.Skip(1))
        {
            left = new Part($"{Wrap(left, And)} and {Wrap(right, And + 1)}", And);
        }

        return left;
    }

    private Part NotExpression(SplTokenCursor c)
    {
        if (c.IsWord("NOT"))
        {
            c.Next();
            var operand = NotExpression(c);
            return operand.Holds is { } holds ? throw Unread(holds.At) : new Part($"not ({operand.Text})", Not);
        }

        return Comparison(c);
    }

    private Part Comparison(SplTokenCursor c)
    {
        if (AtListHolds(c))
        {
            return ListHolds(c);
        }

        var left = Additive(c);
        if (c.Peek() is { Kind: SplTokenKind.Operator } op && op.Value is "=" or "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            c.Next();
            var right = Additive(c);
            var canonical = op.Value switch { "=" => "==", var o => o };
            if ((left.MemberList ?? right.MemberList) is { } multivalue)
            {
                // The canonical comparison of a member list is true when any value satisfies it (semantics §5.2).
                // Splunk documents that meaning for the search command's terms, not for eval's operators, so the
                // rule carries the reading as an assumption to check, not as a faithful translation.
                report(op, EscuDiagnosticCodes.UndocumentedMultivalueComparison,
                    $"eval '{op.Value}' with the multivalue field '{multivalue}': Splunk documents no value-by-value meaning for it; written as the canonical comparison, which is true when any value satisfies it", DiagnosticSeverity.Warning);
            }

            if (right.UndeclaredWord is { } word)
            {
                Note(word, EscuDiagnosticCodes.FidelityNote, $"'{word.Value}' is not quoted, so SPL compares with the field of that name, which the data source does not declare: quote it where a text is meant");
            }

            if ((left.NumericText || right.NumericText) && (left.NumericText || left.IsNumber) && (right.NumericText || right.IsNumber))
            {
                // SPL compares two values that both look like numbers as numbers: text that always does (strftime's
                // "%H") against a number is a numeric comparison.
                (left, right) = (AsNumber(left), AsNumber(right));
            }

            return new Part($"{Wrap(left, Add)} {canonical} {Wrap(right, Add)}", Compare);
        }

        if (c.IsWord("IN") && c.Is(SplTokenKind.OpenParen, 1))
        {
            var keyword = c.Next();
            return Membership(keyword, left, Arguments(c));
        }

        if (c.IsWord("LIKE"))
        {
            var like = c.Next();
            var pattern = Additive(c);
            return new Part(Like(left, pattern, like), Compare);
        }

        return left;
    }

    private Part Additive(SplTokenCursor c)
    {
        var left = Multiplicative(c);
        while (c.Peek() is { Kind: SplTokenKind.Operator, Value: "+" or "-" or "." } op)
        {
            c.Next();
            var right = Multiplicative(c);
            if (op.Value != "." && TimeArithmetic(left, op, right) is { } time)
            {
                left = time;
            }
            else if (op.Value == "." && left.Literal is { } leftText && right.Literal is { } rightText)
            {
                // Two literals make one: the Splunk backend spells a '$' or a backtick as ("..." . urldecode("%24")).
                left = LiteralPart(leftText + rightText);
            }
            else if (op.Value == "." || left.IsString || right.IsString)
            {
                // SPL's dot (and + with a string operand) concatenates; strcat reads null as empty, so the result is
                // empty text where SPL's would be null. Chains stay one strcat.
                var parts = (left.Concat ?? [left.Text]).Concat(right.Concat ?? [right.Text]).ToList();
                left = new Part($"strcat({string.Join(", ", parts)})", Primary, IsString: true, Concat: parts);
            }
            else
            {
                left = new Part($"{Wrap(left, Add)} {op.Value} {Wrap(right, Add + 1)}", Add, Numeric: true);
            }
        }

        return left;
    }

    private Part Multiplicative(SplTokenCursor c)
    {
        var left = UnaryExpression(c);
        while (c.Peek() is { Kind: SplTokenKind.Operator, Value: "*" or "/" or "%" } op)
        {
            c.Next();
            var right = UnaryExpression(c);
            if (left.BinSize is { } size && op.Value == "*" && right.Text == size)
            {
                // floor(x/N)*N rounds down to a multiple of N (seconds of an event time): bin(x, N).
                left = new Part(left.Binned!, Primary, Numeric: !left.IsDateTime, IsDateTime: left.IsDateTime);
                continue;
            }

            if (left is { BinSize: "3600", IsDateTime: true, Dividend: { } time } && op.Value == "%" && right.Text == "24")
            {
                // floor(t/3600)%24, the Splunk backend's hourofday(t): the hour of the day of an epoch time, in UTC.
                left = new Part($"hourofday({time.Text})", Primary, Numeric: true);
                continue;
            }

            if (left.TimeDifference && op.Value == "/" && right.Text == "1")
            {
                continue; // (a - b) / 1s is the seconds already; the Splunk backend writes the 1s as 1
            }

            left = Settled(left, op);
            var seconds = left.EpochMillisOfEvent && op.Value == "/" && right.IsNumber && right.Text == "1000";
            var quotient = op.Value == "/" && right.IsNumber && long.TryParse(right.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var divisor) && divisor > 0 ? left : null;
            left = new Part($"{Wrap(op.Value == "/" ? RealDividend(left) : left, Multiply)} {op.Value} {Wrap(Settled(right, op), Multiply + 1)}", Multiply, EpochSecondsOfEvent: seconds, Numeric: true, Dividend: quotient, Divisor: quotient is null ? null : right.Text);
        }

        return Settled(left, c.Peek() ?? c.End);
    }

    /// <summary>
    /// SPL's / always gives the real quotient, where the canonical / of two whole numbers truncates: the dividend is
    /// read as a real (todouble), unless it is one already (a decimal literal, a todouble) or the event time (a datetime,
    /// which only a following *N makes a bin of).
    /// </summary>
    private static Part RealDividend(Part left) =>
        left.Text.StartsWith("todouble(", StringComparison.Ordinal) && left.Precedence == Primary || left.IsNumber && left.Text.Contains('.', StringComparison.Ordinal)
        || left.EpochSecondsOfEvent || left.EpochMillisOfEvent || left.IsDateTime || left.TimeDifference
            ? left
            : new Part($"todouble({left.Text})", Primary, Numeric: true);

    private Part UnaryExpression(SplTokenCursor c)
    {
        if (c.IsOperator("-"))
        {
            c.Next();
            return new Part("-" + Wrap(UnaryExpression(c), Unary), Unary, Numeric: true);
        }

        return PrimaryExpression(c);
    }

    private Part PrimaryExpression(SplTokenCursor c)
    {
        var token = c.Peek() ?? throw new SplTranslationException(c.End, EscuDiagnosticCodes.SplSyntax, "expected an expression");
        switch (token.Kind)
        {
            case SplTokenKind.OpenParen:
                c.Next();
                // The operand keeps its own precedence: Wrap adds the parentheses the canonical text needs.
                var inner = OrExpression(c);
                c.Expect(SplTokenKind.CloseParen, "')'");
                return inner;
            case SplTokenKind.QuotedString:
                c.Next();
                return LiteralPart(token.Value);
            case SplTokenKind.QuotedField:
                c.Next();
                return Field(token);
            case SplTokenKind.Word when c.Is(SplTokenKind.OpenParen, 1):
                c.Next();
                return Call(token, Arguments(c));
            case SplTokenKind.Word when IsNumber(token.Value):
                c.Next();
                return new Part(token.Value, Primary, IsNumber: true, Numeric: true);
            case SplTokenKind.Word:
                c.Next();
                return Field(token);
            default:
                throw new SplTranslationException(token, EscuDiagnosticCodes.SplSyntax, $"unexpected '{token.Text}' in an expression");
        }
    }

    private List<(SplToken Token, Part Value)> Arguments(SplTokenCursor c)
    {
        c.Expect(SplTokenKind.OpenParen, "'('");
        var arguments = new List<(SplToken, Part)>();
        if (c.Is(SplTokenKind.CloseParen))
        {
            c.Next();
            return arguments;
        }

        while (true)
        {
            var start = c.Peek() ?? c.End;
            arguments.Add((start, OrExpression(c)));
            if (c.Is(SplTokenKind.Comma))
            {
                c.Next();
                continue;
            }

            c.Expect(SplTokenKind.CloseParen, "')' or ','");
            return arguments;
        }
    }

    private Part Field(SplToken token)
    {
        // A single-quoted field name read outside an expression command (inside stats' eval()) is still a field name.
        if (token.Kind == SplTokenKind.Word && token.Value.Length > 2 && token.Value.StartsWith('\'') && token.Value.EndsWith('\''))
        {
            token = token with { Kind = SplTokenKind.QuotedField, Value = token.Value[1..^1] };
        }

        if (token.Kind == SplTokenKind.Word && token.Value.Contains('.', StringComparison.Ordinal) && !scope.IsColumn(token.Value))
        {
            Note(token, EscuDiagnosticCodes.FidelityNote, $"'{token.Value}' is read as the dotted field name (SPL's eval would need single quotes around it)");
        }

        if (scope.ListMatch(token.Value) is { } membership)
        {
            _listMatchReads.Add(token);
            return new Part(SplFieldScope.Path(token.Value), Primary, ListMatch: membership);
        }

        var (expression, derived) = scope.Resolve(token.Value);
        if (derived is not null)
        {
            Note(token, EscuDiagnosticCodes.DerivedField, derived);
        }

        var undeclared = token.Kind == SplTokenKind.Word && derived is null && token.Value != "_time" && !scope.IsColumn(token.Value)
            && scope.BareMembersOf is null && !scope.IsDataSourceField(token.Value);
        // The data source's own time field, as the raw events hold it, is the event time in its epoch unit.
        var timeField = scope.RawEvents && token.Value == scope.DataSource.TimeField && !scope.IsColumn(token.Value);
        var memberList = memberListColumns?.Contains(token.Value) == true || (!scope.IsColumn(token.Value) && SplMemberPaths.IsMemberPath(token.Value));
        var column = scope.IsColumn(token.Value) ? kinds : null;
        return new Part(expression, expression.Contains(' ', StringComparison.Ordinal) ? Primary - 1 : Primary,
            Numeric: column?.IsCount(token.Value) == true,
            IsDateTime: token.Value == "_time" || column?.IsTime(token.Value) == true,
            MemberList: memberList ? token.Value : null,
            NumericText: scope.IsColumn(token.Value) && numericText?.Contains(token.Value) == true,
            EpochSecondsOfEvent: token.Value == "_time" || (timeField && scope.DataSource.TimeFormat == TimeFormat.EpochSeconds),
            EpochMillisOfEvent: timeField && scope.DataSource.TimeFormat == TimeFormat.EpochMillis,
            UndeclaredWord: undeclared ? token : null);
    }

    private Part Call(SplToken name, List<(SplToken Token, Part Value)> args)
    {
        string Arg(int i) => args[i].Value.Text;
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
            {
                throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedFunction, $"{name.Value}() with {args.Count} argument(s) is not translated");
            }
        }

        Part Function(string canonical, bool isString = false) => new($"{canonical}({string.Join(", ", args.Select(a => a.Value.Text))})", Primary, isString);

        switch (name.Value.ToLowerInvariant())
        {
            case "if":
                Arity(3, 3);
                return new Part($"iif({Arg(0)}, {Arg(1)}, {Arg(2)})", Primary, args[1].Value.IsString || args[2].Value.IsString);
            case "case":
                return Case(name, args);
            case "coalesce" when args.Count == 2 && args[0].Value.LengthOf is { } measured && args[1].Value.Text == "0":
                // coalesce(len(x), 0), the Splunk backend's strlen(x): 0 for a missing x, as the canonical strlen.
                return new Part($"strlen({measured})", Primary, Numeric: true);
            case "coalesce":
                return Function("coalesce");
            case "match":
                Arity(2, 2);
                if (args[1].Value.Literal is not { } pattern)
                {
                    // A pattern read from the data: the language's matches regex takes it as it is (binding warning
                    // RC2555 says what differs between the targets).
                    return new Part($"{Wrap(args[0].Value, Add)} matches regex {Wrap(args[1].Value, Add)}", Compare);
                }

                if (LiteralAlternatives(pattern) is { } membership)
                {
                    return new Part($"{Wrap(args[0].Value, Add)} {(membership.IgnoreCase ? "in~" : "in")} ({string.Join(", ", membership.Values.Select(StringLiterals.Quote))})", Compare);
                }

                // "^text" and "text\z" (the Splunk backend's startswith_cs and endswith_cs) test a non-empty literal.
                return AnchoredLiteral(pattern) is { } anchored
                    ? new Part($"{Wrap(args[0].Value, Add)} {(anchored.AtStart ? "startswith_cs" : "endswith_cs")} {StringLiterals.Quote(anchored.Text)}", Compare)
                    : new Part($"{Wrap(args[0].Value, Add)} matches regex {Arg(1)}", Compare);
            case "mvfind":
                // isnotnull(mvfind(x, re)): some value of x matches, the any-element meaning of "x matches regex re"
                // (the form the Splunk backend writes for a multi-valued x); read only under isnull/isnotnull.
                var found = Call(name with { Value = "match" }, args);
                return new Part($"mvfind({string.Join(", ", args.Select(a => a.Value.Text))})", Primary, ListMatch: found.Text);
            case "in" when args.Count >= 2:
                return Membership(name, args[0].Value, args.Skip(1).ToList());
            case "like":
                Arity(2, 2);
                return new Part(Like(args[0].Value, args[1].Value, name), Compare);
            case "lower":
                Arity(1, 1);
                return Function("tolower", true);
            case "upper":
                Arity(1, 1);
                return Function("toupper", true);
            case "len":
                // SPL's len() of a missing field is null where the canonical strlen() gives 0 (decision 1); an empty
                // value counts as missing, as isnull() reads here (the add-on's fields are never empty text).
                Arity(1, 1);
                return new Part($"iif(isempty({Arg(0)}), null, strlen({Arg(0)}))", Primary, Numeric: true, LengthOf: Arg(0));
            case "isnull" or "isnotnull" when args.Count == 1 && args[0].Value.ListMatch is { } listMatch:
                _listMatchReads.Remove(args[0].Token);
                if (!name.Value.Equals("isnull", StringComparison.OrdinalIgnoreCase))
                {
                    return new Part(listMatch, Compare);
                }

                // A table lookup's output is matched when not empty: its isnull is isempty.
                return listMatch.StartsWith("isnotempty(", StringComparison.Ordinal) && QueryParentheses.Closing(listMatch, "isnotempty".Length) == listMatch.Length - 1
                    ? new Part("isempty" + listMatch["isnotempty".Length..], Primary)
                    : new Part($"not ({listMatch})", Not);
            case "isnull":
                Arity(1, 1);
                return Function("isempty");
            case "isnotnull":
                Arity(1, 1);
                return Function("isnotempty") with { NotNullOf = Arg(0) };
            case "tostring":
                Arity(1, 1);
                return Function("tostring", true);
            case "tonumber" when args.Count == 2 && args[1].Value.Text == "10":
                return new Part($"todouble({Arg(0)})", Primary, Numeric: true);
            case "tonumber" when args.Count == 2:
                throw new SplTranslationException(args[1].Token, EscuDiagnosticCodes.UnsupportedFunction, $"tonumber() in base {args[1].Token.Text} has no canonical translation (todouble reads decimal numbers only)");
            case "tonumber":
                Arity(1, 1);
                return Function("todouble") with { Numeric = true };
            case "round":
                Arity(1, 2);
                return Function("round") with { Numeric = true };
            case "abs":
                Arity(1, 1);
                return Function("abs") with { Numeric = true };
            case "mvcount":
                Arity(1, 1);
                return Function("array_length") with { Numeric = true };
            case "split":
                Arity(2, 2);
                return Function("split") with { IsSplit = true };
            case "mvjoin":
                Arity(2, 2);
                return Function("strcat_array", true);
            case "replace":
                Arity(3, 3);
                return Function("replace_regex", true);
            case "urldecode" when args.Count == 1 && args[0].Value.Literal is { } encoded && !encoded.Contains('+', StringComparison.Ordinal):
                // Of a literal, the decoded text ('+' aside, which decoders read as a space or keep).
                return LiteralPart(Uri.UnescapeDataString(encoded));
            case "urldecode":
                Arity(1, 1);
                return Function("url_decode", true);
            case "substr":
                Arity(2, 3);
                // SPL counts from 1, the canonical substring from 0.
                var start = int.TryParse(Arg(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? (s - 1).ToString(CultureInfo.InvariantCulture) : $"{Wrap(args[1].Value, Add)} - 1";
                return new Part(args.Count == 3 ? $"substring({Arg(0)}, {start}, {Arg(2)})" : $"substring({Arg(0)}, {start})", Primary, IsString: true);
            case "cidrmatch":
                Arity(2, 2);
                return new Part($"ipv4_is_in_range({Arg(1)}, {Arg(0)})", Primary);
            case "nullif" when args.Count == 2 && args[1].Value.Literal == "":
                // The canonical coalesce already passes over empty values.
                return args[0].Value;
            case "nullif":
                Arity(2, 2);
                // Null where the two are equal as eval's = compares them (case-sensitively), else the first.
                return new Part($"iif({Wrap(args[0].Value, Add)} == {Wrap(args[1].Value, Add)}, null, {Arg(0)})", Primary, args[0].Value.IsString);
            case "floor" or "ceil" or "ceiling":
                Arity(1, 1);
                return Rounded(name, args[0].Value);
            case "now":
                Arity(0, 0);
                return Function("now") with { IsDateTime = true };
            case "relative_time":
                Arity(2, 2);
                return RelativeTime(args[0], args[1]);
            case "true":
                Arity(0, 0);
                return new Part("true", Primary);
            case "false":
                Arity(0, 0);
                return new Part("false", Primary);
            case "null":
                Arity(0, 0);
                return new Part("null", Primary);
            case "mvindex" when args.Count == 2 && IsNumber(Arg(1)) && args[0].Value.Precedence == Primary && !args[0].Value.Text.Contains('(', StringComparison.Ordinal):
                return new Part($"{Arg(0)}[{Arg(1)}]", Primary);
            case "mvindex" when args.Count == 2 && Index(args[1]) is { } index && args[0].Value.IsSplit:
                // split() always gives a multivalue (one value for text without the separator): its index is the element, text.
                return new Part($"tostring({Arg(0)}[{index.ToString(CultureInfo.InvariantCulture)}])", Primary, IsString: true);
            case "pow" when args.Count == 2 && args.All(a => a.Value.IsNumber) && ConstantPower(Arg(0), Arg(1)) is { } power:
                return new Part(power, Primary, IsNumber: true);
            case "strftime":
                Arity(2, 2);
                return Strftime(name, args[0], args[1]);
            case "min" or "max":
                return Extreme(name, args);
            case "trim" or "ltrim" or "rtrim":
                Arity(1, 2);
                return Trimmed(name, args);
            default:
                throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedFunction,
                    $"the eval function {name.Value}({string.Join(", ", args.Select(a => a.Token.Text))}) has no canonical translation{UntranslatedFunctions.Why(name.Value)}");
        }
    }

    // SPL's case() is null when no condition holds; a last condition that always holds is the canonical else.
    private static Part Case(SplToken name, List<(SplToken Token, Part Value)> args)
    {
        if (args.Count < 2 || args.Count % 2 != 0)
        {
            throw new SplTranslationException(name, EscuDiagnosticCodes.UnsupportedFunction, "case() needs condition/value pairs");
        }

        var pairs = Enumerable.Range(0, args.Count / 2).Select(i => (Condition: args[2 * i].Value.Text, Value: args[(2 * i) + 1].Value.Text)).ToList();
        var last = pairs[^1];
        var otherwise = last.Condition is "true" or "1 == 1" ? last.Value : null;
        var conditions = otherwise is null ? pairs : pairs[..^1];
        var text = string.Join(", ", conditions.Select(p => $"{p.Condition}, {p.Value}"));
        return new Part($"case({text}, {otherwise ?? "null"})", Primary, args.Where((_, i) => i % 2 == 1).Any(a => a.Value.IsString));
    }

    // like() is SQL LIKE, case-sensitive: % any run, _ one character; as an anchored regular expression.
    private static string Like(Part text, Part pattern, SplToken at)
    {
        if (pattern.Literal is not { } raw)
        {
            throw new SplTranslationException(at, EscuDiagnosticCodes.UnsupportedFunction, "like() with a pattern that is not a literal is not translated");
        }

        var regex = "^" + string.Concat(raw.Select(ch => ch switch { '%' => "(?s:.*)", '_' => "(?s:.)", _ => SplSearchTerms.RegexEscape(ch.ToString()) })) + "$";
        return $"{Wrap(text, Add)} matches regex {StringLiterals.Quote(regex)}";
    }

    /// <summary>
    /// A pattern that matches exactly one of some non-empty literal texts, <c>(?i)^(?:a|b\.c)\z</c>, as the texts (and
    /// whether case is ignored): such a match is a membership test, which null and empty values fail either way.
    /// </summary>
    internal static (bool IgnoreCase, IReadOnlyList<string> Values)? LiteralAlternatives(string pattern)
    {
        var ignoreCase = pattern.StartsWith("(?i)", StringComparison.Ordinal);
        var body = ignoreCase ? pattern[4..] : pattern;
        if (!body.StartsWith("^(?:", StringComparison.Ordinal) || !body.EndsWith(@")\z", StringComparison.Ordinal))
        {
            return null;
        }

        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        var inner = body[4..^3];
        for (var i = 0; i < inner.Length; i++)
        {
            var ch = inner[i];
            if (ch == '\\' && i + 1 < inner.Length && !char.IsAsciiLetterOrDigit(inner[i + 1]))
            {
                current.Append(inner[++i]);
            }
            else if (ch == '|')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else if ("\\.^$?*+()[]{}".Contains(ch, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                current.Append(ch);
            }
        }

        values.Add(current.ToString());
        return values.Any(v => v.Length == 0) ? null : (ignoreCase, values);
    }

    /// <summary>A pattern <c>^text</c> or <c>text\z</c> whose text is a non-empty literal (escaped punctuation only), as the text.</summary>
    internal static (bool AtStart, string Text)? AnchoredLiteral(string pattern)
    {
        var atStart = pattern.StartsWith('^');
        if (atStart == pattern.EndsWith(@"\z", StringComparison.Ordinal))
        {
            return null; // neither anchor, or both (an equality, which LiteralAlternatives reads)
        }

        var body = atStart ? pattern[1..] : pattern[..^2];
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var ch = body[i];
            if (ch == '\\' && i + 1 < body.Length && !char.IsAsciiLetterOrDigit(body[i + 1]))
            {
                text.Append(body[++i]);
            }
            else if ("\\.^$?*+()[]{}|".Contains(ch, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                text.Append(ch);
            }
        }

        return text.Length == 0 ? null : (atStart, text.ToString());
    }

    /// <summary>A power of two number literals when it is a whole number SPL and the canonical text agree on exactly (|x| &lt; 2^53).</summary>
    private static string? ConstantPower(string x, string y)
    {
        var value = Math.Pow(double.Parse(x, CultureInfo.InvariantCulture), double.Parse(y, CultureInfo.InvariantCulture));
        return double.IsFinite(value) && Math.Abs(value) < 9007199254740992d && value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>strftime's "%A" (the English full day name) of a datetime, from its day of the week; null stays empty.</summary>
    internal static string DayName(string datetime) =>
        $"case({string.Join(", ", DayNames.Select((day, i) => $"dayofweek({datetime}) == {i}d, {StringLiterals.Quote(day)}"))}, \"\")";

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    // A text that always looks like a number, compared numerically.
    private static Part AsNumber(Part part) => part.NumericText ? new Part($"todouble({part.Text})", Primary) : part;

    // A whole number: an expression's text, or one word (stats' eval() reads -1 as a word).
    private static int? Index((SplToken Token, Part Value) arg) =>
        int.TryParse(arg.Value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
        || arg.Value.Text == SplFieldScope.Path(arg.Token.Value) && int.TryParse(arg.Token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n) ? n : null;

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && char.IsAsciiDigit(text[0]);

    private static string Wrap(Part part, int precedence) => part.Precedence < precedence ? $"({part.Text})" : part.Text;

    private static Part LiteralPart(string value) => new(StringLiterals.Quote(value), Primary, IsString: true, Literal: value);

    /// <param name="NumericText">Text that always looks like a number (strftime's "%H"): SPL compares it with a number numerically.</param>
    /// <param name="EpochSecondsOfEvent">The event time in epoch seconds (<c>_time</c>, or the data source's time field in its unit).</param>
    /// <param name="EpochMillisOfEvent">The data source's time field in epoch milliseconds.</param>
    /// <param name="UndeclaredWord">An unquoted word that names no column and no declared field.</param>
    /// <param name="IsSplit">A call of split(): a multivalue, which mvindex indexes.</param>
    /// <param name="MemberList">The name of the multivalue field (array members, a{}.b) this operand reads whole.</param>
    /// <param name="Numeric">Always a number or null (a number literal, arithmetic, tonumber(), a count column), which SPL and the canonical form compare alike.</param>
    /// <param name="IsDateTime">A datetime in the canonical form, epoch seconds in SPL: _time, a stats min or max of it, now(), one of them plus or minus seconds.</param>
    /// <param name="TimeDifference">The seconds between two datetimes, (a - b) / 1s.</param>
    /// <param name="BinSize">floor(x/N): the N a following *N multiplies back, making <paramref name="Binned"/>.</param>
    /// <param name="Binned">floor(x/N)*N as bin(x, N).</param>
    /// <param name="Dividend">x of x/N, a division by a whole number literal N (<paramref name="Divisor"/>); of floor(t/N) of a time, t.</param>
    /// <param name="LengthOf">len(x): the x, so that coalesce(len(x), 0), the Splunk backend's strlen(x), reads as strlen(x).</param>
    /// <param name="NotNullOf">isnotnull(x): the x, a guard a list-holds test below takes in.</param>
    /// <param name="Holds">The list-holds test (<see cref="ListHolds"/>), valid only under isnotnull guards of its list and value.</param>
    private sealed record Part(
        string Text,
        int Precedence,
        bool IsString = false,
        List<string>? Concat = null,
        string? Literal = null,
        string? BinSize = null,
        string? ListMatch = null,
        bool IsNumber = false,
        bool NumericText = false,
        bool EpochSecondsOfEvent = false,
        bool EpochMillisOfEvent = false,
        SplToken? UndeclaredWord = null,
        bool IsSplit = false,
        string? MemberList = null,
        bool Numeric = false,
        bool IsDateTime = false,
        bool TimeDifference = false,
        string? Binned = null,
        Part? Dividend = null,
        string? Divisor = null,
        string? LengthOf = null,
        string? NotNullOf = null,
        ListHoldsTest? Holds = null);
}

/// <summary>
/// The eval columns of one pipeline that hold text which always looks like a number (strftime's "%H"), so a later
/// where or eval compares them with a number numerically, as SPL does. A column assigned anything else is forgotten.
/// </summary>
internal sealed class NumericTextColumns
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public bool Contains(string column) => _names.Contains(column);

    public bool IsEmpty => _names.Count == 0;

    /// <summary>Records what an eval assigned to <paramref name="column"/> (its canonical expression).</summary>
    public void Assigned(string column, string canonical)
    {
        if (canonical.StartsWith("format_datetime(", StringComparison.Ordinal) && canonical.EndsWith(", \"HH\")", StringComparison.Ordinal))
        {
            _names.Add(column);
        }
        else
        {
            _names.Remove(column);
        }
    }

    public void Forget(string column) => _names.Remove(column);
}
