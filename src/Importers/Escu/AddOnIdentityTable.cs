using System.Collections.Immutable;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The identity fields of the Splunk Add-on for AWS 7.10.0 for sourcetype aws:cloudtrail, restated from the facts of its
/// public default/props.conf (stanza [aws:cloudtrail]): <c>user</c>, <c>user_name</c> and <c>user_type</c> are
/// search-time <c>case</c> EVALs whose branches are listed here in the add-on's order (the first branch whose condition
/// holds gives the value; none, no value), and <c>userName</c> a <c>coalesce</c>. Search-time EVALs all read the event
/// as it was before any of them (none of these reads a field another EVAL computes), so every key below is a raw
/// CloudTrail key. The add-on's REPORT extraction of <c>user</c> from errorMessage runs before the EVALs, and EVAL-user
/// replaces it on every event.
/// </summary>
internal static class AddOnIdentityTable
{
    public const string Version = AddOnActionStatusTable.AddOnVersion;

    private const string IssuerName = "userIdentity.sessionContext.sessionIssuer.userName";
    private const string IssuerType = "userIdentity.sessionContext.sessionIssuer.type";
    private const string PrincipalId = "userIdentity.principalId";
    private const string Arn = "userIdentity.arn";
    private const string UserNameKey = "userIdentity.userName";
    private const string IdentityType = "userIdentity.type";

    // The user name the add-on reads from an IAM error message ("... on resource: user NAME").
    private static readonly AddOnValue ErrorMessageResource =
        new RegexReplaced(new KeyValue("errorMessage"), @".*resource\s*:\s*(?:user\s*)?(.*)", @"\1");

    /// <summary>The last '/' segment of the last ':' segment of an ARN (the name in arn:...:role/path/NAME).</summary>
    private static AddOnValue ArnName(string key) => new SplitPart(new SplitPart(new KeyValue(key), ":", -1), "/", -1);

    // userIdentity.arn's name, or requestParameters.roleArn's when the call has no userIdentity.arn.
    private static readonly AddOnValue CallerArnName = new IfKey(Arn, false, ArnName("requestParameters.roleArn"), ArnName(Arn));

    private static readonly AddOnValue SessionName = new SplitPart(new KeyValue(PrincipalId), ":", 1);

    private static readonly ImmutableArray<AddOnTest> InstancesVolumesPutsBuckets =
        [new EventNameLike("%Instances"), new EventNameLike("%Volume"), new EventNameLike("Put%"), new EventNameLike("%Bucket")];

    // The read-only calls whose user and user_name 7.10.0 takes from the principal id and the caller's ARN (the same
    // names in both EVALs, in another order there; the order of an IN list does not matter).
    private static readonly string[] ConfigurationReads =
    [
        "DescribeOrganizationConfiguration", "DescribeLoggingConfiguration", "DescribeRepositories", "DescribeNotebookInstance",
        "DescribeLogStreams", "DescribeReservedDBInstances", "DescribeReservedInstances", "DescribeReservedInstancesListings",
        "DescribeRules", "DescribeSecurityGroupRules", "DescribeSnapshots", "DescribeStacks", "DescribeStream", "DescribeTable",
        "DescribeTargetGroups", "DescribeUserProfiles", "DescribeVolumes", "DescribeVpcEndpointServicePermissions",
        "DescribeVpnConnections", "DescribeWorkspaceDirectories", "DescribeWorkspaces", "DetachInternetGateway", "DescribeNatGateways",
        "DescribeNetworkAcls", "DescribeNetworkInterfaces", "DescribeRouteTables", "DescribeSecurityGroups", "DescribeSubnets",
        "DescribeVpcEndpoints", "DescribeVpcs", "DriverExecute", "EnableControl", "GenerateCredentialReport", "GetAccessPointPolicy",
        "GetAccountPasswordPolicy", "GetAccountPublicAccessBlock", "GetAdminScope", "GetAlternateContact", "GetContactInformation"
    ];

    // IAM account management calls: the user they act on. Both user and user_name have these six branches, in this order.
    private static readonly ImmutableArray<AddOnBranch> AccountManagement =
    [
        Branch(Names("CreateLoginProfile"), Key("responseElements.loginProfile.userName")),
        Branch(Names("CreateUser"), Key("responseElements.user.userName")),
        Branch(Names("DeleteUser", "DeleteLoginProfile"), Key("requestParameters.userName")),
        Branch(Names("UpdateUser"), Key("requestParameters.newUserName")),
        Branch(Names("CreateAccessKey"), First(Key("responseElements.accessKey.userName"), ErrorMessageResource)),
        Branch(Names("ListSigningCertificates", "ListAccessKeys", "GetUser", "GetAccountSummary", "ListAccountAliases"), ErrorMessageResource),
    ];

    /// <summary>EVAL-userName: the first set of the user name keys, else the name in the caller's ARN.</summary>
    public static AddOnValue UserName { get; } =
        new FirstOf([new KeyValue(UserNameKey), new KeyValue("requestParameters.sourceIdentity"), new KeyValue(IssuerName), CallerArnName]);

    /// <summary>EVAL-user, branch by branch.</summary>
    public static ImmutableArray<AddOnBranch> User { get; } =
    [
        Branch(Names("AddMemberToGroup"), Key("requestParameters.member.memberId")),
        Branch(Names("PutBucketAcl"), Key(UserNameKey)),
        Branch(Names("AdminCreateUser", "AdminGetUser", "AdminResetUserPassword"), First(Key("responseElements.user.username"), Key("requestParameters.username"))),
        Branch(
            Names("CreateLoadBalancerListeners", "CreateLoadBalancerPolicy", "CreateLogGroup", "CreateLogStream", "GetBucketEncryption",
                "BatchGetImage", "CreateDataChannel", "CreateSnapshot", "CreateVpc", "DeleteVpcEndpoints", "DescribeAccessPoints",
        "DescribeAccountSubscription", "DescribeAddresses", "DescribeBackupPolicy", "DescribeCluster", "DescribeConfigurationSettings",
        "DescribeContinuousBackups", "DescribeCustomerGateways", "DescribeDBClusterSnapshotAttributes", "DescribeDBClusterSnapshots",
        "DescribeDBClusters", "DescribeDBSecurityGroups", "ListOrganizationAdminAccounts", "GetSecurityConfigurations",
                "GetDomainPermissionsPolicy", "DescribeLoadBalancers", "DescribeListeners", "DescribeKeyPairs", "DescribeJobs",
        "DescribeInternetGateways", "DescribeImages", "DescribeHub", "DescribeHosts", "DescribeFleets", "DescribeFileSystems",
        "DescribeFileSystemPolicy", "DescribeEndpoint", "DescribeDirectories", "DescribeDeliveryStream", "DescribeDRTAccess",
        "DescribeDBSubnetGroups", "DescribeDBSnapshots", "DescribeDBSnapshotAttributes"),
            First(Key(IssuerName), Key(UserNameKey))),
        .. AccountManagement,
        Branch(Names("CreateVirtualMFADevice"), Key(UserNameKey)),
        Branch(Names("CreateNetworkInterface", "DeleteNetworkInterface"), Key(IssuerName)),
        Branch([[new EventNameIn(["AssumeRole"]), new KeyEquals(IdentityType, "AssumedRole")]],
            First(new SplitPart(Key("requestParameters.roleArn"), "/", -1), Key(IssuerName))),
        Branch(Names("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"), new SplitPart(Key("responseElements.assumedRoleUser.arn"), "/", -1)),
        Branch([[new EventNameIn(["ConsoleLogin"]), new KeyEquals(IdentityType, "AssumedRole"), new KeyPresent("additionalEventData.LoginTo", true)]],
            First(SessionName, Key(UserNameKey))),
        Branch([[new KeyEquals("eventType", "AwsConsoleSignIn")], [new EventNameIn(["ListAliases", "ListRoles"])]], First(Key(UserNameKey), Key(IssuerName))),
        Branch(
            Names(ConfigurationReads),
            First(new SplitPart(new SplitPart(Key(PrincipalId), ":", -2), "/", -2), ArnName(Arn))),
        Branch(Each(InstancesVolumesPutsBuckets), First(Key(UserNameKey), Key(IssuerName))),
        Branch(Names("Decrypt", "DescribeSecret"), new IfKey("errorMessage", true, SessionName, Key(IssuerName))),
        Branch(
            Names("AttachRolePolicy", "CreateClientVpnEndpoint", "CreateConnection", "CreateAuthorizer", "CreateNamespace", "CreatePolicy",
                "CreateServiceLinkedRole", "CreateWorkgroup", "DeleteDBSubnetGroup", "DescribeDBEngineVersions", "DescribeSecret", "GetSecretValue"),
            First(SessionName, Key(IssuerName), Key(UserNameKey))),
        Branch([], Key(UserNameKey)),
    ];

    /// <summary>EVAL-user_name, branch by branch (no default: no value when none holds).</summary>
    public static ImmutableArray<AddOnBranch> UserNameField { get; } =
    [
        Branch(Names("ListRoles"), new SplitPart(Key(PrincipalId), ":", 0)),
        Branch(Names("AdminCreateUser"), First(Key("responseElements.user.username"),
            new MemberNamed("requestParameters.userAttributes", "Name", "Value", "name"), Key("requestParameters.username"))),
        Branch(Names("AdminResetUserPassword", "AdminGetUser"), Key("requestParameters.username")),
        .. AccountManagement,
        Branch(Names("Decrypt"), new IfKey("errorMessage", true, SessionName, Key(IssuerName))),
        Branch(Names("CreateVirtualMFADevice"), Key(UserNameKey)),
        Branch(
            Names("AttachRolePolicy", "CreateAuthorizer", "CreateClientVpnEndpoint", "CreateConnection", "CreateNamespace", "CreatePolicy",
                "CreateServiceLinkedRole", "CreateWorkgroup", "DeleteDBSubnetGroup", "DescribeDBEngineVersions", "GetSecretValue"),
            First(SessionName, Key(IssuerName), Key(UserNameKey))),
        Branch(
            Names(ConfigurationReads),
            ArnName(Arn)),
        Branch([[new EventNameIsNot("AddMemberToGroup")]], First(Key(UserNameKey), Key(IssuerName), CallerArnName)),
    ];

    /// <summary>EVAL-user_type, branch by branch.</summary>
    public static ImmutableArray<AddOnBranch> UserType { get; } =
    [
        Branch(Each([new EventNameIn(["CreateLoginProfile"]), new EventNameLike("%User"),
            new EventNameIn(["ListSigningCertificates", "CreateAccessKey", "ListAccessKeys", "CreateVirtualMFADevice", "GetAccountSummary", "ListAccountAliases"])]),
            new NoValue()),
        Branch([[new EventNameIn(["ConsoleLogin"]), new KeyEquals(IdentityType, "AssumedRole"), new KeyPresent("additionalEventData.LoginTo", false)]], Key(IssuerType)),
        Branch([[new KeyEquals("eventType", "AwsConsoleSignIn")]], Key(IdentityType)),
        Branch(Each(InstancesVolumesPutsBuckets), Key(IdentityType)),
        Branch(Names("ListAliases", "ListRoles", "DeleteNetworkInterface"), Key(IssuerType)),
        Branch(Each([new EventNameLike("AssumeRole%")]),
            First(new Joined(First(Key("resources[*].type"), new SplitPart(Key("responseElements.assumedRoleUser.arn"), "/", 1)), ","), Key(IdentityType))),
        Branch([], Key(IdentityType)),
    ];

    private static AddOnBranch Branch(ImmutableArray<ImmutableArray<AddOnTest>> alternatives, AddOnValue value) => new(alternatives, value);

    private static ImmutableArray<ImmutableArray<AddOnTest>> Names(params string[] names) => [[new EventNameIn([.. names])]];

    private static ImmutableArray<ImmutableArray<AddOnTest>> Each(ImmutableArray<AddOnTest> tests) => [.. tests.Select(t => ImmutableArray.Create(t))];

    private static KeyValue Key(string key) => new(key);

    private static FirstOf First(params AddOnValue[] values) => new([.. values]);
}
