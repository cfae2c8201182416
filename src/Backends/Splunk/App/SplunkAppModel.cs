using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>
/// The data the app's Scriban templates print, built from a <see cref="SplunkApp"/>. Every string here is already
/// .conf-escaped (<see cref="ConfEscaper"/>); the templates only place it after its key.
/// </summary>
internal sealed partial record SplunkAppModel(
    AppModel App,
    ImmutableArray<SavedSearchModel> Searches,
    ImmutableArray<MacroModel> Macros,
    ImmutableArray<StoryModel> Stories,
    ImmutableArray<LookupModel> Lookups)
{
    /// <summary>The lookup tables: static ones as CSV lookups, maintained ones as KV store lookups with their collections.</summary>
    public ImmutableArray<TableLookupModel> Tables { get; init; } = [];

    public bool HasTransforms => !Lookups.IsEmpty || !Tables.IsEmpty;

    public ImmutableArray<TableLookupModel> Collections => [.. Tables.Where(t => t.Collection is not null)];

    public static SplunkAppModel Build(SplunkApp app, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var conf = new ConfEscaper(diagnostics);
        var info = app.Info;
        var appSpan = SourceSpan.File(info.Name);
        var appModel = new AppModel(
            conf.Value("name", info.Name, appSpan),
            conf.Value("version", info.Version, appSpan),
            conf.Value("label", info.Label, appSpan),
            conf.Value("author", info.Author, appSpan),
            conf.Value("description", info.Description, appSpan),
            info.Released.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            app.Rules.Length,
            !app.Lists.IsDefaultOrEmpty);
        var searches = app.Rules.Select(r => SavedSearch(info.Name, r, conf, diagnostics)).ToImmutableArray();
        return new SplunkAppModel(appModel, searches, BuildMacros(app, conf), BuildStories(app, conf), BuildLookups(app, conf))
        {
            Tables = TableLookups.Build(app.Tables, conf),
        };
    }

    private static SavedSearchModel SavedSearch(string appName, SplunkRule splunkRule, ConfEscaper conf, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var rule = splunkRule.Rule;
        var at = rule.Span;
        var fullName = $"{appName} - {rule.Name.Value} - Rule";
        var date = rule.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var riskEntities = rule.Entities
            .Where(e => e.Role is not null && e.RiskField is not null)
            .Select(e => (Entity: e, Field: e.RiskField!.Value))
            .ToList();
        var riskFields = string.Join(",", riskEntities.Where(e => e.Entity.Role == EntityRole.RiskObject).Select(e => e.Field).Distinct(StringComparer.Ordinal));

        RiskModel? risk = rule.Risk is { } r && riskEntities.Count > 0
            ? new RiskModel(
                conf.Value("action.risk.param._risk_message", r.Message?.Value ?? rule.Name.Value, r.Message?.Span ?? at),
                conf.Value("action.risk.param._risk", SplunkJson.RiskObjects(riskEntities, r.Score), at))
            : null;

        NotableModel? notable = (rule.Type is RuleType.Ttp or RuleType.Correlation) && SplunkAlertSettings.CreatesNotable(rule)
            ? new NotableModel(
                conf.Value("action.notable.param.rule_title", Tokens(rule.Alert?.Title?.Value) ?? rule.Name.Value, at),
                conf.Prose("action.notable.param.rule_description", Tokens(rule.Alert?.Description?.Value) ?? rule.Risk?.Message?.Value, rule.Description, at),
                conf.Value("action.notable.param.security_domain", rule.Tags.SecurityDomain ?? "threat", at),
                conf.Value("action.notable.param.severity", rule.EffectiveSeverity.ToString().ToLowerInvariant(), at),
                riskFields.Length == 0 ? null : conf.Value("action.notable.param.nes_fields", riskFields, at),
                splunkRule.DrilldownSpl.IsDefaultOrEmpty ? null : conf.Value("action.notable.param.drilldown_searches", SplunkJson.Drilldowns(rule.Drilldowns.Zip(splunkRule.DrilldownSpl)), at))
            : null;

        diagnostics.AddRange(SplunkAlertSettings.NotCarried(rule));
        SuppressModel? suppress = SplunkAlertSettings.Suppression(rule, riskFields, diagnostics) is { } suppression
            ? new SuppressModel(
                suppression.Fields is { } fields ? conf.Value("alert.suppress.fields", fields, suppression.At) : null,
                conf.Value("alert.suppress.period", DurationText.Format(suppression.Period), suppression.At))
            : null;

        return new SavedSearchModel(
            Stanza: conf.Stanza(fullName, rule.Name.Span),
            FullName: conf.Value("action.escu.full_search_name", fullName, rule.Name.Span),
            Description: conf.Prose("description", rule.Description, "", at),
            AssetType: conf.Value("asset_type", rule.Tags.AssetType ?? "unknown", at),
            Mappings: conf.Value("action.escu.mappings", SplunkJson.Annotations(rule, withStories: false), at),
            HowToImplement: conf.Prose("action.escu.how_to_implement", rule.HowToImplement, "none", at),
            KnownFalsePositives: conf.Prose("action.escu.known_false_positives", rule.KnownFalsePositives, "None", at),
            Date: date,
            Product: conf.Value("action.escu.product", SplunkJson.List(rule.Tags.Product), at),
            AnalyticStory: conf.Value("action.escu.analytic_story", SplunkJson.List(rule.Tags.AnalyticStories), at),
            Risk: risk,
            Cron: conf.Value("cron_schedule", Cron(rule, diagnostics), rule.Schedule.Cron?.Span ?? rule.Schedule.Frequency.Span),
            EarliestTime: conf.Value("dispatch.earliest_time", "-" + DurationText.Format(rule.Schedule.Lookback.Value), rule.Schedule.Lookback.Span),
            Annotations: conf.Value("action.correlationsearch.annotations", SplunkJson.Annotations(rule, withStories: true), at),
            Notable: notable,
            Suppress: suppress,
            DigestMode: SplunkAlertSettings.PerResult(rule) ? "0" : "1",
            Relation: rule.Schedule.Trigger.Operator switch
            {
                TriggerOperator.GreaterThan => "greater than",
                TriggerOperator.LessThan => "less than",
                TriggerOperator.Equal => "equal to",
                _ => "not equal to",
            },
            Quantity: rule.Schedule.Trigger.Threshold.ToString(CultureInfo.InvariantCulture),
            Search: conf.Value("search", splunkRule.Spl.Trim(), rule.Search.Span),
            Rule: rule);
    }

    /// <summary>The rule's cron, else one that runs at its frequency: every N minutes or hours, or daily.</summary>
    private static string Cron(Rule rule, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (rule.Schedule.Cron is { } cron)
        {
            return cron.Value;
        }

        var frequency = rule.Schedule.Frequency;
        var minutes = frequency.Value.TotalMinutes;
        var text = minutes switch
        {
            _ when rule.Schedule.Kind == ScheduleKind.Nrt => "* * * * *",
            1 => "* * * * *",
            >= 1 and < 60 when minutes % 1 == 0 && 60 % minutes == 0 => $"*/{minutes.ToString(CultureInfo.InvariantCulture)} * * * *",
            60 => "0 * * * *",
            > 60 and < 1440 when minutes % 60 == 0 && 1440 % minutes == 0 => $"0 */{(minutes / 60).ToString(CultureInfo.InvariantCulture)} * * *",
            1440 => "0 0 * * *",
            _ => null,
        };
        if (text is null)
        {
            diagnostics.Add(Diagnostic.Error(SplunkDiagnostics.NoCronForm, $"schedule frequency {DurationText.Format(frequency.Value)} has no cron form for Splunk; give schedule.cron", frequency.Span));
            return "0 * * * *";
        }

        return text;
    }

    /// <summary>Alert templates write columns as {{column}}; Splunk's alert actions read $column$.</summary>
    private static string? Tokens(string? template) => template is null ? null : ColumnPlaceholder().Replace(template, m => "$" + m.Groups[1].Value + "$");

    private static ImmutableArray<MacroModel> BuildMacros(SplunkApp app, ConfEscaper conf)
    {
        const string sourceDescription = "customer specific splunk configurations(eg- index, source, sourcetype). Replace the macro definition with configurations for your Splunk Environment.";
        var used = app.Rules.Select(r => r.Rule.DataSource.Value).ToHashSet(StringComparer.Ordinal);
        var macros = new List<(string Name, string? Args, string Definition, string Description, SourceSpan At)>();
        // A data-model source has no macro: its rules read the data model with tstats.
        foreach (var source in app.DataSources.Where(d => used.Contains(d.Name) && !d.Splunk.IsDataModel))
        {
            macros.Add((source.Splunk.BaseSearch.Trim('`'), null, source.Splunk.MacroDefinition, sourceDescription, source.Span));
        }

        macros.Add(("security_content_ctime(1)", "field", "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)", "convert epoch time to string", SourceSpan.File(app.Info.Name)));
        foreach (var rule in app.Rules)
        {
            macros.Add((rule.FilterMacro, null, "search *", "Update this macro to limit the output results to filter out false positives.", rule.Rule.Span));
        }

        return [.. macros
            .DistinctBy(m => m.Name, StringComparer.Ordinal)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new MacroModel(
                conf.Stanza(m.Name, m.At),
                m.Args is null ? null : conf.Value("args", m.Args, m.At),
                conf.Value("definition", m.Definition, m.At),
                conf.Value("description", m.Description, m.At)))];
    }

    private static ImmutableArray<StoryModel> BuildStories(SplunkApp app, ConfEscaper conf) =>
        [.. app.Rules
            .SelectMany(r => r.Rule.Tags.AnalyticStories.Select(story => (Story: story, Rule: r.Rule)))
            .GroupBy(x => x.Story, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var at = g.First().Rule.Span;
                var names = g.Select(x => $"{app.Info.Name} - {x.Rule.Name.Value} - Rule").Order(StringComparer.Ordinal);
                return new StoryModel(
                    conf.Stanza("analytic_story://" + g.Key, at),
                    conf.Value("last_updated", g.Max(x => x.Rule.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at),
                    conf.Value("searches", SplunkJson.List(names), at),
                    conf.Value("description", g.Key, at));
            })];

    private static ImmutableArray<LookupModel> BuildLookups(SplunkApp app, ConfEscaper conf) =>
        [.. app.Lists.Select(list => (List: list, File: LookupFileName(list, conf))).Select(x => new LookupModel(
            conf.Stanza(x.List.Name, x.List.Span),
            conf.Value("filename", x.File, x.List.Span),
            x.List.CaseSensitive ? "true" : "false",
            x.File,
            string.Concat(x.List.Values.Select(v => CsvText.Field(v) + "\n"))))];

    /// <summary>&lt;list&gt;.csv, for list names that are plain file names (no path can leave lookups/).</summary>
    private static string LookupFileName(NamedList list, ConfEscaper conf) =>
        PlainFileName().IsMatch(list.Name) ? list.Name + ".csv" : conf.Refuse($"the list name '{list.Name}' cannot name a lookup file (letters, digits, _ . - only)", list.Span);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainFileName();

    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    internal static partial Regex ColumnPlaceholder();
}

internal sealed record AppModel(string Name, string Version, string Label, string Author, string Description, string Build, int RuleCount, bool HasLookups);

internal sealed record SavedSearchModel(
    string Stanza,
    string FullName,
    string Description,
    string AssetType,
    string Mappings,
    string HowToImplement,
    string KnownFalsePositives,
    string Date,
    string Product,
    string AnalyticStory,
    RiskModel? Risk,
    string Cron,
    string EarliestTime,
    string Annotations,
    NotableModel? Notable,
    SuppressModel? Suppress,
    string DigestMode,
    string Relation,
    string Quantity,
    string Search,
    Rule Rule);

internal sealed record RiskModel(string Message, string Objects);

internal sealed record NotableModel(string RuleTitle, string RuleDescription, string SecurityDomain, string Severity, string? NesFields, string? DrilldownSearches);

internal sealed record SuppressModel(string? Fields, string Period);

internal sealed record MacroModel(string Stanza, string? Args, string Definition, string Description);

internal sealed record StoryModel(string Stanza, string LastUpdated, string Searches, string Description);

/// <summary>A list shipped as a lookup: its transforms.conf stanza and its CSV file (header <c>value</c>, one row per value).</summary>
internal sealed record LookupModel(string Stanza, string Filename, string CaseSensitiveMatch, string FileName, string Rows);
