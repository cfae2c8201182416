namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>Searches on aws_cloudtrail covering every stage and the constructs whose KQL is not a one-to-one spelling.</summary>
internal static class KqlConstructCases
{
    public static readonly IReadOnlyDictionary<string, string> Cases = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["has_needles"] = """
            where userAgent has "boto3" and userAgent !has_cs "aws-cli/2" and userIdentity.arn has ":root"
            """,
        ["has_any_all"] = """
            where userAgent has_any ("boto3", "aws-cli") and userIdentity.arn has_all (":root", "iam") or eventName has_any ("Put")
            """,
        ["two_valued_logic"] = """
            where not(readOnly) and not(isempty(errorCode)) and not (eventName == "x") and userIdentity.userName =~ "Jörg"
            """,
        // A number that may be missing is null in KQL (a text is ""): not() and the negated operators of it are guarded.
        ["nullable_number_negations"] = """
            where not(tolong(userAgent) > 5) and tolong(errorCode) != 3 and tolong(errorMessage) !in (1, 2) and not(eventName == "x") and eventVersion != "1"
            """,
        ["between_and_arithmetic"] = """
            where hourofday(_time) !between (8 .. 18) and (strlen(userAgent) - 1) * 2 > 10
            | extend late = _time > datetime(2024-05-25T21:14:00Z) + 90m, week = dayofweek(_time) in (0d, 6d)
            """,
        ["lists_and_lets"] = """
            let admins = dynamic(["root", "admin"]);
            let pushes = (where eventName == "PutImage" | project who = userIdentity.arn);
            where userIdentity.userName in~ (admins) or userIdentity.arn in pushes or userIdentity.arn !in @aws_ecr_users_asl
            """,
        ["shaping"] = """
            where eventSource == "iam.amazonaws.com"
            | project-away requestParameters, userIdentity
            | project-rename api = eventName, region = awsRegion
            | fill-null "none" in errorCode
            | sort by api asc, _time desc
            | take 10
            """,
        // KQL's extend evaluates each expression on its input row: a name assigned earlier in the extend starts a new one.
        ["dependent_extend"] = """
            where eventName == "PutImage"
            | extend first = _time - 1h, span = (_time - first) / 1s, minutes = round(toreal(span) / 60, 1), agent = tolower(userAgent)
            """,
        ["passthrough_output"] = """
            where eventName == "StopLogging" and readOnly == false
            | extend trail = tostring(requestParameters.name)
            """,
        ["summaries"] = """
            summarize count(), n = countif(isnotempty(errorCode)), regions = make_set(awsRegion, 10), arg_max(_time, eventName, sourceIPAddress) by user = userIdentity.arn, hour = bin(_time, 1h)
            """,
        ["arg_max_star"] = """
            where eventName == "ConsoleLogin"
            | summarize arg_max(_time, *) by userIdentity.arn
            | project userIdentity.arn, eventName, mfa = tostring(additionalEventData.MFAUsed)
            """,
        ["mv_expand_resources"] = """
            mv-expand resources
            | where resources.ARN startswith "arn:aws:s3" and isnotnull(responseElements)
            | distinct arn = tostring(resources.ARN), eventName
            """,
        ["each_paths"] = """
            where requestParameters.launchPermission.add.items[*].group =~ "all" or requestParameters.launchPermission.add.items[*].userId !in ("", "111111111111")
            | extend arns = resources[*].ARN, rules = requestParameters.LifecycleConfiguration.Rule[*].Transition[*].Days
            | where arns !startswith "arn:aws:s3" and rules between (1 .. 3)
            | summarize arns = make_set(arns), accounts = make_list(requestParameters.launchPermission.add.items[*].userId), shared = countif(resources[*].accountId != "111111111111") by eventName
            """,
        ["each_path_expanded"] = """
            mv-expand days = requestParameters.LifecycleConfiguration.Rule[*].Expiration.Days
            | extend bucket = requestParameters[*].bucketName
            | mv-expand bucket
            | summarize n = count() by days = tolong(days), bucket = tostring(bucket)
            """,
        ["join_on_renamed"] = """
            let created = (where eventName == "CreatePolicy" | extend policy = tostring(responseElements.policy.arn));
            created
            | join kind=inner (where eventName == "AttachUserPolicy" | project policy = tostring(requestParameters.policyArn), eventName) on policy
            | project policy, eventName, eventName1, creator = userIdentity.userName
            """,
        ["join_anti"] = """
            where eventName == "DeleteBucket"
            | project bucket = tostring(requestParameters.bucketName)
            | join kind=leftanti (where eventName == "CreateBucket" | project created = tostring(requestParameters.bucketName)) on $left.bucket == $right.created
            """,
        ["union"] = """
            where eventName == "StopLogging"
            | project what = "stop", eventName
            | union (where eventName == "DeleteTrail" | project what = "delete", eventName)
            """,
        ["fragment_shadowing"] = """
            where eventName == "PutImage"
            | invoke aws_account_name()
            | project UserIdentityArn, original = userIdentity.arn, AccountName
            """,
        ["functions"] = """
            extend a = tolower(requestParameters.x), b = replace_regex(userAgent, @"\s+", " "), c = extract(@"role/([^/]+)", 1, userIdentity.arn),
                   d = coalesce(requestParameters.user, userIdentity.userName), e = iif(readOnly, "r", "w"), f = toint("5"),
                   g = format_datetime(_time, "yyyy-MM-dd"), h = datetime_diff("minute", now(), ago(1h)), i = array_length(resources),
                   j = bag_pack("k", eventName), k = pack_array(eventName, 1), l = strcat_delim("/", awsRegion, eventName),
                   m = ipv4_is_in_range(sourceIPAddress, "10.0.0.0/8"), n = trim(@"\s", userAgent), o = split(userIdentity.arn, "/")[-1],
                   p = base64_decode_tostring("YQ=="), q = isnull(requestParameters.y), r = round(2.5, 1), s = tobool("true")
            """,
    };
}
