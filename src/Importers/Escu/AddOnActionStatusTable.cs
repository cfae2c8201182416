using System.Collections.Immutable;

namespace RuleCompiler.Importers.Escu;

/// <summary>One row of the add-on's action/status lookup: for this errorCode pattern ("*" matches any), these values.</summary>
internal sealed record AddOnLookupRow(string ErrorCode, string Action, string Status);

/// <summary>Event names whose lookup rows are the same, in the add-on's file order.</summary>
internal sealed record AddOnRowPattern(ImmutableArray<AddOnLookupRow> Rows, ImmutableArray<string> EventNames);

/// <summary>
/// The action/status lookup of the Splunk Add-on for AWS 7.10.0 for sourcetype aws:cloudtrail, restated by row
/// pattern (facts from the add-on's public lookups/aws_cloudtrail_action_status_7100.csv, transforms.conf and
/// props.conf). The add-on looks up (eventName, errorCode) after its EVAL of errorCode: the first row, in file order,
/// whose eventName equals the event's (case-sensitively) and whose errorCode pattern matches wins (max_matches = 1,
/// errorCode a WILDCARD match); no row, no action and no status. Each pattern lists its rows in file order: a name's
/// rows are contiguous in the file, and two names share a pattern when their rows are equal.
/// </summary>
internal static class AddOnActionStatusTable
{
    public const string AddOnVersion = "7.10.0";

    public static ImmutableArray<AddOnRowPattern> Patterns { get; } =
    [
        new(
            [new("AccessDenied", "deleted", "failure"), new("success", "deleted", "success"), new("*", "deleted", "failure")],
            ["DeleteUser"]),
        new(
            [new("AccessDenied", "modified", "failure"), new("success", "modified", "success"), new("*", "modified", "failure")],
            ["DeleteUserPolicy", "PutUserPolicy", "PutBucketPublicAccessBlock", "PutBucketAcl", "PutObject"]),
        new(
            [new("AccessDenied", "created", "failure"), new("success", "created", "success"), new("*", "created", "failure")],
            ["CreateUser"]),
        new(
            [new("Client.UnauthorizedOperation", "created", "failure"), new("success", "created", "success"), new("*", "created", "failure")],
            ["CreateSecurityGroup"]),
        new(
            [new("success", "deleted", "success"), new("*", "deleted", "failure")],
            ["DeleteSecurityGroup", "RevokeSecurityGroupEgress", "DeleteNetworkInterface", "DeleteBucket",
             "TerminateInstances", "DeleteDBSubnetGroup", "DeleteVpcEndpoints"]),
        new(
            [new("Client.UnauthorizedOperation", "deleted", "failure"), new("success", "deleted", "success"), new("*", "deleted", "failure")],
            ["RevokeSecurityGroupIngress"]),
        new(
            [new("success", "modified", "success"), new("*", "modified", "failure")],
            ["AuthorizeSecurityGroupEgress", "AttachRolePolicy", "CreateAccessKey", "DeleteLoginProfile",
             "UpdateUser", "AttachVolume", "DetachVolume", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation",
             "CreateChangeSet", "CreateLoadBalancerListeners", "CreateLoadBalancerPolicy", "CreateDataChannel",
             "AddMemberToGroup", "AdminResetUserPassword", "DetachInternetGateway", "DriverExecute", "EnableControl"]),
        new(
            [new("Client.UnauthorizedOperation", "modified", "failure"), new("success", "modified", "success"), new("*", "modified", "failure")],
            ["AuthorizeSecurityGroupIngress"]),
        new(
            [new("success", "success", "success"), new("*", "failure", "failure")],
            ["AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "ConsoleLogin", "GetFederationToken",
             "GetSessionToken"]),
        new(
            [new("success", "deleted", "success"), new("*", "unknown", "failure")],
            ["DeleteEndpoint", "DeleteAccessKey", "DeleteAccountAlias", "DeleteAccountPasswordPolicy", "DeleteGroup",
             "DeleteGroupPolicy", "DeleteInstanceProfile", "DeleteOpenIDConnectProvider", "DeletePolicy",
             "DeletePolicyVersion", "DeleteRole", "DeleteRolePolicy", "DeleteSAMLProvider",
             "DeleteServerCertificate", "DeleteSigningCertificate", "DeleteSSHPublicKey", "DeleteVirtualMFADevice"]),
        new(
            [new("success", "created", "success"), new("*", "unknown", "failure")],
            ["AddClientIDToOpenIDConnectProvider", "AddRoleToInstanceProfile", "AddUserToGroup",
             "CreateAccountAlias", "CreateGroup", "CreateInstanceProfile", "CreateOpenIDConnectProvider",
             "CreatePolicyVersion", "CreateRole", "CreateSAMLProvider", "CreateTags", "CreateStack",
             "CreatePlatformEndpoint", "TagUser"]),
        new(
            [new("success", "modified", "success"), new("*", "unknown", "failure")],
            ["AttachGroupPolicy", "AttachUserPolicy", "ChangePassword", "CreateLoginProfile",
             "CreateVirtualMFADevice", "DeactivateMFADevice", "DetachGroupPolicy", "DetachRolePolicy",
             "DetachUserPolicy", "EnableMFADevice", "PutGroupPolicy", "PutRolePolicy", "SetDefaultPolicyVersion",
             "SimulateCustomPolicy", "SimulatePrincipalPolicy", "UpdateAccessKey", "UpdateAccountPasswordPolicy",
             "UpdateAssumeRolePolicy", "UpdateGroup", "UpdateLoginProfile", "UpdateOpenIDConnectProviderThumbprint",
             "UpdateSAMLProvider", "UpdateServerCertificate", "UpdateSigningCertificate", "UpdateSSHPublicKey",
             "UploadServerCertificate", "UploadSigningCertificate", "UploadSSHPublicKey"]),
        new(
            [new("success", "created", "success"), new("*", "created", "failure")],
            ["CreatePolicy", "RunInstances", "CreateDeliveryStream", "CreateKeyspace", "CreateFunction20150331",
             "CreateLogGroup", "CreateLogStream", "CreateTable", "CreateAuthorizer", "CreateClientVpnEndpoint",
             "CreateConnection", "CreateDBClusterSnapshot", "CreateLoadBalancer", "CreateNamespace",
             "CreateServiceLinkedRole", "CreateSnapshot", "CreateVpc", "CreateWorkgroup", "AdminCreateUser"]),
        new(
            [new("success", "read", "success"), new("*", "unknown", "failure")],
            ["GetAccessKeyLastUsed", "GetAccountAuthorizationDetails", "GetContextKeysForCustomPolicy",
             "GetContextKeysForPrincipalPolicy", "GetCredentialReport", "GetGroup", "GetGroupPolicy",
             "GetInstanceProfile", "GetLoginProfile", "GetOpenIDConnectProvider", "GetPolicy", "GetPolicyVersion",
             "GetRole", "GetRolePolicy", "GetSAMLProvider", "GetServerCertificate", "GetSSHPublicKey",
             "GetUserPolicy", "ListAttachedGroupPolicies", "ListAttachedRolePolicies", "ListAttachedUserPolicies",
             "ListEntitiesForPolicy", "ListGroupPolicies", "ListGroups", "ListGroupsForUser", "ListInstanceProfiles",
             "ListInstanceProfilesForRole", "ListMFADevices", "ListOpenIDConnectProviders", "ListPolicies",
             "ListPolicyVersions", "ListRolePolicies", "ListRoles", "ListSAMLProviders", "ListServerCertificates",
             "ListSSHPublicKeys", "ListUserPolicies", "ListUsers", "ListVirtualMFADevices"]),
        new(
            [new("success", "read", "success"), new("*", "read", "failure")],
            // "DescribeRepositories " keeps the add-on's trailing space: the row never matches a CloudTrail "DescribeRepositories".
            ["GetAccountPasswordPolicy", "GetAccountSummary", "GetUser", "ListAccessKeys", "ListAccountAliases",
             "ListSigningCertificates", "GetBucketEncryption", "BatchGetImage", "Decrypt", "DescribeAccessPoints",
             "DescribeAccountSubscription", "DescribeAddresses", "DescribeBackupPolicy", "DescribeCluster",
             "DescribeConfigurationSettings", "DescribeContinuousBackups", "DescribeCustomerGateways",
             "DescribeDBClusterSnapshotAttributes", "DescribeDBClusterSnapshots", "DescribeDBClusters",
             "DescribeDBEngineVersions", "DescribeDBInstances", "DescribeDBSecurityGroups",
             "DescribeDBSnapshotAttributes", "DescribeDBSnapshots", "DescribeDBSubnetGroups", "DescribeDRTAccess",
             "DescribeDeliveryStream", "DescribeDirectories", "DescribeEndpoint", "DescribeFileSystemPolicy",
             "DescribeFileSystems", "DescribeFleets", "DescribeHosts", "DescribeHub", "DescribeImages",
             "DescribeInstances", "DescribeInternetGateways", "DescribeJobs", "DescribeKeyPairs",
             "DescribeListeners", "DescribeLoadBalancers", "DescribeSecret", "GetDomainPermissionsPolicy",
             "GetSecretValue", "GetSecurityConfigurations", "ListOrganizationAdminAccounts", "AdminGetUser",
             "DescribeLogStreams", "DescribeLoggingConfiguration", "DescribeNotebookInstance",
             "DescribeOrganizationConfiguration", "DescribeRepositories ", "DescribeReservedDBInstances",
             "DescribeReservedInstances", "DescribeReservedInstancesListings", "DescribeRules",
             "DescribeSecurityGroupRules", "DescribeSnapshots", "DescribeStacks", "DescribeStream", "DescribeTable",
             "DescribeTargetGroups", "DescribeUserProfiles", "DescribeVolumes",
             "DescribeVpcEndpointServicePermissions", "DescribeVpnConnections", "DescribeWorkspaceDirectories",
             "DescribeNatGateways", "DescribeNetworkAcls", "DescribeNetworkInterfaces", "DescribeRouteTables",
             "DescribeSecurityGroups", "DescribeSubnets", "DescribeVpcEndpoints", "DescribeVpcs", "Error_GET",
             "GenerateCredentialReport", "GetAccessPointPolicy", "GetAccountPublicAccessBlock", "GetAdminScope",
             "GetAlternateContact", "GetContactInformation", "DescribeWorkspaces"]),
        new(
            [new("success", "created", "success"), new("AccessDenied", "created", "failure"), new("*", "created", "failure")],
            ["CreateBucket", "CreateVolume", "CreateNetworkAcl"]),
        new(
            [new("success", "deleted", "success"), new("AccessDenied", "deleted", "failure"), new("*", "deleted", "failure")],
            ["DeleteVolume", "DeleteNetworkAcl"]),
        new(
            [new("success", "stopped", "success"), new("*", "stopped", "failure")],
            ["StopInstances"]),
        new(
            [new("success", "started", "success"), new("*", "started", "failure")],
            ["StartInstances"]),
        new(
            [new("success", "restarted", "success"), new("*", "restarted", "failure")],
            ["RebootInstances"]),
        new(
            [new("success", "modified", "success"), new("AccessDenied", "modified", "failure"), new("*", "modified", "failure")],
            ["CreateNetworkAclEntry", "DeleteNetworkAclEntry"]),
        new(
            [new("success", "created", "success")],
            ["CreateNetworkInterface"]),
        new(
            [new("success", "read", "success")],
            ["ListAliases"]),
        new(
            [new("success", "success", "success")],
            ["CheckMfa"]),
        new(
            [new("success", "created", "success"), new("*", "created", "success")],
            ["CreateQueue"]),
    ];
}
