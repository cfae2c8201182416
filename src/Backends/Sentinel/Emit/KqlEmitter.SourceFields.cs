using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Sentinel.Emit;

internal sealed partial class KqlEmitter
{
    /// <summary>
    /// Fields that no column holds as such become columns of their own where the table is read, for a pipeline that
    /// reads them or outputs them:
    /// <list type="bullet">
    /// <item>a field whose value never varies in the table (the data source's <c>sentinel_value</c>: Security Lake's
    /// cloud.provider is "AWS" in every AWSCloudTrail record) as that text;</item>
    /// <item>a field mapped to a path below a dynamic column (<c>sentinel: RawEvent.user.username</c>: AWSEKSLogs keeps
    /// the whole audit event in RawEvent) as that path, converted to the field's type.</item>
    /// </list>
    /// Unread, they stay unavailable (RC4101 should anything read them after all).
    /// </summary>
    private void WriteSourceFieldsRead(BoundSource source)
    {
        if (source is not BoundDataSourceInput { DataSource: var dataSource })
        {
            return;
        }

        var uses = new ColumnUses();
        foreach (var stage in _stages)
        {
            uses.Walk(stage);
        }

        uses.Names.UnionWith(_outputNames);
        var dynamicColumns = (_tables.FirstOrDefault(t => t.Name == dataSource.Sentinel.Table)?.Columns ?? [])
            .Where(c => c.Type.Equals("dynamic", StringComparison.OrdinalIgnoreCase)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in dataSource.Fields.Where(f => uses.Names.Contains(f.Name)))
        {
            var value = field.SentinelValue is { } text ? KqlText.StringLiteral(text) : PathBelowDynamicColumn(field, dynamicColumns);
            if (value is not null)
            {
                _lines.Add($"| extend {KqlText.Identifier(field.Name)} = {value}");
                _rows = _rows.With(field.Name, KqlColumn.Named(field.Name));
            }
        }
    }

    /// <summary>
    /// The KQL of a field mapped to <c>Column.a.b</c> where Column is a dynamic column of the table and the mapping is not
    /// itself a column name: the path, converted to the field's type (a dynamic field stays dynamic); null otherwise.
    /// </summary>
    private static string? PathBelowDynamicColumn(FieldDefinition field, HashSet<string> dynamicColumns)
    {
        if (field.SentinelColumn is not { } mapping || mapping.IndexOf('.', StringComparison.Ordinal) is var dot && dot <= 0
            || !dynamicColumns.Contains(mapping[..dot]))
        {
            return null;
        }

        var path = KqlText.Identifier(mapping[..dot]) + string.Concat(mapping[(dot + 1)..].Split('.').Select(m => PathText(new MemberStep(m))));
        return field.Type switch
        {
            FieldType.String => $"tostring({path})",
            FieldType.Long => $"tolong({path})",
            FieldType.Real => $"toreal({path})",
            FieldType.Bool => $"tobool({path})",
            FieldType.DateTime => $"todatetime({path})",
            FieldType.TimeSpan => $"totimespan({path})",
            _ => path,
        };
    }
}
