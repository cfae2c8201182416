using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;

namespace RuleCompiler.Importers.Sentinel;

/// <summary>
/// KQL constructs the importer refuses, found before the canonical parser stumbles on their syntax, each with the
/// reason the canonical language cannot say what it says (RC5060 for stages, RC5061 for operators). Refusing here
/// gives the detection engineer the reason and what to write instead, at the construct.
/// </summary>
internal static class KqlRefusals
{
    private static readonly Dictionary<string, string> Stages = new(StringComparer.Ordinal)
    {
        ["parse"] = "parse extracts columns by matching rules (lazy or greedy captures, type checks, what a failed match leaves) that the canonical language cannot reproduce exactly; write extract(regex, group, text) for each column",
        ["parse-where"] = "parse-where matches as parse does, whose rules the canonical language cannot reproduce exactly; write extract(regex, group, text) for each column and a where on the match",
        ["parse-kv"] = "parse-kv has no canonical form; write extract(regex, group, text) for each key",
        ["make-series"] = "make-series builds arrays of values per time step (with default values for empty steps), which the canonical language has no form for; summarize by bin(_time, step) instead",
        ["evaluate"] = "evaluate runs a plugin (bag_unpack, pivot, autocluster, ...) whose output columns depend on the data; the canonical language has no plugins",
        ["sample"] = "sample picks rows at random; a rule's output must be deterministic",
        ["sample-distinct"] = "sample-distinct picks values at random; a rule's output must be deterministic",
        ["project-keep"] = "project-keep with a wildcard keeps the columns whose names match, which depends on the rows' columns; write project with the columns named",
        ["serialize"] = "serialize orders rows for prev(), next() and row_number(), which the canonical language does not have",
        ["scan"] = "scan matches sequences of rows; the canonical language has no sequence matching",
        ["mv-apply"] = "mv-apply runs a subquery per array; the canonical language has mv-expand then summarize",
        ["top-nested"] = "top-nested has no canonical form; summarize, sort and take instead",
        ["top-hitters"] = "top-hitters estimates the most frequent values; summarize count(), sort and take instead",
        ["facet"] = "facet returns several tables; a rule returns one",
        ["fork"] = "fork returns several tables; a rule returns one",
        ["partition"] = "partition runs a subquery per partition; the canonical language has no subqueries per group",
        ["render"] = "render is a chart, not rows; drop it",
        ["as"] = "as names the rows for a later reference in the query, which the canonical language writes as a let sub-pipeline",
        ["getschema"] = "getschema returns the columns' types, not events",
        ["search"] = "search over all columns has no canonical form; name the columns in a where",
        ["find"] = "find over tables has no canonical form; name the columns in a where",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["hasprefix"] = "hasprefix (a term of the text starts with the value) depends on Kusto's term boundaries, which the canonical language states only for has; write has, startswith or matches regex",
        ["hassuffix"] = "hassuffix (a term of the text ends with the value) depends on Kusto's term boundaries, which the canonical language states only for has; write has, endswith or matches regex",
    };

    /// <summary>The first refused construct of the query, or null.</summary>
    public static QueryDiagnostic? Find(IReadOnlyList<KqlToken> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text == "|" && StageName(tokens, i + 1) is var (name, length) && Stages.TryGetValue(name, out var reason)
                && KqlStageShorthands.Expand(tokens, i) is null)
            {
                return QueryDiagnostic.Error(SentinelImportCodes.RefusedStage, $"the KQL stage '{name}' is not translated: {reason}", new TextSpan(tokens[i + 1].Start, length));
            }

            if (tokens[i].Text == "nulls" && i > 0 && tokens[i + 1].Text is "first" or "last" && !KqlSourceText.IsDefaultNullOrder(tokens[i - 1].Text, tokens[i + 1].Text))
            {
                return QueryDiagnostic.Error(SentinelImportCodes.RefusedStage,
                    $"nulls {tokens[i + 1].Text} after {(tokens[i - 1].Text == "asc" ? "asc" : "desc")} is not translated: the canonical sort places nulls first ascending and last descending, and has no other placement",
                    new TextSpan(tokens[i].Start, tokens[i + 1].Start + tokens[i + 1].Text.Length - tokens[i].Start));
            }

            var op = tokens[i].Text.EndsWith("_cs", StringComparison.Ordinal) ? tokens[i].Text[..^3] : tokens[i].Text;
            if (tokens[i].IsIdentifier && i > 0 && tokens[i - 1].Text != "|" && Operators.TryGetValue(op, out var why))
            {
                return QueryDiagnostic.Error(SentinelImportCodes.RefusedFunction, $"the KQL operator '{tokens[i].Text}' is not translated: {why}", new TextSpan(tokens[i].Start, tokens[i].Text.Length));
            }
        }

        return null;
    }

    // A stage name, joining the dashes the scanner splits off (make-series, parse-where, top-nested).
    private static (string Name, int Length)? StageName(IReadOnlyList<KqlToken> tokens, int index)
    {
        if (!tokens[index].IsIdentifier)
        {
            return null;
        }

        var name = tokens[index].Text;
        var start = tokens[index].Start;
        var end = start + name.Length;
        while (index + 2 < tokens.Count && tokens[index + 1].Text == "-" && tokens[index + 1].Start == end && tokens[index + 2].IsIdentifier && tokens[index + 2].Start == end + 1)
        {
            name += "-" + tokens[index + 2].Text;
            end = tokens[index + 2].Start + tokens[index + 2].Text.Length;
            index += 2;
        }

        return (name, end - start);
    }
}
