namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>The five seed rules' queries, written in the rule language (the content helper's rule files hold the same).</summary>
public static class SeedQueries
{
    public const string EcrScanningFindingsMedium = """
        where eventSource == "ecr.amazonaws.com" and eventName == "DescribeImageScanFindings"
        | mv-expand finding = responseElements.imageScanFindings.findings
        | where finding.severity == "MEDIUM"
        | extend finding_name = finding.name, finding_description = finding.description, imageDigest = requestParameters.imageId.imageDigest, repository = requestParameters.repositoryName, user = userIdentity.principalId
        | extend finding = strcat(finding_name, ", ", finding_description), phase = "release", severity = "medium"
        | summarize firstTime = min(_time), lastTime = max(_time) by awsRegion, eventName, eventSource, imageDigest, repository, user, src_ip = sourceIPAddress, finding, phase, severity
        """;

    public const string EcrScanningFindingsHigh = """
        where eventSource == "ecr.amazonaws.com" and eventName == "DescribeImageScanFindings"
        | mv-expand finding = responseElements.imageScanFindings.findings
        | where finding.severity == "HIGH"
        | extend finding_name = finding.name, finding_description = finding.description, imageDigest = requestParameters.imageId.imageDigest, repositoryName = requestParameters.repositoryName
        | extend finding = strcat(finding_name, ", ", finding_description)
        | summarize firstTime = min(_time), lastTime = max(_time) by awsRegion, eventName, eventSource, imageDigest, repositoryName, user = userIdentity.principalId, userName = userIdentity.userName, src_ip = sourceIPAddress, finding
        """;

    public const string EcrUploadOutsideBusinessHours = """
        where eventSource == "ecr.amazonaws.com" and eventName == "PutImage"
        | where hourofday(_time) >= 20 or hourofday(_time) < 8 or dayofweek(_time) in (0d, 6d)
        | extend repository = requestParameters.repositoryName, imageTag = requestParameters.imageTag, registryId = requestParameters.registryId
        | extend phase = "release", severity = "medium"
        | summarize firstTime = min(_time), lastTime = max(_time) by awsRegion, eventName, eventSource, user = userIdentity.principalId, userName = userIdentity.userName, src_ip = sourceIPAddress, imageTag, registryId, repository, phase, severity
        """;

    public const string EcrUploadUnknownUserAsl = """
        where api.operation == "PutImage" and actor.user.uid !in~ @aws_ecr_users_asl
        | fill-null "unknown"
        | summarize count(), firstTime = min(_time), lastTime = max(_time) by actor.user.uid, api.operation, api.service.name, http_request.user_agent, src_endpoint.ip, actor.user.account.uid, cloud.provider, cloud.region
        | project-rename user = actor_user_uid, action = api_operation, dest = api_service_name, user_agent = http_request_user_agent, src = src_endpoint_ip, vendor_account = actor_user_account_uid, vendor_product = cloud_provider, vendor_region = cloud_region
        """;

    public const string EcrImageScanningDisabled = """
        where eventName == "PutImageScanningConfiguration" and isempty(errorCode) and isempty(errorMessage)
        | extend scanOnPush = requestParameters.imageScanningConfiguration.scanOnPush
        | where scanOnPush == false
        | extend UserIdentityArn = iif(isempty(userIdentity.arn), tostring(resources[0].ARN), userIdentity.arn)
        | extend UserName = tostring(split(UserIdentityArn, "/")[-1])
        | extend AccountName = case(userIdentity.principalId == "Anonymous", "Anonymous", isempty(userIdentity.userName), UserName, userIdentity.userName)
        | extend AccountName = iif(AccountName contains "@", tostring(split(AccountName, "@", 0)[0]), AccountName),
            AccountUPNSuffix = iif(AccountName contains "@", tostring(split(AccountName, "@", 1)[0]), "")
        | distinct _time, eventName, sourceIPAddress, UserIdentityArn, userIdentity.userName, recipientAccountId, AccountName, AccountUPNSuffix
        """;

    public static readonly IReadOnlyList<(string Name, string Text)> All =
    [
        (nameof(EcrScanningFindingsMedium), EcrScanningFindingsMedium),
        (nameof(EcrScanningFindingsHigh), EcrScanningFindingsHigh),
        (nameof(EcrUploadOutsideBusinessHours), EcrUploadOutsideBusinessHours),
        (nameof(EcrUploadUnknownUserAsl), EcrUploadUnknownUserAsl),
        (nameof(EcrImageScanningDisabled), EcrImageScanningDisabled),
    ];
}
