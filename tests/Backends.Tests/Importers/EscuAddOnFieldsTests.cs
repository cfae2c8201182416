using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>
/// The Splunk Add-on for AWS 7.10.0's action, status and errorCode of aws:cloudtrail as the ESCU importer derives
/// them: the canonical text, and what it gives when the C# backend runs it on hand-made CloudTrail events, checked
/// against a direct reading of the lookup table (first matching row in table order, "*" any code, no row no value).
/// </summary>
public class EscuAddOnFieldsTests
{
    private static readonly string[] Codes = ["", "success", "AccessDenied", "Client.UnauthorizedOperation", "NoSuchEntity"];

    internal static string Canonical(string spl)
    {
        var result = SplQueryTranslator.Translate(spl, EscuScratch.Context);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        return result.Search!;
    }

    /// <summary>The SPL translated, then run by the C# backend: one "id=action/status" text per output row.</summary>
    internal static List<string> Run(string spl, params string[] events)
    {
        var parsed = QueryParser.Parse(Canonical(spl));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        return [.. RuleHarness.Run(parsed.Query!, events).Select(RuleHarness.Text)];
    }

    private static string Event(string id, string eventName, string errorCode = "", string? consoleLogin = null) =>
        "{\"eventTime\": \"2024-01-02T03:04:05Z\", \"eventID\": \"" + id + "\", \"eventName\": \"" + eventName + "\""
        + (errorCode.Length > 0 ? ", \"errorCode\": \"" + errorCode + "\"" : "")
        + (consoleLogin is null ? "" : ", \"responseElements\": {\"ConsoleLogin\": \"" + consoleLogin + "\"}") + "}";

    // The lookup as the add-on applies it, read straight from the rows.
    private static (string Action, string Status) Expected(string eventName, string errorCode)
    {
        foreach (var pattern in AddOnActionStatusTable.Patterns.Where(p => p.EventNames.Contains(eventName)))
        {
            foreach (var row in pattern.Rows.Where(r => r.ErrorCode == "*" || r.ErrorCode == errorCode))
            {
                return (row.Action, row.Status);
            }
        }

        return ("", "");
    }

    [Fact]
    public void The_table_restates_the_add_on_lookup_by_row_pattern()
    {
        var names = AddOnActionStatusTable.Patterns.SelectMany(p => p.EventNames).ToList();
        Assert.Equal(256, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(25, AddOnActionStatusTable.Patterns.Length);
        Assert.Equal(AddOnActionStatusTable.Patterns.Length, AddOnActionStatusTable.Patterns.Select(p => string.Join(";", p.Rows)).Distinct().Count());
        Assert.All(AddOnActionStatusTable.Patterns.SelectMany(p => p.Rows), r => Assert.True(r.ErrorCode == "*" || !r.ErrorCode.Contains('*', StringComparison.Ordinal)));
        Assert.Equal(("created", "success"), Expected("CreateQueue", "AccessDenied"));
        Assert.Equal(("", ""), Expected("CreateNetworkInterface", "AccessDenied"));
        Assert.Contains("DescribeRepositories ", names);
        Assert.Equal("7.10.0", AddOnLookupFields.Version);
    }

    [Fact]
    public void Action_and_status_are_a_case_over_event_names_grouped_by_value_narrowed_by_the_rules_event_names()
    {
        const string Success = "errorCode == \"success\" or isempty(errorCode) and not (tostring(responseElements.ConsoleLogin) == \"Failure\")";
        Assert.Equal(
            "where eventName =~ \"DeleteVirtualMFADevice\" or eventName =~ \"DeactivateMFADevice\"\n"
            + $"| project action = case(eventName == \"DeleteVirtualMFADevice\", iif({Success}, \"deleted\", \"unknown\"), eventName == \"DeactivateMFADevice\", iif({Success}, \"modified\", \"unknown\"), \"\"), "
            + $"status = case(eventName in (\"DeleteVirtualMFADevice\", \"DeactivateMFADevice\"), iif({Success}, \"success\", \"failure\"), \"\")\n",
            Canonical("`cloudtrail` (eventName=DeleteVirtualMFADevice OR eventName=DeactivateMFADevice) | table action status"));
        Assert.Equal(
            $"where eventName =~ \"ConsoleLogin\" and eventName == \"ConsoleLogin\" and not ({Success})\n| project eventID\n",
            Canonical("`cloudtrail` eventName=ConsoleLogin action=failure | table eventID"));
        Assert.Equal(
            "where eventName =~ \"CreateQueue\" and false\n| project eventID\n",
            Canonical("`cloudtrail` eventName=CreateQueue status=failure | table eventID"));

        // Without a bound on eventName the case covers every name of the table, each once.
        var all = Canonical("`cloudtrail` | table action");
        Assert.All(AddOnActionStatusTable.Patterns.SelectMany(p => p.EventNames), n => Assert.Single(System.Text.RegularExpressions.Regex.Matches(all, System.Text.RegularExpressions.Regex.Escape($"\"{n}\""))));
    }

    [Fact]
    public void On_events_of_every_listed_name_and_code_the_derived_values_are_the_first_matching_rows()
    {
        var names = AddOnActionStatusTable.Patterns.SelectMany(p => p.EventNames).Append("NotInTheTable").Append("consolelogin").Append("DescribeRepositories").ToList();
        var events = new List<string>();
        var expected = new List<string>();
        foreach (var name in names)
        {
            foreach (var code in Codes)
            {
                var id = $"{name}|{code}";
                events.Add(Event(id, name, code));
                var (action, status) = Expected(name, code.Length == 0 ? "success" : code);
                expected.Add($"eventID={id}, action={action}, status={status}");
            }
        }

        // A console sign-in without an error code that the response marks "Failure" is a failure; like() is case-sensitive.
        events.Add(Event("login-failed", "ConsoleLogin", consoleLogin: "Failure"));
        expected.Add("eventID=login-failed, action=failure, status=failure");
        events.Add(Event("login-lower", "ConsoleLogin", consoleLogin: "failure"));
        expected.Add("eventID=login-lower, action=success, status=success");
        events.Add(Event("login-ok", "ConsoleLogin", consoleLogin: "Success"));
        expected.Add("eventID=login-ok, action=success, status=success");

        var rows = Run("`cloudtrail` | table eventID action status", [.. events]);
        Assert.Equal(expected, rows);
        Assert.Contains("eventID=CreateQueue|AccessDenied, action=created, status=success", rows);
        Assert.Contains("eventID=CreateNetworkInterface|NoSuchEntity, action=, status=", rows);
        Assert.Contains("eventID=DescribeRepositories|, action=, status=", rows);
        Assert.Contains("eventID=DeleteEndpoint|NoSuchEntity, action=unknown, status=failure", rows);
    }

    [Fact]
    public void The_search_terms_errorCode_success_action_and_status_keep_the_events_the_add_on_would()
    {
        string[] events =
        [
            Event("ok", "DeleteUser"),
            Event("denied", "DeleteUser", "AccessDenied"),
            Event("other", "DeleteUser", "NoSuchEntity"),
            Event("literal-success", "DeleteUser", "Success"),
            Event("login-failed", "ConsoleLogin", consoleLogin: "Failure"),
            Event("login-ok", "ConsoleLogin", consoleLogin: "Success"),
            Event("assume-failed", "AssumeRole", "AccessDenied"),
            Event("queue-failed", "CreateQueue", "AccessDenied"),
            Event("eni-failed", "CreateNetworkInterface", "AccessDenied"),
            Event("absent", "NotInTheTable"),
        ];
        List<string> Ids(string spl) => [.. Run(spl + " | table eventID", events).Select(r => r["eventID=".Length..])];

        // The add-on's errorCode compared as SPL compares search terms, ignoring case.
        Assert.Equal(["ok", "literal-success", "login-ok", "absent"], Ids("`cloudtrail` errorCode=success"));
        Assert.Equal(["login-failed"], Ids("`cloudtrail` errorCode=failure"));
        Assert.Equal(["denied", "other", "login-failed", "assume-failed", "queue-failed", "eni-failed"], Ids("`cloudtrail` NOT errorCode=success"));
        Assert.Equal(["denied"], Ids("`cloudtrail` errorCode=AccessDenied eventName=DeleteUser"));

        Assert.Equal(["login-failed", "assume-failed"], Ids("`cloudtrail` action=failure"));
        Assert.Equal(["login-failed"], Ids("`cloudtrail` eventName=ConsoleLogin action=failure"));
        // "Success" is not the lookup's "success" (it compares case-sensitively): the * row.
        Assert.Equal(["denied", "other", "literal-success", "login-failed", "assume-failed"], Ids("`cloudtrail` status=failure"));
        Assert.Equal(["ok", "login-ok", "queue-failed"], Ids("`cloudtrail` status=success"));
        Assert.Equal(["ok", "denied", "other", "literal-success"], Ids("`cloudtrail` action=DELETED"));
    }

    [Fact]
    public void A_case_sensitive_term_the_Splunk_backend_writes_reads_back_as_equality_and_membership()
    {
        Assert.Equal("where eventName == \"ConsoleLogin\"\n", Canonical("`cloudtrail` eventName=CASE(ConsoleLogin)"));
        Assert.Equal("where eventName in (\"A\", \"B\")\n", Canonical("`cloudtrail` (eventName=CASE(A) OR eventName=CASE(B))"));
        Assert.Equal("where userAgent startswith_cs \"aws\"\n", Canonical("`cloudtrail` userAgent=CASE(aws*)"));
    }

    [Fact]
    public void Outside_search_terms_errorCode_is_the_add_ons_value_and_a_term_with_a_code_reads_the_raw_key()
    {
        // Splunk shows the add-on's errorCode in every command: a group-by, an aggregate and an eval read it.
        Assert.Equal(
            ["a=AccessDenied", "b=success", "c=failure", "d=success"],
            Run("`cloudtrail` | eval code=errorCode | table eventID code",
                Event("a", "GetObject", "AccessDenied"), Event("b", "GetObject"), Event("c", "ConsoleLogin", consoleLogin: "Failure"),
                Event("d", "ConsoleLogin", consoleLogin: "Success")).Select(r => r.Replace("eventID=", "", StringComparison.Ordinal).Replace(", code=", "=", StringComparison.Ordinal)));
        Assert.Equal(
            "summarize count = count()\n    by errorCode = coalesce(errorCode, iif(tostring(responseElements.ConsoleLogin) == \"Failure\", \"failure\", \"success\"))\n",
            Canonical("`cloudtrail` | stats count by errorCode"));
        // A term with a code other than success and failure: the raw key equals the add-on's value there.
        Assert.Equal("where errorCode =~ \"AccessDenied\"\n", Canonical("`cloudtrail` errorCode=AccessDenied"));
        // A column the search made is that column, not the add-on's field.
        Assert.Equal("extend errorCode = \"x\"\n| where errorCode == \"x\"\n", Canonical("`cloudtrail` | eval errorCode=\"x\" | where errorCode=\"x\""));
    }

    [Fact]
    public void The_fidelity_notes_name_the_add_on_version()
    {
        var result = SplQueryTranslator.Translate("`cloudtrail` errorCode=success | stats count by action, user_arn, user, errorCode", EscuScratch.Context);
        var notes = result.Notes.Where(n => n.Code == EscuDiagnosticCodes.DerivedField).Select(n => n.Message).ToList();
        Assert.Equal(5, notes.Count);
        Assert.Contains(notes, n => n.Contains("field 'errorCode' is the raw key, or \"failure\" for a failed console sign-in", StringComparison.Ordinal));
        Assert.All(notes, n => Assert.Contains("Splunk Add-on for AWS 7.10.0", n, StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("'user' is its EVAL, a case over eventName and the identity keys", StringComparison.Ordinal));
    }
}
