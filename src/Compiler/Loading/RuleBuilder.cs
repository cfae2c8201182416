using System.Collections.Immutable;
using System.Globalization;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Builds a <see cref="Rule"/> from a schema-valid YAML tree. Values the schema cannot judge (calendar dates,
/// durations) are checked here, where they are parsed.
/// </summary>
internal static class RuleBuilder
{
    public static Rule Build(YamlFile file, YamlMapping root, ICollection<Diagnostic> diagnostics)
    {
        var r = new MappingReader(root);
        var search = r.Scalar("search") ?? new YamlScalar("", YamlScalarStyle.Plain, root.Span);
        return new Rule(
            file.Path,
            r.LocatedOr("id", ""),
            r.LocatedOr("name", ""),
            ReadVersion(r, root),
            ReadDate(r, root, diagnostics),
            r.StringOr("author", ""),
            r.Enum<RuleStatus>("status") ?? RuleStatus.Experimental,
            r.Enum<RuleType>("type") ?? RuleType.Hunting,
            r.StringOr("description", ""),
            r.String("how_to_implement"),
            r.String("known_false_positives"),
            r.LocatedStrings("references"),
            r.LocatedOr("data_source", ""),
            QueryTexts.From(search, file.Text),
            r.Enum<Severity>("severity"),
            r.LocatedStrings("attack"),
            ReadTags(r.Map("tags")),
            ReadRisk(r.Map("risk")),
            ReadEntities(r.Sequence("entities")),
            ReadAlert(r.Map("alert")),
            ScheduleBuilder.Read(r.Map("schedule"), root.Span, diagnostics),
            ReadDrilldowns(r.Sequence("drilldowns"), file.Text),
            TestBuilder.Read(r.Sequence("tests"), file.Path),
            root.Span)
        {
            Incident = IncidentBuilder.Read(r.Map("incident"), diagnostics),
        };
    }

    private static RuleVersion ReadVersion(MappingReader r, YamlMapping root)
    {
        var scalar = r.Scalar("version");
        var text = scalar?.Value ?? "1";
        return new RuleVersion(text, r.Int("version"), scalar?.Span ?? root.Span);
    }

    private static DateOnly ReadDate(MappingReader r, YamlMapping root, ICollection<Diagnostic> diagnostics)
    {
        if (r.Located("date") is not { } date)
        {
            return DateOnly.MinValue;
        }

        if (DateOnly.TryParseExact(date.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.InvalidDate, $"'{date.Value}' is not a calendar date (YYYY-MM-DD)", date.Span));
        return DateOnly.MinValue;
    }

    private static RuleTags ReadTags(YamlMapping? tags)
    {
        if (tags is null)
        {
            return RuleTags.None;
        }

        var t = new MappingReader(tags);
        return new RuleTags(t.Strings("kill_chain_phases"), t.Strings("nist"), t.Strings("cis20"), t.Strings("analytic_stories"),
            t.String("asset_type"), t.String("security_domain"), t.Strings("product"), t.Strings("cve"));
    }

    private static RuleRisk? ReadRisk(YamlMapping? risk)
    {
        if (risk is null)
        {
            return null;
        }

        var r = new MappingReader(risk);
        return new RuleRisk(LocatedInt(r, "impact"), LocatedInt(r, "confidence"), r.Located("message"), risk.Span);
    }

    private static Located<int> LocatedInt(MappingReader r, string key) =>
        new(r.Int(key) ?? 0, r.Scalar(key)?.Span ?? r.Mapping.Span);

    private static ImmutableArray<EntityMapping> ReadEntities(YamlSequence? entities) => entities is null
        ? []
        : [.. entities.Items.OfType<YamlMapping>().Select(map =>
        {
            var e = new MappingReader(map);
            return new EntityMapping(
                e.LocatedOr("type", ""),
                [.. e.Pairs("identifiers").Select(p => new EntityIdentifier(p.Key, p.Value))],
                e.Enum<EntityRole>("role"),
                e.Located("field"),
                e.String("object_type"),
                e.Int("score"),
                map.Span);
        })];

    private static AlertTemplate? ReadAlert(YamlMapping? alert)
    {
        if (alert is null)
        {
            return null;
        }

        var a = new MappingReader(alert);
        var sentinel = a.Map("sentinel") is { } map ? new MappingReader(map) : (MappingReader?)null;
        return new AlertTemplate(a.Located("title"), a.Located("description"),
            [.. a.Pairs("custom_details").Select(p => new CustomDetail(p.Key, p.Value))], alert.Span)
        {
            SeverityColumn = a.Located("severity_column"),
            TacticsColumn = a.Located("tactics_column"),
            PerResult = a.Bool("per_result") is { } perResult ? new Located<bool>(perResult, a.Scalar("per_result")!.Span) : null,
            SentinelDynamicProperties = sentinel is { } s
                ? [.. s.Pairs("dynamic_properties").Select(p => new AlertDynamicProperty(p.Key, p.Value))]
                : [],
        };
    }

    private static ImmutableArray<Drilldown> ReadDrilldowns(YamlSequence? drilldowns, string fileText) => drilldowns is null
        ? []
        : [.. drilldowns.Items.OfType<YamlMapping>().Select(map =>
        {
            var d = new MappingReader(map);
            var search = d.Scalar("search") ?? new YamlScalar("", YamlScalarStyle.Plain, map.Span);
            return new Drilldown(d.StringOr("name", ""), QueryTexts.From(search, fileText), d.String("earliest_offset"), d.String("latest_offset"), map.Span);
        })];
}
