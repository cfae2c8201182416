using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Sentinel.Emit;
using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Backends.Tests.Importers;
using RuleCompiler.Backends.Tests.Sentinel;
using RuleCompiler.Backends.Tests.Splunk;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Semantics;

/// <summary>
/// <c>x matches regex p</c> with the pattern read from the data (ESCU's <c>match(userIdentity.userName,
/// requestParameters.userName)</c>): the binder warns at the pattern (RC2555), C# compiles each row's value in the
/// portable dialect (a null subject or pattern, a bad or over-long pattern match nothing), the Splunk backend writes
/// a guarded match(), Sentinel does not build it (RC4113), and the ESCU importer reads it and round-trips.
/// </summary>
public class RegexFromDataTests
{
    private const string Search = "where eventName == \"CreateAccessKey\" and not (userIdentity.userName matches regex requestParameters.userName)\n| project eventID, user = userIdentity.userName, src_ip = sourceIPAddress";

    private static string Event(string id, string? caller, string? target) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"CreateAccessKey\""
        + (caller is null ? "" : ", \"userIdentity\": {\"userName\": \"" + caller + "\"}")
        + (target is null ? "" : ", \"requestParameters\": {\"userName\": \"" + target + "\"}") + "}";

    [Fact]
    public void The_binder_takes_a_pattern_from_the_data_with_a_warning_at_it_and_keeps_constants_for_functions()
    {
        using var probe = ProbeRepository.With(Search);
        var warning = Assert.Single(Compile(probe), d => d.Code == BindingCodes.RegexFromData);
        Assert.False(warning.IsError);
        Assert.Equal((ProbeRepository.SearchLine, 85), (warning.Span.Line, warning.Span.Column));
        Assert.Contains("Sentinel cannot run it", warning.Message, StringComparison.Ordinal);

        // A function's pattern stays a constant, and a literal that is not text is still RC2520.
        using var function = ProbeRepository.With("where extract(eventSource, 0, eventName) == \"x\"");
        Assert.Contains(Compile(function), d => d.Code == BindingCodes.RegexNotConstant);
        using var number = ProbeRepository.With("where eventName matches regex 5");
        Assert.Contains(Compile(number), d => d.Code == BindingCodes.RegexNotConstant);
    }

    private static IReadOnlyList<Compiler.Diagnostics.Diagnostic> Compile(ProbeRepository probe) =>
        RuleCompilerHost.Compile([Path.Combine(probe.Root, "rules")]).Diagnostics;

    [Fact]
    public void Csharp_compiles_each_rows_pattern_and_a_null_or_bad_one_matches_nothing()
    {
        Assert.True(Ops.Matches("alice", Value.String("^a.i")));
        Assert.False(Ops.Matches("alice", Value.String("^bob$")));
        // A user name with a dot is a pattern: "a.b" matches "axb", as in SPL.
        Assert.True(Ops.Matches("axb", Value.String("a.b")));
        Assert.True(Ops.Matches("anything", Value.String("")));
        Assert.False(Ops.Matches("alice", Value.Null));
        Assert.False(Ops.Matches(Value.Null, Value.String("")));
        Assert.False(Ops.Matches("a(b", Value.String("a(b")));
        Assert.False(Ops.Matches("aa", Value.String(@"(a)\1")));
        // The length bound: 1,024 characters are compiled, 1,025 are not (empty groups keep the automaton small).
        var longest = "a" + string.Concat(Enumerable.Repeat("()", 511)) + "b";
        Assert.Equal(1024, longest.Length);
        Assert.True(Ops.Matches("xab", Value.String(longest)));
        Assert.False(Ops.Matches("xab", Value.String(longest + "?")));
        // The portable dialect: \d is ASCII, $ is the very end.
        Assert.False(Ops.Matches("\u0663", Value.String(@"^\d$")));
        Assert.False(Ops.Matches("x\n", Value.String("x$")));
        // A multi-valued subject: any element.
        Assert.True(Ops.Matches(Value.Array(["bob", "alice"]), Value.String("^al")));
    }

    [Fact]
    public void The_rule_runs_in_csharp_on_events()
    {
        var parsed = QueryParser.Parse(Search);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var rows = RuleHarness.Run(parsed.Query!,
            Event("self", "alice", "alice"), Event("other", "alice", "bob"), Event("dot", "a.b", "a.b"), Event("meta", "axb", "a.b"), Event("no-target", "alice", null));
        // "meta": a.b as a pattern matches axb. "no-target": a null pattern matches nothing, so not(...) holds.
        Assert.Equal(["other", "no-target"], rows.Select(r => r.GetTop("eventID").ToText()));
    }

    [Fact]
    public void Splunk_writes_a_guarded_match_and_refuses_a_multivalued_subject()
    {
        var (rule, checks) = SearchInRuleCopy.Compile(Search);
        Assert.DoesNotContain(checks, d => d.IsError);
        var result = SplEmitter.Emit(rule);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        SplGolden.Matches(result.Spl + "\n", "SplunkRegexFromData", "not_the_callers_own_name.spl");
        Assert.Contains("AND match('userIdentity.userName', 'requestParameters.userName')", result.Spl, StringComparison.Ordinal);

        var (multi, _) = SearchInRuleCopy.Compile("where resources[*].ARN matches regex eventName\n| project user = eventName, src_ip = sourceIPAddress");
        Assert.Contains(SplEmitter.Emit(multi).Diagnostics, d => d.Code == SplDiagnostics.NeedsConstant && d.IsError);
    }

    [Fact]
    public void A_constant_pattern_that_matches_the_empty_text_is_true_for_a_null_text_on_every_target()
    {
        // The language reads a null text as "" (C#: Ops.Matches of a missing field), so Splunk reads it with coalesce.
        Assert.True(Ops.Matches(Value.Null, Ops.Regex("^(aws-cli)?")));
        var (rule, _) = SearchInRuleCopy.Compile("where userAgent matches regex \"^(aws-cli)?\" and eventName matches regex \"^Put\"\n| project user = eventName, src_ip = sourceIPAddress");
        var spl = SplEmitter.Emit(rule).Spl;
        Assert.Contains("match(coalesce(userAgent, \"\"), \"^(aws-cli)?\")", spl, StringComparison.Ordinal);
        Assert.Contains("(isnotnull(eventName) AND match(eventName, \"^Put\"))", spl, StringComparison.Ordinal);
        EscuImporterTests.BindsRunsAndRoundTrips("`cloudtrail` | where match(userAgent, \"^(aws-cli)?\") | table eventID userAgent");
    }

    [Fact]
    public void Sentinel_does_not_build_it_and_says_why_at_the_pattern()
    {
        using var probe = ProbeRepository.With(Search);
        var query = probe.Emit();
        Assert.False(query.Portable);
        var notBuilt = Assert.Single(query.Diagnostics, d => d.Code == KqlDiagnostics.RegexFromData);
        Assert.Equal((ProbeRepository.SearchLine, 85), (notBuilt.Span.Line, notBuilt.Span.Column));
    }

    [Fact]
    public void Escu_match_of_two_fields_imports_runs_and_round_trips()
    {
        Assert.Equal(
            "where eventName =~ \"CreateAccessKey\"\n| extend same = iif(userIdentity.userName matches regex requestParameters.userName, 1, 0)\n| project eventID, same\n",
            EscuAddOnFieldsTests.Canonical("`cloudtrail` eventName=CreateAccessKey | eval same=if(match(userIdentity.userName, requestParameters.userName), 1, 0) | table eventID same"));
        var verified = EscuImporterTests.Verify(
            "`cloudtrail` eventName=CreateAccessKey | eval same=if(match(userIdentity.userName,requestParameters.userName),1,0) | search same=0 | table eventID userIdentity.userName");
        Assert.True(verified.Bound, verified.BindReason);
        Assert.True(verified.CSharpRan == true, verified.CSharpReason);
        Assert.True(verified.RoundTrip == true, verified.RoundTripReason);
        Assert.Contains(KqlDiagnostics.RegexFromData, verified.KqlReason, StringComparison.Ordinal);
    }
}
