using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// What to check a rule against: the ATT&amp;CK catalogue, and the repository's data source names (null when the
/// rule is checked on its own, outside a repository, so the reference cannot be judged).
/// </summary>
public sealed record RuleCheckContext(AttackCatalogue Attack, IReadOnlySet<string>? DataSourceNames);

/// <summary>Checks of one rule that the schema cannot express (RC13xx).</summary>
public static class RuleChecks
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(14);

    public static IEnumerable<Diagnostic> Check(Rule rule, RuleCheckContext context) =>
        CheckFileName(rule)
            .Concat(CheckDataSource(rule, context))
            .Concat(CheckAttack(rule, context.Attack))
            .Concat(CheckEntities(rule))
            .Concat(CheckSchedule(rule.Schedule))
            .Concat(IncidentChecks.Check(rule))
            .Concat(CheckTestFiles(rule));

    private static IEnumerable<Diagnostic> CheckFileName(Rule rule)
    {
        var expected = Naming.SnakeCase(rule.Name.Value) + ".yml";
        var actual = Path.GetFileName(rule.Path);
        if (!string.Equals(actual, expected, StringComparison.Ordinal) && !string.Equals(actual, Path.ChangeExtension(expected, ".yaml"), StringComparison.Ordinal))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.FileNameMismatch,
                $"the file name must be the snake_case of the rule name: '{expected}', not '{actual}'", rule.Name.Span);
        }
    }

    private static IEnumerable<Diagnostic> CheckDataSource(Rule rule, RuleCheckContext context)
    {
        if (context.DataSourceNames is { } names && !names.Contains(rule.DataSource.Value))
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.UnknownDataSource,
                $"unknown data source '{rule.DataSource.Value}' (no rules/data_sources/{rule.DataSource.Value}.yml){DidYouMean.Hint(rule.DataSource.Value, names)}",
                rule.DataSource.Span);
        }
    }

    private static IEnumerable<Diagnostic> CheckAttack(Rule rule, AttackCatalogue catalogue)
    {
        foreach (var id in rule.Attack)
        {
            if (catalogue.Find(id.Value) is not null)
            {
                continue;
            }

            yield return catalogue.InactiveStatus(id.Value) is { } status
                ? Diagnostic.Error(SemanticDiagnosticCodes.InactiveTechnique,
                    $"ATT&CK technique {id.Value} is {status}; use the technique that replaces it", id.Span)
                : Diagnostic.Error(SemanticDiagnosticCodes.UnknownTechnique,
                    $"unknown ATT&CK technique {id.Value} (not in the ATT&CK Enterprise catalogue)", id.Span);
        }
    }

    private static IEnumerable<Diagnostic> CheckEntities(Rule rule)
    {
        foreach (var entity in rule.Entities)
        {
            if (EntityCatalogue.Find(entity.Type.Value) is not { } type)
            {
                continue; // the schema's enum already reported it
            }

            var unknown = 0;
            foreach (var identifier in entity.Identifiers)
            {
                if (!type.Identifiers.Contains(identifier.Identifier.Value))
                {
                    unknown++;
                    yield return Diagnostic.Error(SemanticDiagnosticCodes.UnknownEntityIdentifier,
                        $"'{identifier.Identifier.Value}' is not an identifier of the {type.Name} entity (its identifiers: {string.Join(", ", type.Identifiers)})"
                        + DidYouMean.Hint(identifier.Identifier.Value, type.Identifiers),
                        identifier.Identifier.Span);
                }
            }

            // With a misspelt identifier the required set is usually what was meant; one error is enough.
            var present = entity.Identifiers.Select(i => i.Identifier.Value).ToHashSet(StringComparer.Ordinal);
            if (unknown == 0 && !type.RequiredIdentifierSets.Any(set => set.All(present.Contains)))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.MissingRequiredIdentifiers,
                    $"a {type.Name} entity needs at least one of: {string.Join("; ", type.RequiredIdentifierSets.Select(s => string.Join(" + ", s)))}",
                    entity.Type.Span);
            }
        }
    }

    private static IEnumerable<Diagnostic> CheckSchedule(RuleSchedule schedule)
    {
        foreach (var (name, value) in new[] { ("frequency", schedule.Frequency), ("lookback", schedule.Lookback) })
        {
            if (value.Value < MinimumInterval || value.Value > MaximumInterval)
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DurationOutOfBounds,
                    $"{name} {DurationText.Format(value.Value)} is outside 5m..14d", value.Span);
            }
        }

        if (schedule.Lookback.Value < schedule.Frequency.Value)
        {
            yield return Diagnostic.Error(SemanticDiagnosticCodes.LookbackShorterThanFrequency,
                $"lookback {DurationText.Format(schedule.Lookback.Value)} is shorter than the frequency {DurationText.Format(schedule.Frequency.Value)}; events between runs would be missed",
                schedule.Lookback.Span);
        }
    }

    private static IEnumerable<Diagnostic> CheckTestFiles(Rule rule)
    {
        foreach (var test in rule.Tests)
        {
            if (test.Events is { File: { } outside, OutsideRepository: true })
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.TestEventsOutsideRepository,
                    $"test events file '{outside.Value}' resolves outside the repository; events must be files inside it", outside.Span);
            }
            else if (test.Events.File is { } file && (test.Events.ResolvedPath is null || !File.Exists(test.Events.ResolvedPath)))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.TestEventsFileMissing,
                    $"test events file '{file.Value}' does not exist (paths are relative to the rule file)", file.Span);
            }
        }
    }
}
