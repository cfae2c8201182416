using RuleCompiler.Importers;
using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Importers.Escu;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

/// <summary>The SPL command parser and the SPL-to-canonical translation, construct by construct.</summary>
public class EscuSplTranslatorTests
{
    private static readonly SplTranslationContext Context = EscuScratch.Context with
    {
        Macros = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["aws_ecr_users_asl"] = "actor.user.name IN (admin)",
            ["trusted_agents"] = "userAgent IN (\"aws-cli\", \"boto3\")",
        },
    };

    private static string Search(string spl)
    {
        var result = SplQueryTranslator.Translate(spl, Context);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        return result.Search!;
    }

    [Fact]
    public void Commands_are_split_at_pipes_outside_subsearches_and_macros_after_a_pipe_are_commands()
    {
        var pipeline = SplCommandParser.Parse("`cloudtrail` a=1 | append [search b=2 | where c>1] | `x_filter`");
        Assert.Equal(["search", "append", SplCommandParser.MacroCommand], pipeline.Commands.Select(c => c.Name));
        Assert.Equal((1, 20), (pipeline.Commands[1].Head.Line, pipeline.Commands[1].Head.Column));
    }

    [Fact]
    public void Search_terms_compare_case_insensitively_and_OR_binds_tighter_than_AND()
    {
        var result = SplQueryTranslator.Translate("`cloudtrail` eventName=PutImage eventSource=a OR eventSource=b", Context);
        Assert.Equal("where eventName =~ \"PutImage\" and (eventSource =~ \"a\" or eventSource =~ \"b\")\n", result.Search);
        Assert.Equal("aws_cloudtrail", result.DataSource);
        Assert.Contains(result.Notes, n => n.Code == EscuDiagnosticCodes.FidelityNote && n.Message.Contains("case-insensitively", StringComparison.Ordinal));
    }

    [Fact]
    public void Wildcards_become_string_operators_and_a_negated_term_needs_the_field()
    {
        Assert.Equal(
            "where userAgent contains \"cli\" and userAgent startswith \"aws\" and userAgent endswith \".com\" and isnotempty(errorMessage) and tostring(userAgent) matches regex \"(?i)^a(?s:.*)b(?s:.*)c$\"\n",
            Search("`cloudtrail` userAgent=*cli* userAgent=aws* userAgent=*.com errorMessage=* userAgent=a*b*c"));
        Assert.Equal("where isnotempty(userAgent) and not (userAgent endswith \".amazonaws.com\")\n", Search("`cloudtrail` userAgent!=*.amazonaws.com"));
    }

    [Fact]
    public void A_term_on_a_bool_field_compares_its_text_as_SPL_does()
    {
        // readOnly is a JSON true/false; SPL's search matches the text "true", in any case.
        Assert.Equal("where tostring(readOnly) =~ \"true\"\n", Search("`cloudtrail` readOnly=true"));
        Assert.Equal("where isnotempty(tostring(readOnly)) and not (tostring(readOnly) =~ \"false\")\n", Search("`cloudtrail` readOnly!=false"));
    }

    [Fact]
    public void A_negated_add_on_errorCode_term_is_one_group_under_not()
    {
        // The term is a parenthesised group already; a second pair made the round trip differ from the backend's SPL read back.
        Assert.Equal(
            "where not (errorCode =~ \"success\" or isempty(errorCode) and not (tostring(responseElements.ConsoleLogin) == \"Failure\"))\n",
            Search("`cloudtrail` errorCode!=success"));
    }

    [Theory]
    [InlineData("(a == \")(\")", "not (a == \")(\")")]
    [InlineData("(a) or (b)", "not ((a) or (b))")]
    [InlineData("(a == \"\\\")\")", "not (a == \"\\\")\")")]
    [InlineData("a == b", "not (a == b)")]
    public void Not_adds_parentheses_unless_the_term_is_one_group(string term, string expected) =>
        Assert.Equal(expected, new NotExpression(new TermExpression(term)).Print());

    [Fact]
    public void The_hour_of_an_epoch_time_reads_as_hourofday_and_other_floors_of_a_time_stay_refused()
    {
        // The Splunk backend writes hourofday(_time) (and ESCU's date_hour) as (floor(_time/3600)%24).
        Assert.Equal("extend h = hourofday(_time)\n", Search("`cloudtrail` | eval h=(floor(_time/3600)%24)"));
        var refused = SplQueryTranslator.Translate("`cloudtrail` | eval h=floor(_time/60)%24", Context);
        Assert.Null(refused.Search);
        Assert.Contains(refused.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedFunction);
    }

    [Fact]
    public void Len_of_a_missing_field_is_null_as_in_SPL_and_the_backends_coalesce_of_len_is_strlen()
    {
        // SPL's len() of a missing field is null; the canonical strlen() of it is 0.
        Assert.Equal("extend a = iif(isempty(userAgent), null, strlen(userAgent))\n", Search("`cloudtrail` | eval a=len(userAgent)"));
        // The Splunk backend writes strlen(x) as coalesce(len(x), 0): 0 for a missing x.
        Assert.Equal("extend b = strlen(userAgent)\n", Search("`cloudtrail` | eval b=coalesce(len(userAgent), 0)"));
        Assert.Equal("extend c = coalesce(iif(isempty(userAgent), null, strlen(userAgent)), 1)\n", Search("`cloudtrail` | eval c=coalesce(len(userAgent), 1)"));
    }

    [Fact]
    public void IN_lists_numbers_and_the_add_on_conventions()
    {
        Assert.Equal(
            "where eventName in~ (\"A\", \"B\") and tostring(requestParameters.port) =~ \"22\" and (errorCode =~ \"success\" or isempty(errorCode) and not (tostring(responseElements.ConsoleLogin) == \"Failure\"))\n",
            Search("`cloudtrail` eventName IN (\"A\", B) requestParameters.port=22 errorCode=success"));
        Assert.Equal("where hourofday(_time) >= 20 or dayofweek(_time) == 6d\n", Search("`cloudtrail` date_hour>=20 OR date_wday=saturday"));
    }

    [Fact]
    public void Allow_list_macros_are_named_lists_when_the_repository_has_one_and_values_otherwise()
    {
        Assert.Equal("where not (actor.user.name in~ @aws_ecr_users_asl)\n", Search("`amazon_security_lake` NOT `aws_ecr_users_asl`"));
        Assert.Equal("where userAgent in~ (\"aws-cli\", \"boto3\")\n", Search("`cloudtrail` `trusted_agents`"));
    }

    [Fact]
    public void A_lookup_of_a_repository_list_then_a_null_test_of_its_output_is_list_membership()
    {
        Assert.Equal(
            "where not (actor.user.name in~ @aws_ecr_users_asl)\n",
            Search("`amazon_security_lake` | lookup aws_ecr_users_asl value AS actor.user.name OUTPUT value AS hit | where NOT isnotnull(hit) | fields - hit"));
        var readOtherwise = SplQueryTranslator.Translate("`amazon_security_lake` | lookup aws_ecr_users_asl value AS actor.user.name OUTPUT value AS hit | eval who=hit", Context);
        Assert.Contains(readOtherwise.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedArgument && d.Message.Contains("isnotnull(hit)", StringComparison.Ordinal));
        var otherTable = SplQueryTranslator.Translate("`cloudtrail` | lookup previously_seen_users user OUTPUT firstTime", Context);
        Assert.Contains(otherTable.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedCommand);
    }

    [Fact]
    public void Spath_then_mvexpand_is_one_mv_expand_and_a_bare_spath_reads_members()
    {
        Assert.Equal(
            "mv-expand findings = responseElements.imageScanFindings.findings\n| where findings.severity =~ \"HIGH\"\n",
            Search("`cloudtrail` | spath path=responseElements.imageScanFindings.findings{} output=findings | mvexpand findings | spath input=findings | search severity=HIGH"));
    }

    [Fact]
    public void A_dotted_name_lifted_by_rename_prefix_or_a_bare_spath_is_a_nested_member_path()
    {
        Assert.Equal(
            "summarize rule_id = make_set(requestParameters.ReplicationConfiguration.Rule.ID)\n",
            Search("`cloudtrail` | rename requestParameters.* as * | stats values(ReplicationConfiguration.Rule.ID) as rule_id"));
        Assert.Contains(
            "where findings.attributes.level =~ \"HIGH\"",
            Search("`cloudtrail` | spath path=responseElements.imageScanFindings.findings{} output=findings | mvexpand findings | spath input=findings | search attributes.level=HIGH"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_match_of_an_anchored_literal_alternation_is_membership_and_a_pattern_from_a_field_is_read_from_the_data()
    {
        Assert.Equal("where not (eventName in~ (\"a.b\", \"c\"))\n", Search("`cloudtrail` | where NOT match(eventName, \"(?i)^(?:a\\.b|c)\\z\")"));
        Assert.Equal("where eventName in (\"x\")\n", Search("`cloudtrail` | where match(eventName, \"^(?:x)\\z\")"));
        Assert.Equal("where eventName matches regex \"^(?:x|.*)\\\\z\"\n", Search("`cloudtrail` | where match(eventName, \"^(?:x|.*)\\z\")"));
        Assert.Equal("extend m = iif(userIdentity.userName matches regex requestParameters.userName, 1, 0)\n",
            Search("`cloudtrail` | eval m=if(match(userIdentity.userName, requestParameters.userName), 1, 0)"));
    }

    [Fact]
    public void The_round_trip_ignores_the_guard_the_Splunk_backend_writes_before_a_membership_match()
    {
        Assert.Equal(
            SearchNormalizer.Normalize("where not (coalesce(a, b) in~ (\"user\"))\n"),
            SearchNormalizer.Normalize("where not (isnotempty(coalesce(a, b)) and coalesce(a, b) in~ (\"user\"))\n"));
        Assert.Equal(SearchNormalizer.Normalize("where x == \"*\"\n"), SearchNormalizer.Normalize("where isnotempty(x) and x == \"*\"\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("where x == \"\"\n"), SearchNormalizer.Normalize("where isnotempty(x) and x == \"\"\n"));
        Assert.NotEqual(
            SearchNormalizer.Normalize("where not (a in~ (\"user\", \"\"))\n"),
            SearchNormalizer.Normalize("where not (isnotempty(a) and a in~ (\"user\", \"\"))\n"));
    }

    [Fact]
    public void The_round_trip_ignores_guards_an_ordering_or_numeric_equality_implies_at_any_depth()
    {
        // The backend guards both operands of an ordering comparison inside an eval.
        Assert.Equal(
            SearchNormalizer.Normalize("extend o = iif(a > 10 and a >= b, 1, 0)\n"),
            SearchNormalizer.Normalize("extend o = iif(isnotempty(a) and a > 10 and (isnotempty(a) and isnotempty(b) and a >= b), 1, 0)\n"));
        Assert.Equal(SearchNormalizer.Normalize("where o == 1\n"), SearchNormalizer.Normalize("where isnotempty(o) and o == 1\n"));
        // A guard before a negation or an inequality changes the result for an empty value: it stays.
        Assert.NotEqual(
            SearchNormalizer.Normalize("extend o = iif(not (a >= b), 1, 0)\n"),
            SearchNormalizer.Normalize("extend o = iif(isnotempty(a) and not (a >= b), 1, 0)\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("where o != 1\n"), SearchNormalizer.Normalize("where isnotempty(o) and o != 1\n"));
        Assert.NotEqual(SearchNormalizer.Normalize("where not a >= b\n"), SearchNormalizer.Normalize("where not (a >= b)\n"));
    }

    [Fact]
    public void The_round_trip_reads_a_computed_project_column_as_the_eval_before_splunks_table()
    {
        // SPL's table takes names: the backend writes project s = e as eval s=e then table s (and a copy as a rename).
        Assert.Equal(
            SearchNormalizer.Normalize("project a, s = strcat(b, \"x\"), c = d\n"),
            SearchNormalizer.Normalize("extend c = d\n| extend s = strcat(b, \"x\")\n| project a, s, c\n"));
        Assert.NotEqual(
            SearchNormalizer.Normalize("project a, s = strcat(b, \"x\")\n"),
            SearchNormalizer.Normalize("extend s = strcat(b, \"y\")\n| project a, s\n"));
        // A column another column reads stays in the project: there the other reads the input's value, not the new one.
        foreach (var (inProject, beforeIt) in new[]
        {
            ("project s = strcat(b, \"x\"), t = strcat(s, \"y\")\n", "extend s = strcat(b, \"x\")\n| project s, t = strcat(s, \"y\")\n"),
            ("project r = tolower(requestParameters.x), requestParameters = e\n", "extend requestParameters = e\n| project r = tolower(requestParameters.x), requestParameters\n"),
        })
        {
            Assert.NotEqual(SearchNormalizer.Normalize(inProject), SearchNormalizer.Normalize(beforeIt));
        }
    }

    [Fact]
    public void The_round_trip_reads_a_group_of_and_ed_terms_as_its_terms_and_a_let_boundary_as_a_line()
    {
        Assert.Equal(SearchNormalizer.Normalize("where a > 1 and b > 2 and c\n"), SearchNormalizer.Normalize("where (isnotempty(a) and a > 1) and (b > 2 and c)\n"));
        // Under an or the terms do not separate: a or b and c is a or (b and c).
        Assert.NotEqual(SearchNormalizer.Normalize("where a or b and c\n"), SearchNormalizer.Normalize("where (a or b) and c\n"));

        // The nullif eval the backend writes before eventstats reads back as a copy, the last stage of the let.
        var imported = "let rc_rows_1 = (where x == \"1\"\n| extend k = y);\nrc_rows_1\n| join kind=leftouter (rc_rows_1 | summarize n = count() by k) on k\n";
        var back = "let rc_rows_1 = (where x == \"1\"\n| extend k = y\n| extend k = k);\nrc_rows_1\n| join kind=leftouter (rc_rows_1 | summarize n = count() by k) on k\n";
        Assert.Equal(SearchNormalizer.Normalize(imported), SearchNormalizer.Normalize(back));
        Assert.NotEqual(SearchNormalizer.Normalize(imported), SearchNormalizer.Normalize(back.Replace("extend k = k)", "extend k = tolower(k))", StringComparison.Ordinal)));
    }

    [Fact]
    public void Strftime_of_the_event_time_in_epoch_milliseconds_is_splunks_text_and_runs_in_csharp()
    {
        var search = Search("`amazon_security_lake` api.operation=PutImage | eval hour=strftime(time/pow(10,3), \"%H\"), weekday=strftime(time/pow(10,3), \"%A\")"
            + " | where hour >= 20 OR hour < 8 OR weekday=\"Saturday\" | table hour, weekday");
        Assert.Equal(
            "where api.operation =~ \"PutImage\"\n| extend hour = format_datetime(_time, \"HH\"), weekday = " + Days + "\n"
            + "| where todouble(hour) >= 20 or todouble(hour) < 8 or weekday == \"Saturday\"\n| project hour, weekday\n",
            search);

        // 2024-06-01 07:30 (a Saturday), 2024-06-03 12:00 and 21:05 (a Monday), UTC, in epoch milliseconds.
        var source = Context.DataSources.Single(d => d.Name == "asl_aws_cloudtrail");
        using var set = RuleHarness.Compile([RuleHarness.Source("business_hours", QueryParser.Parse(search).Query!, dataSource: source)]);
        var rows = RuleHarness.Run(set.Rules[0], [.. new[] { 1717227000000, 1717416000000, 1717448700000 }.Select(t => $"{{\"time\": {t}, \"api\": {{\"operation\": \"PutImage\"}}}}")]);
        Assert.Equal(["hour=07, weekday=Saturday", "hour=21, weekday=Monday"], rows.Select(RuleHarness.Text));
    }

    [Fact]
    public void Only_a_column_still_holding_hour_text_compares_numerically_and_an_unquoted_word_is_a_field()
    {
        Assert.Equal("extend hour = format_datetime(_time, \"HH\")\n| where todouble(hour) == 8\n",
            Search("`cloudtrail` | eval hour=strftime(_time, \"%H\") | where hour=8"));
        Assert.EndsWith("| where hour > 5\n", Search("`cloudtrail` | eval hour=strftime(_time, \"%H\") | eval hour=lower(userAgent) | where hour > 5"), StringComparison.Ordinal);
        Assert.EndsWith("| where hour > 5\n", Search("`cloudtrail` | eval hour=strftime(_time, \"%H\") | rename userAgent as hour | where hour > 5"), StringComparison.Ordinal);

        // SPL's where reads an unquoted word as a field name: kept as a field, with a note.
        var result = SplQueryTranslator.Translate("`cloudtrail` | eval weekday=strftime(_time, \"%A\") | where weekday=Saturday", Context);
        Assert.EndsWith("| where weekday == Saturday\n", result.Search, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Code == EscuDiagnosticCodes.FidelityNote && n.Message.Contains("'Saturday' is not quoted", StringComparison.Ordinal));
    }

    private const string Days = "case(dayofweek(_time) == 0d, \"Sunday\", dayofweek(_time) == 1d, \"Monday\", dayofweek(_time) == 2d, \"Tuesday\", dayofweek(_time) == 3d, \"Wednesday\", "
        + "dayofweek(_time) == 4d, \"Thursday\", dayofweek(_time) == 5d, \"Friday\", dayofweek(_time) == 6d, \"Saturday\", \"\")";

    [Fact]
    public void Pow_of_numbers_is_their_whole_power_and_strftime_reads_only_the_event_time()
    {
        Assert.Equal("extend a = 1000, b = strcat(format_datetime(_time, \"HH\"), \":\", " + Days + ")\n",
            Search("`cloudtrail` | eval a=pow(10,3), b=strftime(_time, \"%H\").\":\".strftime(_time, \"%A\")"));
    }

    [Theory]
    [InlineData("`cloudtrail` | eval a=pow(userAgent, 2)", "pow")]
    [InlineData("`cloudtrail` | eval a=pow(2, 0.5)", "pow")]
    public void What_is_not_exact_keeps_RC5023(string spl, string function)
    {
        var result = SplQueryTranslator.Translate(spl, Context);
        Assert.Contains(result.Diagnostics, d => d.Code == EscuDiagnosticCodes.UnsupportedFunction && d.Message.Contains(function + "(", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_functions_and_operators_translate_with_the_precedence_they_need()
    {
        Assert.Equal(
            "extend a = iif(userAgent startswith_cs \"aws\", 1, 0), b = strcat(tolower(eventName), \"/\", substring(awsRegion, 0, 2)), c = (1 + 2) * 3, d = case(eventName == \"x\", \"y\", \"z\")\n",
            Search("`cloudtrail` | eval a=if(match(userAgent, \"^aws\"), 1, 0), b=lower(eventName).\"/\".substr(awsRegion, 1, 2), c=(1+2)*3, d=case(eventName==\"x\", \"y\", true(), \"z\")").Split("\n| ")[0]);
    }

    [Fact]
    public void Stats_keeps_SPL_output_names_and_derives_add_on_group_by_fields()
    {
        Assert.Equal(
            "where isnotempty(coalesce(userIdentity.arn, tostring(requestParameters.roleArn)))\n"
            + "| summarize count = count(), ips = dcount(sourceIPAddress), [\"values(eventName)\"] = make_set(eventName), firstTime = min(_time)\n    by user_arn = coalesce(userIdentity.arn, tostring(requestParameters.roleArn)), _time\n",
            string.Join("\n| ", Search("`cloudtrail` | bin span=5m _time | stats count dc(src_ip) as ips values(eventName) earliest(_time) as firstTime by user_arn _time").Split("\n| ")[1..]));
    }

    [Fact]
    public void Conventions_are_dropped_and_renames_after_stats_are_project_renames()
    {
        Assert.Equal(
            "where eventName =~ \"X\"\n| where isnotempty(awsRegion)\n| summarize count = count()\n    by awsRegion\n| project-rename region = awsRegion\n",
            Search("`cloudtrail` eventName=X | stats count by awsRegion | rename awsRegion as region | `security_content_ctime(firstTime)` | `rule_filter`"));
    }

    [Fact]
    public void A_bare_fillnull_before_stats_fills_the_group_by_fields()
    {
        Assert.Equal(
            "where eventName =~ \"X\"\n| extend src = sourceIPAddress\n| fill-null \"0\" in src, eventName\n| summarize count = count()\n    by src, eventName\n",
            Search("`cloudtrail` eventName=X | fillnull | stats count by src eventName"));
    }

    [Fact]
    public void Normalisation_ignores_conjunct_order_fill_nulls_copies_and_the_backend_spellings()
    {
        var original = "where b =~ \"1\" and isempty(errorCode)\n| summarize count = count()\n    by src = sourceIPAddress, eventName\n";
        var back = "where isempty(errorCode) or errorCode == \"\"\n| where b =~ \"1\"\n| extend src = sourceIPAddress, copy = eventName\n| fill-null \"\" in src\n| summarize count = count()\n    by src, eventName\n";
        Assert.Equal(SearchNormalizer.Normalize(original), SearchNormalizer.Normalize(back));
        Assert.NotEqual(SearchNormalizer.Normalize(original), SearchNormalizer.Normalize(original.Replace("\"1\"", "\"2\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Append_of_a_subsearch_over_the_same_source_is_a_union_with_its_own_terms()
    {
        var result = SplQueryTranslator.Translate(
            "`cloudtrail` eventName=DeleteUser | append [search `cloudtrail` eventName=CreateUser action=created | eval gap='requestParameters.to' - 'requestParameters.from' | where gap>10] | stats count by eventName gap",
            Context);
        Assert.True(result.Search is not null, string.Join("\n", result.Diagnostics));
        var lines = result.Search!.Split('\n');
        Assert.Equal("where eventName =~ \"DeleteUser\"", lines[0]);
        Assert.StartsWith("| union (where eventName =~ \"CreateUser\" and ", lines[1], StringComparison.Ordinal);
        // The branch's add-on field is narrowed by the branch's own eventName term (CreateUser can be created), not by
        // the main search's (DeleteUser never is).
        Assert.Contains("and eventName == \"CreateUser\" |", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("false", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(" | extend gap = requestParameters.to - requestParameters.from | where gap > 10)", lines[1], StringComparison.Ordinal);
        Assert.Contains("by eventName, gap", result.Search, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Code == EscuDiagnosticCodes.FidelityNote && n.Message.Contains("50,000 rows", StringComparison.Ordinal));

        // The round trip reads each branch as a search of its own: its where stages commute, and the branch differs from another.
        Assert.Equal(
            SearchNormalizer.Normalize("where a == 1\n| union (where b == 2 and c == 3 | extend d = e + 1)\n"),
            SearchNormalizer.Normalize("where a == 1\n| union (where c == 3 | where b == 2 | fill-null \"\" in d | extend d = e + 1)\n"));
        Assert.NotEqual(
            SearchNormalizer.Normalize("where a == 1\n| union (where b == 2 | extend d = e + 1)\n"),
            SearchNormalizer.Normalize("where a == 1\n| union (where b == 2 | extend d = e + 2)\n"));
    }

    [Theory]
    [InlineData("`cloudtrail` a=1 | append maxout=10 [search `cloudtrail` b=2]", "no options")]
    [InlineData("`cloudtrail` a=1 | append [search `amazon_security_lake` b=2]", "own data source")]
    [InlineData("`cloudtrail` a=1 | append [| inputlookup x]", "own data source")]
    [InlineData("`cloudtrail` a=1 | stats count by b | append [search `cloudtrail` b=2]", "only events")]
    [InlineData("`cloudtrail` a=1 | append [search `cloudtrail` b=2 | stats count by b]", "while its rows are events")]
    [InlineData("`cloudtrail` a=1 | append [search `cloudtrail` b=2 | transaction src]", "transaction")]
    public void Append_that_is_not_events_of_the_same_source_is_refused(string spl, string reason)
    {
        var refused = SplQueryTranslator.Translate(spl, Context);
        Assert.Null(refused.Search);
        Assert.Contains(refused.Diagnostics, d => d.IsError && d.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Array_member_search_terms_are_member_lists_matched_by_any_value()
    {
        Assert.Equal(
            "where eventName =~ \"ModifyImageAttribute\" and (isnotempty(requestParameters.launchPermission.add.items[*].userId) or requestParameters.launchPermission.add.items[*].group =~ \"all\")\n",
            Search("`cloudtrail` eventName=ModifyImageAttribute (requestParameters.launchPermission.add.items{}.userId = * OR requestParameters.launchPermission.add.items{}.group = all)"));
    }

    [Fact]
    public void A_renamed_array_member_is_a_member_list_column_read_by_eval_and_search()
    {
        Assert.Equal(
            "where eventName =~ \"ModifySnapshotAttribute\"\n| extend requested_account_id = requestParameters.createVolumePermission.add.items[*].userId\n"
            + "| where isnotempty(requested_account_id) and not (requested_account_id =~ \"NULL\")\n| extend public = iif(requested_account_id matches regex \"all\", \"yes\", \"no\")\n",
            Search("`cloudtrail` eventName=ModifySnapshotAttribute | rename requestParameters.createVolumePermission.add.items{}.userId as requested_account_id | search requested_account_id != NULL | eval public=if(match(requested_account_id, \"all\"), \"yes\", \"no\")"));
    }

    [Fact]
    public void Values_of_an_array_member_collect_every_value()
    {
        Assert.Equal(
            "where eventName =~ \"PutBucketVersioning\"\n| where isnotempty(eventName)\n| summarize resource_arn = make_set(resources[*].ARN)\n    by eventName\n",
            Search("`cloudtrail` eventName=PutBucketVersioning | stats values(resources{}.ARN) as resource_arn by eventName"));
    }

    [Fact]
    public void An_spath_of_an_array_member_grouped_by_is_expanded_first_as_SPL_splits_it()
    {
        Assert.Equal(
            "where eventName =~ \"PutBucketLifecycle\"\n| extend days = requestParameters[*].LifecycleConfiguration[*].Rule[*].Expiration[*].Days\n| mv-expand days\n"
            + "| summarize count = count()\n    by days\n",
            Search("`cloudtrail` eventName=PutBucketLifecycle | spath path=requestParameters{}.LifecycleConfiguration{}.Rule{}.Expiration{}.Days output=days | stats count by days"));
        // The SPL the Splunk backend writes for that reads back the same: an eval of the field, then mvexpand.
        Assert.Equal(
            "where eventName =~ \"PutBucketLifecycle\"\n| extend days = requestParameters[*].LifecycleConfiguration[*].Rule[*].Expiration[*].Days\n| mv-expand days\n"
            + "| where isnotempty(days)\n| summarize count = count()\n    by days\n",
            Search("`cloudtrail` eventName=PutBucketLifecycle | eval days='requestParameters{}.LifecycleConfiguration{}.Rule{}.Expiration{}.Days' | mvexpand days | stats count by days"));
    }

    [Theory]
    [InlineData("`cloudtrail` requestParameters.items{}.n>3", "requestParameters.items{}.n")]
    [InlineData("`cloudtrail` | stats count by eventName | search x{}.y=1", "x{}.y")]
    [InlineData("`cloudtrail` | spath input=requestParameters path=items{}.n output=n", "items{}.n")]
    public void An_array_member_path_that_is_not_translated_faithfully_stays_RC5027(string spl, string at)
    {
        var result = SplQueryTranslator.Translate(spl, Context);
        Assert.Null(result.Search);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(EscuDiagnosticCodes.UnsupportedArgument, error.Code);
        Assert.Equal(spl.IndexOf(at, StringComparison.Ordinal) + 1, error.Span.Column);
    }
}
