using RuleCompiler.Backends.Splunk.Emit;
using RuleCompiler.Backends.Tests.Splunk;
using Xunit;

namespace RuleCompiler.Backends.Tests.Tables;

/// <summary>
/// A join on a table becomes SPL's <c>join ... [| inputlookup T ...]</c> in the shape it runs exactly; the SPL is compared
/// with tests/Backends.Tests/Golden/SplunkTables/&lt;case&gt;.spl (RULEC_UPDATE_GOLDEN=1 rewrites them). Every other
/// join on a table, and a table read outside a join, is refused at the construct.
/// </summary>
public class SplTableJoinTests
{
    private const string Left = "where eventName == \"ConsoleLogin\"\n| extend user = tostring(userIdentity.arn)\n";

    public static TheoryData<string, string, bool> Cases => new()
    {
        {
            // ESCU's "new city" shape: the first row per user of the stats output is the smallest city (max=1).
            "first_row_per_user",
            Left + """
            | join kind=leftouter (table(seen_logins)
                | where isnotempty(user) and isnotempty(City)
                | summarize earliestseen = min(firstTime) by user, City
                | summarize arg_min(City, *) by user
                | where isnotempty(user)) on user
            | project-away user1
            | where isnull(earliestseen)
            | project user, src_ip = sourceIPAddress
            """,
            false
        },
        {
            // One row per key after a summarize by exactly the key: max=1 is every match.
            "one_row_per_key_inner",
            Left + """
            | join kind=inner (table(seen_logins) | summarize seen = count() by user | where isnotempty(user)) on user
            | project-away user1
            | project user, seen, src_ip = sourceIPAddress
            """,
            false
        },
        {
            // Nothing says one row per key: every match, max=0.
            "every_match",
            Left + """
            | extend bucket = tostring(requestParameters.bucketName)
            | join kind=inner (table(bucket_owners) | project bucket, owner | where isnotempty(bucket)) on bucket
            | project-away bucket1
            | project user, owner, src_ip = sourceIPAddress
            """,
            true
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_join_on_a_table_is_join_with_an_inputlookup_subsearch(string name, string search, bool allMatches)
    {
        var result = SplEmitter.Emit(TableFixtures.Rule(search));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.Code == SplDiagnostics.TableSubsearchLimits && d.Message.Contains("50,000", StringComparison.Ordinal));
        SplGolden.Matches(result.Spl + "\n", "SplunkTables", name + ".spl");
        Assert.Contains("| inputlookup ", result.Spl, StringComparison.Ordinal);
        Assert.Equal(allMatches, result.Spl.Contains(" max=0 ", StringComparison.Ordinal));
        Assert.DoesNotContain("user1", result.Spl, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "leftanti", Left + "| join kind=leftanti (table(seen_logins) | where isnotempty(user)) on user\n| project user, src_ip = sourceIPAddress", "type=inner and type=left" },
        { "no guard", Left + "| join kind=inner (table(seen_logins) | summarize n = count() by user) on user\n| project-away user1\n| project user, src_ip = sourceIPAddress", "isnotempty(user)" },
        { "copies kept", Left + "| join kind=inner (table(seen_logins) | where isnotempty(user)) on user\n| project user, src_ip = sourceIPAddress", "project-away user1" },
        { "clash", Left + "| extend City = \"x\"\n| join kind=inner (table(seen_logins) | where isnotempty(user)) on user\n| project-away user1\n| project user, src_ip = sourceIPAddress", "'City' is also a column of the left" },
        { "renamed keys", Left + "| join kind=inner (table(seen_logins) | where isnotempty(City)) on $left.user == $right.City\n| project user, src_ip = sourceIPAddress", "fields of the same name" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Any_other_join_on_a_table_is_RC4020_at_the_join(string name, string search, string reason)
    {
        var rule = TableFixtures.Rule(search);
        var result = SplEmitter.Emit(rule);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.True(error.Code == SplDiagnostics.TableJoinShape, name + ": " + error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(rule.Query.Body.Stages.OfType<Compiler.Language.Bound.BoundJoin>().Single().Location, error.Span);
    }

    [Fact]
    public void A_table_read_as_a_union_member_is_RC4022()
    {
        var result = SplEmitter.Emit(TableFixtures.Rule(Left + "| union (table(seen_logins) | project user)\n| project user, src_ip = sourceIPAddress"));
        Assert.Contains(result.Diagnostics, d => d.Code == SplDiagnostics.TableNotJoined && d.IsError);
    }
}
