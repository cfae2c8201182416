using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>Builds data sources, lists and fragments from schema-valid YAML trees.</summary>
internal static class SupportFileBuilders
{
    public static DataSource BuildDataSource(YamlMapping root)
    {
        var r = new MappingReader(root);
        var splunk = new MappingReader(r.Map("splunk") ?? Empty(root));
        var sentinel = new MappingReader(r.Map("sentinel") ?? Empty(root));
        var fields = r.Sequence("fields")?.Items.OfType<YamlMapping>().Select(map =>
        {
            var f = new MappingReader(map);
            return new FieldDefinition(f.StringOr("name", ""), f.Enum<FieldType>("type") ?? FieldType.Dynamic, f.Bool("multivalued") ?? false,
                f.String("sentinel"), f.String("splunk"), f.String("description"), map.Span)
            {
                SentinelValue = f.String("sentinel_value"),
                SplunkMetadata = f.Bool("splunk_metadata") ?? false,
            };
        });
        return new DataSource(
            r.StringOr("name", ""),
            r.StringOr("description", ""),
            r.Enum<EventFormat>("event_format") ?? EventFormat.CloudTrail,
            r.StringOr("time_field", ""),
            r.Enum<TimeFormat>("time_format") ?? TimeFormat.Iso8601,
            new SplunkSource(splunk.StringOr("base_search", ""), splunk.StringOr("macro_definition", ""))
            {
                DataModel = splunk.String("datamodel"),
                Dataset = splunk.String("dataset"),
                RootDataset = splunk.Bool("root_dataset") ?? false,
            },
            new SentinelSource(sentinel.StringOr("table", ""), sentinel.StringOr("time_column", "TimeGenerated"),
                sentinel.StringOr("connector_id", ""), sentinel.Strings("data_types"))
            {
                Unavailable = sentinel.String("unavailable"),
                Columns = [.. sentinel.Sequence("columns")?.Items.OfType<YamlMapping>().Select(map =>
                {
                    var c = new MappingReader(map);
                    return new SentinelColumn(c.StringOr("name", ""), c.StringOr("type", "string"));
                }) ?? []],
            },
            [.. fields ?? []],
            root.Span)
        {
            FieldsFrom = r.Located("fields_from"),
        };
    }

    public static NamedList BuildList(YamlMapping root)
    {
        var r = new MappingReader(root);
        return new NamedList(r.StringOr("name", ""), r.StringOr("description", ""), r.Bool("case_sensitive") ?? false, r.Strings("values"), root.Span);
    }

    public static Fragment BuildFragment(YamlMapping root, string fileText)
    {
        var r = new MappingReader(root);
        var stages = r.Scalar("stages") ?? new YamlScalar("", YamlScalarStyle.Plain, root.Span);
        return new Fragment(r.StringOr("name", ""), r.StringOr("description", ""), r.StringOr("data_source", ""), QueryTexts.From(stages, fileText), root.Span);
    }

    private static YamlMapping Empty(YamlMapping root) => new([], root.Span);
}
