using System.Text.Json;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Rules;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Backends.CSharp.Testing;

/// <summary>The outcome of one <c>tests:</c> entry; <see cref="Problems"/> is empty when it passed.</summary>
public sealed record RuleTestResult(Rule Rule, RuleTest Test, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Runs a rule's <c>tests:</c>: reads the events (inline or a file next to the rule), runs the compiled rule on
/// them with now() fixed at the latest event time (so windows like ago(1h) hold on any day), and compares the
/// output with the expected count and rows (each expected row must equal some output row on its listed columns).
/// Results are sets unless the query sorts (docs/semantics.md decision 5): when the search ends in <c>sort</c>, the
/// expected rows must also appear in the output in the order they are written.
/// </summary>
public static class RuleTestRunner
{
    public static IEnumerable<RuleTestResult> Run(Compiler.Compilation.CompiledRule source, Runtime.Rules.CompiledRule compiled)
    {
        foreach (var test in source.Rule.Tests)
        {
            yield return RunOne(source.Rule, source.DataSource, EndsInSort(source.Query), compiled, test);
        }
    }

    private static RuleTestResult RunOne(Rule rule, DataSource dataSource, bool ordered, Runtime.Rules.CompiledRule compiled, RuleTest test)
    {
        var problems = new List<string>();
        var documents = ReadEvents(test, problems);
        try
        {
            var time = new TimeSpec(FieldPath.Dotted(dataSource.TimeField), (Runtime.Values.TimeFormat)(int)dataSource.TimeFormat);
            var rows = documents.Select(d => Row.FromEvent(d.RootElement)).ToList();
            var latest = rows.Select(r => r.Time(time)).Where(t => t.Kind == ValueKind.DateTime).Select(t => t.AsDateTime).DefaultIfEmpty(DateTime.UtcNow).Max();
            var output = new RowCollector();
            using (EvaluationClock.FixAt(latest))
            {
                var plan = compiled.Start(output, tables: SuppliedTables(test, documents));
                foreach (var row in rows)
                {
                    plan.Push(row);
                }

                plan.Complete();
            }

            Compare(test.Expect, output.Rows, ordered, problems);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"the rule failed while running: {e.Message}");
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }

        return new RuleTestResult(rule, test, problems);
    }

    /// <summary>The rows the test supplies for maintained tables (their documents are disposed with the events').</summary>
    private static TableRows SuppliedTables(RuleTest test, List<JsonDocument> documents)
    {
        var tables = TableRows.None;
        foreach (var table in test.Tables)
        {
            var rows = new List<Row>();
            foreach (var row in table.Rows)
            {
                var document = JsonDocument.Parse(row.ToJsonString());
                documents.Add(document);
                rows.Add(Row.FromEvent(document.RootElement));
            }

            tables = tables.With(table.Name, rows);
        }

        return tables;
    }

    private static List<JsonDocument> ReadEvents(RuleTest test, List<string> problems)
    {
        var documents = new List<JsonDocument>();
        if (test.Events is { File: { } refused, OutsideRepository: true })
        {
            // Never read (RuleChecks reports it): with no events an expectation of no rows would pass.
            problems.Add($"its events file '{refused.Value}' was not read: it resolves outside the repository ({Compiler.Semantics.SemanticDiagnosticCodes.TestEventsOutsideRepository})");
            return documents;
        }

        if (test.Events.ResolvedPath is { } path)
        {
            foreach (var record in EventReader.ReadFile(path, e => problems.Add($"bad test event: {e}")))
            {
                documents.Add(JsonDocument.Parse(record.Event.GetRawText()));
            }

            return documents;
        }

        foreach (var inline in test.Events.Inline)
        {
            if (inline.Json is System.Text.Json.Nodes.JsonObject json)
            {
                documents.Add(JsonDocument.Parse(json.ToJsonString()));
            }
            else
            {
                problems.Add($"inline event at line {inline.Span.Line} is not a mapping");
            }
        }

        return documents;
    }

    /// <summary>Whether the search's main pipeline ends in sort (or sort then take): then its row order is part of the result.</summary>
    public static bool EndsInSort(BoundQuery query) =>
        query.Body.Stages is [.., BoundSort] or [.., BoundSort, BoundTake];

    /// <summary>Compares output rows with the expectation; <paramref name="ordered"/> also checks the rows' order.</summary>
    public static void Compare(TestExpectation expect, IReadOnlyList<Row> rows, bool ordered, List<string> problems)
    {
        if (expect.Count is { } count && count != rows.Count)
        {
            // More rows than expected: show in full the ones no expected row accounts for (all rows when every one
            // matches some expected row, so the count itself is what is off).
            var unexpected = rows.Count > count ? rows.Where(r => !expect.Rows.Any(e => RowDiff.Matches(e, r))).ToList() : [];
            problems.Add($"expected {count} row(s), got {rows.Count}" + (unexpected.Count > 0
                ? RowDiff.DescribeRows("unexpected row", unexpected)
                : rows.Count > count ? RowDiff.DescribeRows("row", rows) : ""));
        }

        var unmatched = 0;
        foreach (var expected in expect.Rows)
        {
            if (rows.Any(r => RowDiff.Matches(expected, r)))
            {
                continue;
            }

            unmatched++;
            problems.Add(RowDiff.Describe(expected, rows));
        }

        if (ordered && unmatched == 0)
        {
            CompareOrder(expect, rows, problems);
        }
    }

    /// <summary>Each expected row must match an output row after the one the previous expected row matched.</summary>
    private static void CompareOrder(TestExpectation expect, IReadOnlyList<Row> rows, List<string> problems)
    {
        var position = -1;
        foreach (var expected in expect.Rows)
        {
            var next = position + 1;
            while (next < rows.Count && !RowDiff.Matches(expected, rows[next]))
            {
                next++;
            }

            if (next == rows.Count)
            {
                problems.Add($"the search ends in sort, so rows compare in order: the expected row at line {expected.Span.Line} " +
                    $"is not found after output row {position + 1} (it is at output row {IndexOf(expected, rows) + 1})");
                return;
            }

            position = next;
        }
    }

    private static int IndexOf(ExpectedRow expected, IReadOnlyList<Row> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (RowDiff.Matches(expected, rows[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
