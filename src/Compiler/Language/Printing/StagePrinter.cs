using System.Globalization;
using System.Text;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Compiler.Language.Printing;

internal static class StagePrinter
{
    public static void Append(StringBuilder builder, Stage stage)
    {
        switch (stage)
        {
            case WhereStage where:
                builder.Append("where ");
                ExpressionPrinter.Append(builder, where.Predicate, Precedence.Lowest);
                break;
            case ExtendStage extend:
                builder.Append("extend ");
                AppendAssignments(builder, extend.Columns);
                break;
            case ProjectStage project:
                builder.Append("project ");
                AppendAssignments(builder, project.Columns);
                break;
            case ProjectAwayStage away:
                builder.Append("project-away ");
                ExpressionPrinter.AppendList(builder, away.Columns);
                break;
            case ProjectRenameStage rename:
                builder.Append("project-rename ");
                builder.AppendJoin(", ", rename.Renames.Select(r => $"{ExpressionPrinter.ColumnName(r.NewName)} = {QueryPrinter.Print(r.Old)}"));
                break;
            case MvExpandStage expand:
                builder.Append("mv-expand ");
                if (expand.Name is not null)
                {
                    builder.Append(ExpressionPrinter.ColumnName(expand.Name)).Append(" = ");
                }

                ExpressionPrinter.Append(builder, expand.Array, Precedence.Lowest);
                break;
            case SummarizeStage summarize:
                builder.Append("summarize");
                if (summarize.Aggregates.Length > 0)
                {
                    builder.Append(' ');
                    AppendAssignments(builder, summarize.Aggregates);
                }

                if (summarize.By.Length > 0)
                {
                    builder.Append(" by ");
                    AppendAssignments(builder, summarize.By);
                }

                break;
            case DistinctStage distinct:
                builder.Append("distinct ");
                AppendAssignments(builder, distinct.Columns);
                break;
            case SortStage sort:
                builder.Append("sort by ");
                builder.AppendJoin(", ", sort.Keys.Select(k => QueryPrinter.Print(k.Value) + (k.Descending ? " desc" : " asc")));
                break;
            case TakeStage take:
                builder.Append("take ").Append(take.Count.ToString(CultureInfo.InvariantCulture));
                break;
            case FillNullStage fill:
                builder.Append("fill-null ").Append(ExpressionPrinter.Literal(fill.Value));
                if (fill.Columns.Length > 0)
                {
                    builder.Append(" in ");
                    ExpressionPrinter.AppendList(builder, fill.Columns);
                }

                break;
            case JoinStage join:
                builder.Append("join kind=").Append(join.Kind.ToString().ToLowerInvariant()).Append(" (");
                QueryPrinter.AppendPipeline(builder, join.Right, inline: true);
                builder.Append(") on ");
                ExpressionPrinter.AppendList(builder, join.On);
                break;
            case UnionStage union:
                builder.Append("union ");
                var first = true;
                foreach (var pipeline in union.Pipelines)
                {
                    builder.Append(first ? "(" : ", (");
                    QueryPrinter.AppendPipeline(builder, pipeline, inline: true);
                    builder.Append(')');
                    first = false;
                }

                break;
            case InvokeStage invoke:
                builder.Append("invoke ").Append(invoke.FragmentName).Append("()");
                break;
            default:
                throw new ArgumentException($"no printer for {stage.GetType().Name}", nameof(stage));
        }
    }

    private static void AppendAssignments(StringBuilder builder, IEnumerable<Assignment> assignments)
    {
        var first = true;
        foreach (var assignment in assignments)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            if (assignment.Name is not null)
            {
                builder.Append(ExpressionPrinter.ColumnName(assignment.Name)).Append(" = ");
            }

            ExpressionPrinter.Append(builder, assignment.Value, Precedence.Lowest);
            first = false;
        }
    }
}
