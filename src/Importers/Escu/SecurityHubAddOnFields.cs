using RuleCompiler.Compiler.Language.Printing;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The Splunk Add-on for AWS's CIM fields of sourcetype aws:securityhub:finding (Security Hub findings in ASFF), as
/// expressions over the raw finding keys, so a rule on the aws_securityhub data source means the same on every
/// backend. From the add-on's props.conf and transforms.conf, version <see cref="AddOnLookupFields.Version"/>.
/// </summary>
internal static class SecurityHubAddOnFields
{
    // The add-on's transforms extract the destination from the resource id by its type: the [\w-]+ after a prefix.
    private static readonly (string[] Types, string Prefix)[] IdExtracts =
    [
        (["AwsEc2Instance"], @":\d+:instance/"),
        (["AwsS3Bucket"], @"\w+:\w+:s3:::"),
        (["AwsIamAccessKey"], @"::AccessKey:"),
        (["AwsEc2SecurityGroup"], @":\d+:security-group/"),
        (["AwsEc2Vpc"], @":\d+:vpc/"),
        (["AwsEc2Volume"], @":\d+:volume/"),
        (["AwsSsmAssociationCompliance", "AwsSsmPatchCompliance"], @"::ManagedInstanceInventory/"),
        (["AwsIamUser"], @":\d+:user/"),
    ];

    // The resources' ids as one text, so a pattern finds the first id it matches (the whole id for one resource).
    private const string Ids = "strcat_array(Resources[*].Id, \",\")";

    /// <summary>
    /// dest as the add-on computes it for a finding with one resource: empty when the resource (or GuardDuty's
    /// resourceRole product field) is the actor; else, by the resource type, the id part after that type's prefix
    /// (empty when there is none), and for other types the id after its last colon. For a multi-resource finding the
    /// add-on appends one value per resource and falls back to the resources' EC2 addresses; neither is reproduced,
    /// which the note says. Type tests are the member-list matches and the extraction two regular-expression
    /// replacements without group references, the forms the Splunk backend writes back unchanged.
    /// </summary>
    private static readonly string Dest =
        $"iif({TypeTest("ResourceRole", "ACTOR")} or ProductFields[\"aws/guardduty/service/resourceRole\"] == \"ACTOR\", \"\", case("
        + string.Concat(IdExtracts.Select(e => $"{string.Join(" or ", e.Types.Select(t => TypeTest("Type", t)))}, {Extract(e.Prefix)}, "))
        + $"replace_regex({Ids}, \".*:\", \"\")))";

    /// <summary>An add-on field as an expression over the finding's keys, and whether that is the add-on's whole definition.</summary>
    public sealed record AddOnField(string Expression, bool FollowsAddOn);

    private static readonly Dictionary<string, AddOnField> Fields = new(StringComparer.Ordinal)
    {
        ["vendor_account"] = new("AwsAccountId", true),
        ["vendor_region"] = new("Resources[*].Region", true),
        ["severity"] = new("tolower(Severity.Label)", true),
        ["severity_id"] = new("Severity.Normalized", true),
        ["signature"] = new("Title", true),
        ["subject"] = new("Title", true),
        ["signature_id"] = new("GeneratorId", true),
        ["description"] = new("Description", true),
        ["body"] = new("Description", true),
        ["dest_type"] = new("Resources[*].Type", true),
        ["app"] = new("coalesce(ProductName, ProductFields[\"aws/securityhub/ProductName\"])", true),
        ["dest"] = new(Dest, false),
    };

    public static bool TryGet(string name, out AddOnField field) => Fields.TryGetValue(name, out field!);

    public static string Note(string name, AddOnField field) => field.FollowsAddOn
        ? $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' of aws:securityhub:finding is derived as {field.Expression}"
        : $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' of aws:securityhub:finding is derived as the add-on derives it for a finding with one resource; for a multi-resource finding the add-on appends one value per resource and falls back to the EC2 addresses, which is not reproduced (docs/translation.md)";

    // Some resource's member equals the text: a match of the member list, anchored.
    private static string TypeTest(string member, string text) => $"Resources[*].{member} matches regex {StringLiterals.Quote("^" + text + "\\z")}";

    // The [\w-]+ after the prefix, empty when there is none: what is left after cutting the text up to the prefix and
    // from the first other character, which SPL's replace() writes without a group reference.
    private static string Extract(string prefix) =>
        $"iif({Ids} matches regex {StringLiterals.Quote(prefix + @"[\w-]")}, replace_regex(replace_regex({Ids}, {StringLiterals.Quote("(?s)^.*?" + prefix)}, \"\"), {StringLiterals.Quote(@"(?s)[^\w-].*")}, \"\"), \"\")";
}
