using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RuleCompiler.Backends.Sentinel.Analysis;
using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Backends.Targets;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Emit;

/// <summary>
/// The KQL of one rule, the names of its output columns (the binder's), and what the emitter found: warnings where
/// KQL differs, and "not built" warnings (<see cref="KqlDiagnostics"/>) when the rule cannot be expressed at all.
/// </summary>
public sealed record KqlQuery(string Text, ImmutableArray<string> OutputColumns, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>False when Sentinel cannot run the rule; the Sentinel target then leaves it out.</summary>
    public bool Portable => !Diagnostics.Any(d => KqlEmitter.NotBuiltCodes.Contains(d.Code));
}

/// <summary>
/// Emits the KQL a Sentinel engineer would write for a bound query: the data source's table, then one stage per line.
/// Source fields become the table's columns (<c>eventName</c> is <c>EventName</c>, <c>_time</c> is
/// <c>TimeGenerated</c>); paths below a dynamic field are read with <c>parse_json</c> when its column holds JSON text
/// and directly when it is a dynamic column. Output columns keep the binder's names. Named lists become
/// <c>let</c> dynamic arrays and fragments are inlined (docs/sentinel-backend.md says why). Parts: stages
/// (KqlEmitter.Stages.cs), expressions (KqlEmitter.Expressions.cs).
/// </summary>
internal sealed partial class KqlEmitter
{
    internal static readonly ImmutableHashSet<string> NotBuiltCodes =
    [
        KqlDiagnostics.NoSentinelColumn, KqlDiagnostics.ColumnTypeMismatch, KqlDiagnostics.MultivaluedOperand,
        KqlDiagnostics.NoSentinelTable, KqlDiagnostics.FillNullType, KqlDiagnostics.TableNotInSentinel, KqlDiagnostics.RegexFromData,
    ];

    private readonly CapabilityTable _table = SentinelCapabilities.Table;
    private readonly IReadOnlyList<KustoTable> _tables;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, string> _listLets = new(StringComparer.Ordinal);
    private readonly List<string> _listLines = [];
    private readonly Dictionary<BoundLetPipeline, KqlRows> _letRows = [];
    private readonly HashSet<string> _letNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _referencedByRule = new(StringComparer.Ordinal);

    // The pipeline being emitted: its lines, its rows so far, its stages (fragments inlined) and the current one.
    private List<string> _lines = [];
    private KqlRows _rows = KqlRows.OfNames([]);
    private IReadOnlyList<BoundStage> _stages = [];
    private int _index;

    private KqlEmitter(IReadOnlyList<KustoTable> tables) => _tables = tables;

    /// <summary>
    /// The KQL of <paramref name="query"/>. <paramref name="tables"/> are the Sentinel tables the data sources declare
    /// (<see cref="KustoTable.FromDataSources"/>): their column types decide how nested paths are read.
    /// </summary>
    public static KqlQuery Emit(BoundQuery query, Rule rule, IReadOnlyList<KustoTable> tables)
    {
        var emitter = new KqlEmitter(tables);
        return emitter.EmitQuery(query, rule);
    }

    private KqlQuery EmitQuery(BoundQuery query, Rule rule)
    {
        // The data source is read by the main pipeline or by a let's pipeline (an eventstats reads it through one).
        var sources = query.Lets.OfType<BoundLetPipeline>().Select(l => l.Pipeline.Source).Append(query.Body.Source).OfType<BoundDataSourceInput>();
        if (sources.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.DataSource.Sentinel.Table)) is { } tableless)
        {
            var why = tableless.DataSource.Sentinel.Unavailable is { } reason ? ": " + reason : "";
            return new KqlQuery("", [], [NotBuilt(KqlDiagnostics.NoSentinelTable, "its data source names no Sentinel table" + why, rule.DataSource.Span)]);
        }

        foreach (var let in query.Lets)
        {
            _letNames.Add(let.Name);
        }

        _referencedByRule.UnionWith(ColumnsNamedBy(rule));

        var letLines = new List<string>();
        foreach (var let in query.Lets)
        {
            switch (let)
            {
                case BoundLetConstant constant:
                    letLines.Add($"let {KqlText.Identifier(constant.Name)} = {Expr(constant.Value).Text};");
                    break;
                case BoundLetPipeline pipeline:
                    var (lines, rows) = Pipeline(pipeline.Pipeline);
                    _letRows[pipeline] = rows;
                    lines[0] = $"let {KqlText.Identifier(pipeline.Name)} = {lines[0]}";
                    lines[^1] += ";";
                    letLines.AddRange(lines);
                    break;
            }
        }

        var (body, output) = Pipeline(query.Body, query.OutputColumns);
        var text = string.Join("\n", _listLines.Concat(letLines).Concat(body)) + "\n";
        var columns = query.OutputColumns.Where(c => output.Find(c.Name)?.Name == c.Name).Select(c => c.Name).ToImmutableArray();
        return new KqlQuery(text, columns, [.. _diagnostics.Distinct()]);
    }

    /// <summary>
    /// A pipeline's lines (its source, then one line per stage) and its rows. With <paramref name="output"/>, the
    /// columns that still have their table name are renamed to the binder's at the end.
    /// </summary>
    private (List<string> Lines, KqlRows Rows) Pipeline(BoundPipeline pipeline, ImmutableArray<Column>? output = null)
    {
        var saved = (_lines, _rows, _stages, _index, _outputNames);
        _outputNames = pipeline.Output.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        _lines = [SourceText(pipeline.Source), .. IntegerColumnsReadAsReal(pipeline.Source)];
        _rows = SourceRows(pipeline.Source);
        _stages = Inline(pipeline.Stages);
        WriteSourceFieldsRead(pipeline.Source);
        for (_index = 0; _index < _stages.Count; _index++)
        {
            var hidden = HoistMemberLists(_stages[_index]);
            _stages[_index].Accept(this);
            if (hidden.Count > 0 && _stages[_index] is BoundWhere or BoundExtend or BoundMvExpand)
            {
                _lines.Add("| project-away " + string.Join(", ", hidden));
            }
        }

        if (output is { } columns)
        {
            RenameToBinderNames(columns);
        }

        var result = (_lines, _rows);
        (_lines, _rows, _stages, _index, _outputNames) = saved;
        return result;
    }

    /// <summary>Fragments are inlined: an invoke's stages take its place.</summary>
    private static List<BoundStage> Inline(IEnumerable<BoundStage> stages) =>
        [.. stages.SelectMany(s => s is BoundInvoke invoke ? Inline(invoke.Stages) : [s])];

    private string SourceText(BoundSource source) => source switch
    {
        BoundDataSourceInput input => KqlText.Identifier(input.DataSource.Sentinel.Table),
        BoundLetPipelineInput let => KqlText.Identifier(let.Let.Name),
        BoundTableInput table => TableSourceText(table),
        _ => throw new InvalidOperationException("a query with binding errors reached the KQL emitter"),
    };

    private KqlRows SourceRows(BoundSource source) => source switch
    {
        BoundDataSourceInput input => TableRows(input.DataSource, input.Schema),
        BoundLetPipelineInput let => _letRows[let.Let],
        BoundTableInput table => KqlRows.OfNames(table.Table.Columns.Select(c => c.Name)),
        _ => throw new InvalidOperationException("a query with binding errors reached the KQL emitter"),
    };

    /// <summary>The data source's columns as the table holds them, checked against the table's declared column types.</summary>
    private KqlRows TableRows(DataSource source, RowSchema schema)
    {
        var tableColumns = _tables.FirstOrDefault(t => t.Name == source.Sentinel.Table)?.Columns ?? [];
        var types = tableColumns.ToDictionary(c => c.Name, c => c.Type.ToLowerInvariant(), StringComparer.Ordinal);
        var columns = ImmutableDictionary.CreateBuilder<string, KqlColumn>(StringComparer.Ordinal);
        foreach (var column in schema.Columns)
        {
            columns[column.Name] = column.Origin == ColumnOrigin.EventTime
                ? KqlColumn.Named(source.Sentinel.TimeColumn)
                : SourceColumn(source, column, types);
        }

        var physical = tableColumns.IsDefaultOrEmpty
            ? columns.Values.Select(c => c.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray()
            : [.. tableColumns.Select(c => c.Name)];
        return new KqlRows(columns.ToImmutable(), physical);
    }

    private static KqlColumn SourceColumn(DataSource source, Column column, Dictionary<string, string> types)
    {
        var table = source.Sentinel.Table;
        if (column.SourceField?.SentinelColumn is not { Length: > 0 } name)
        {
            return KqlColumn.Missing(KqlDiagnostics.NoSentinelColumn, $"no column of the Sentinel table {table} carries the field '{column.Name}' of {source.Name}");
        }

        if (types.Count == 0)
        {
            // No declared table schema: trust the data source's mapping as it is.
            return KqlColumn.Named(name);
        }

        if (!types.TryGetValue(name, out var type))
        {
            return KqlColumn.Missing(KqlDiagnostics.NoSentinelColumn, $"the field '{column.Name}' maps to {name}, which is not a column of {table}");
        }

        var wanted = KqlTypeName(column.SourceField.Type);
        return (wanted, type) switch
        {
            _ when wanted == type => KqlColumn.Named(name),
            ("dynamic", "string") => KqlColumn.Named(name, jsonText: true),
            // KQL has two integer types; an int column holds what a long field does.
            ("long", "int") => KqlColumn.Named(name),
            // The table stores a real field as an integer: the query converts it first (IntegerColumnsReadAsReal).
            ("real", "int" or "long") => KqlColumn.Named(name),
            _ => KqlColumn.Missing(KqlDiagnostics.ColumnTypeMismatch, $"the field '{column.Name}' is {wanted}, but its column {table}.{name} is {type}"),
        };
    }

    /// <summary>
    /// A real field whose table column is an integer (GuardDuty's severity in AWSGuardDuty) is converted where the table
    /// is read, so that division, tostring and the output carry the field's type, not the column's.
    /// </summary>
    private IEnumerable<string> IntegerColumnsReadAsReal(BoundSource source)
    {
        if (source is not BoundDataSourceInput { DataSource: var dataSource })
        {
            return [];
        }

        var table = _tables.FirstOrDefault(t => t.Name == dataSource.Sentinel.Table)?.Columns ?? [];
        return dataSource.Fields
            .Where(f => f.IsRealInIntegerColumn(table))
            .Select(f => KqlText.Identifier(f.SentinelColumn!))
            .Distinct(StringComparer.Ordinal)
            .Select(id => $"| extend {id} = toreal({id})");
    }

    private static string KqlTypeName(FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Long => "long",
        FieldType.Real => "real",
        FieldType.Bool => "bool",
        FieldType.DateTime => "datetime",
        FieldType.TimeSpan => "timespan",
        _ => "dynamic",
    };

    /// <summary>
    /// A query that ends without project or summarize outputs the table's columns under the table's names. The ones the
    /// rule's entities and alert name get the binder's name, so those name the same columns on every target; the rest
    /// keep Sentinel's names (renaming every column of the table would bury the query under one long line).
    /// </summary>
    private void RenameToBinderNames(ImmutableArray<Column> output)
    {
        var renames = new List<string>();
        var copies = new List<string>();
        var renamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in output.Where(c => _referencedByRule.Contains(c.Name)))
        {
            if (_rows.Find(column.Name) is not { Name: { } physical } kql || physical == column.Name)
            {
                continue;
            }

            // Two fields on one table column (actor.user.account.uid and actor.user.account_uid): rename once, copy the rest.
            (renamed.Add(physical) ? renames : copies).Add($"{KqlText.Identifier(column.Name)} = {KqlText.Identifier(physical)}");
            _rows = _rows with { Columns = _rows.Columns.SetItem(column.Name, kql with { Name = column.Name }) };
        }

        if (copies.Count > 0)
        {
            _lines.Add("| extend " + string.Join(", ", copies));
        }

        if (renames.Count > 0)
        {
            _lines.Add("| project-rename " + string.Join(", ", renames));
        }
    }

    /// <summary>The output columns the rule's entities, alert settings (custom details, severity and tactics columns, ...) and alert placeholders name.</summary>
    private static IEnumerable<string> ColumnsNamedBy(Rule rule) =>
        rule.Entities.SelectMany(e => e.Identifiers.Select(i => i.Column.Value))
            .Concat(rule.Alert?.NamedColumns().Select(c => c.Column.Value) ?? [])
            .Concat(new[] { rule.Alert?.Title, rule.Alert?.Description }.OfType<Located<string>>()
                .SelectMany(t => Placeholder().Matches(t.Value).Select(m => m.Groups[1].Value)));

    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    private static partial Regex Placeholder();

    private Diagnostic NotBuilt(string code, string reason, SourceSpan where) =>
        Diagnostic.Warning(code, $"not built for Sentinel: {reason}", where);
}
