using System.Globalization;
using System.Text;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Printing;

/// <summary>
/// Prints any syntax tree as canonical rule-language text: one <c>let</c> per line, the main pipeline one stage per
/// line with a <c>| </c> prefix, nested pipelines inline, single spaces around operators, parentheses only where
/// precedence needs them, explicit <c>asc</c>/<c>desc</c> and <c>kind=</c>, strings re-escaped by
/// <see cref="StringLiterals.Quote"/>. Parsing the output gives back a structurally equal tree
/// (<see cref="SyntaxEquality"/>).
/// </summary>
public static class QueryPrinter
{
    public static string Print(Query query)
    {
        var builder = new StringBuilder();
        foreach (var let in query.Lets)
        {
            builder.Append("let ").Append(let.Name).Append(" = ");
            switch (let)
            {
                case LetExpression expression:
                    ExpressionPrinter.Append(builder, expression.Value, Precedence.Lowest);
                    break;
                case LetPipeline pipeline:
                    builder.Append('(');
                    AppendPipeline(builder, pipeline.Value, inline: true);
                    builder.Append(')');
                    break;
            }

            builder.Append(";\n");
        }

        AppendPipeline(builder, query.Body, inline: false);
        return builder.ToString();
    }

    /// <summary>A pipeline on several lines (one stage each), as a rule or a fragment's <c>stages</c> holds it.</summary>
    public static string Print(Pipeline pipeline)
    {
        var builder = new StringBuilder();
        AppendPipeline(builder, pipeline, inline: false);
        return builder.ToString();
    }

    public static string Print(Stage stage)
    {
        var builder = new StringBuilder();
        StagePrinter.Append(builder, stage);
        return builder.ToString();
    }

    public static string Print(Expression expression)
    {
        var builder = new StringBuilder();
        ExpressionPrinter.Append(builder, expression, Precedence.Lowest);
        return builder.ToString();
    }

    internal static void AppendPipeline(StringBuilder builder, Pipeline pipeline, bool inline)
    {
        var separator = inline ? " | " : "\n| ";
        var first = true;
        if (pipeline.Source is LetPipelineInput source)
        {
            builder.Append(source.Name);
            first = false;
        }
        else if (pipeline.Source is TableInput table)
        {
            builder.Append("table(").Append(table.Name).Append(')');
            first = false;
        }

        foreach (var stage in pipeline.Stages)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            StagePrinter.Append(builder, stage);
            first = false;
        }
    }
}

/// <summary>Binding strength, loosest first; an operand printed below its slot's level gets parentheses.</summary>
internal enum Precedence
{
    Lowest,
    Or,
    And,
    Not,
    Relational,
    Additive,
    Multiplicative,
    Unary,
    Postfix,
}

internal static class ExpressionPrinter
{
    public static void Append(StringBuilder builder, Expression expression, Precedence slot)
    {
        var own = PrecedenceOf(expression);
        var parenthesize = own < slot;
        if (parenthesize)
        {
            builder.Append('(');
        }

        AppendBare(builder, expression);
        if (parenthesize)
        {
            builder.Append(')');
        }
    }

    public static Precedence PrecedenceOf(Expression expression) => expression switch
    {
        BinaryExpression binary => BinaryPrecedence(binary.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } => Precedence.Not,
        UnaryExpression => Precedence.Unary,
        InExpression or BetweenExpression => Precedence.Relational,
        _ => Precedence.Postfix,
    };

    private static Precedence BinaryPrecedence(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => Precedence.Or,
        BinaryOperator.And => Precedence.And,
        BinaryOperator.Add or BinaryOperator.Subtract => Precedence.Additive,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo => Precedence.Multiplicative,
        _ => Precedence.Relational,
    };

    private static void AppendBare(StringBuilder builder, Expression expression)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                builder.Append(Literal(literal));
                break;
            case FieldExpression field:
                AppendPath(builder, field.Path, startsPath: true);
                break;
            case JoinSideExpression side:
                builder.Append(side.Side == JoinSide.Left ? "$left" : "$right");
                AppendPath(builder, side.Field.Path, startsPath: false);
                break;
            case PathAccessExpression access:
                // Any target but a call or an array is parenthesised, so that the parser keeps the segments on this
                // node instead of extending a field path or reading a number's fraction.
                if (access.Target is FunctionCallExpression or ArrayExpression)
                {
                    AppendBare(builder, access.Target);
                }
                else
                {
                    builder.Append('(');
                    AppendBare(builder, access.Target);
                    builder.Append(')');
                }

                AppendPath(builder, access.Path, startsPath: false);
                break;
            case UnaryExpression { Operator: UnaryOperator.Not } not:
                builder.Append("not ");
                Append(builder, not.Operand, Precedence.Not);
                break;
            case UnaryExpression negate:
                builder.Append('-');
                Append(builder, negate.Operand, Precedence.Unary);
                break;
            case BinaryExpression binary:
                AppendBinary(builder, binary);
                break;
            case InExpression @in:
                Append(builder, @in.Value, Precedence.Additive);
                builder.Append(' ').Append(InOperatorText(@in.Operator)).Append(' ');
                AppendList(builder, @in.List);
                break;
            case BetweenExpression between:
                Append(builder, between.Value, Precedence.Additive);
                builder.Append(between.Negated ? " !between (" : " between (");
                Append(builder, between.Low, Precedence.Additive);
                builder.Append(" .. ");
                Append(builder, between.High, Precedence.Additive);
                builder.Append(')');
                break;
            case FunctionCallExpression call:
                builder.Append(call.Name).Append('(');
                AppendList(builder, call.Arguments);
                builder.Append(')');
                break;
            case ArrayExpression array:
                builder.Append("dynamic([");
                AppendList(builder, array.Items);
                builder.Append("])");
                break;
            case WildcardExpression:
                builder.Append('*');
                break;
            default:
                throw new ArgumentException($"no printer for {expression.GetType().Name}", nameof(expression));
        }
    }

    private static void AppendBinary(StringBuilder builder, BinaryExpression binary)
    {
        var level = BinaryPrecedence(binary.Operator);
        // Left-associative chains keep the left operand at the same level; relational operators do not chain.
        var leftSlot = level == Precedence.Relational ? Precedence.Additive : level;
        var rightSlot = level == Precedence.Relational ? Precedence.Additive : level + 1;
        Append(builder, binary.Left, leftSlot);
        builder.Append(' ').Append(OperatorText(binary.Operator)).Append(' ');
        Append(builder, binary.Right, rightSlot);
    }

    public static void AppendList(StringBuilder builder, IEnumerable<Expression> items)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            Append(builder, item, Precedence.Lowest);
            first = false;
        }
    }

    private static void AppendList(StringBuilder builder, ListSource list)
    {
        switch (list)
        {
            case ListLiteral literal:
                builder.Append('(');
                AppendList(builder, literal.Items);
                builder.Append(')');
                break;
            case NamedListReference named:
                builder.Append('@').Append(named.Name);
                break;
            case LetListReference let:
                builder.Append(let.Name);
                break;
        }
    }

    /// <summary>Path segments; the first segment of a field is written bare when it is a name that is not a keyword.</summary>
    public static void AppendPath(StringBuilder builder, IEnumerable<PathSegment> path, bool startsPath)
    {
        foreach (var segment in path)
        {
            switch (segment)
            {
                case MemberSegment member when startsPath ? SyntaxFacts.IsBareName(member.Name) : SyntaxFacts.IsIdentifier(member.Name):
                    builder.Append(startsPath ? "" : ".").Append(member.Name);
                    break;
                case MemberSegment member:
                    builder.Append('[').Append(StringLiterals.Quote(member.Name)).Append(']');
                    break;
                case IndexSegment index:
                    builder.Append('[').Append(index.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
                case EachSegment:
                    builder.Append("[*]");
                    break;
            }

            startsPath = false;
        }
    }

    /// <summary>A column name being defined: bare, or quoted when it is not a plain name.</summary>
    public static string ColumnName(string name) => SyntaxFacts.IsBareName(name) ? name : $"[{StringLiterals.Quote(name)}]";

    public static string Literal(LiteralExpression literal) => literal.Value switch
    {
        null => "null",
        string s => StringLiterals.Quote(s),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Real(d),
        TimeSpan t => Duration(t),
        DateTimeOffset d => DateTimeLiteral(d),
        var other => throw new ArgumentException($"a {literal.Kind} literal cannot hold a {other.GetType().Name}", nameof(literal)),
    };

    private static string Real(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>The largest unit that divides the duration exactly; sub-millisecond values as decimal milliseconds.</summary>
    private static string Duration(TimeSpan value)
    {
        var ticks = value.Ticks;
        foreach (var (unit, size) in new[] { ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond) })
        {
            if (ticks % size == 0)
            {
                return (ticks / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return (ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    private static string DateTimeLiteral(DateTimeOffset value) =>
        "datetime(" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) + ")";

    public static string OperatorText(BinaryOperator op) => OperatorSpellings.Binary[op];

    public static string InOperatorText(InOperator op) => OperatorSpellings.In[op];
}
