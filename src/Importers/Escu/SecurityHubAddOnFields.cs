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
    private static readonly (string Types, string Prefix)[] IdExtracts =
    [
        ("\"AwsEc2Instance\"", @":\d+:instance/"),
        ("\"AwsS3Bucket\"", @"\w+:\w+:s3:::"),
        ("\"AwsIamAccessKey\"", @"::AccessKey:"),
        ("\"AwsEc2SecurityGroup\"", @":\d+:security-group/"),
        ("\"AwsEc2Vpc\"", @":\d+:vpc/"),
        ("\"AwsEc2Volume\"", @":\d+:volume/"),
        ("\"AwsSsmAssociationCompliance\", \"AwsSsmPatchCompliance\"", @"::ManagedInstanceInventory/"),
        ("\"AwsIamUser\"", @":\d+:user/"),
    ];

    /// <summary>
    /// dest: unless the resource is the actor, the id part its type's pattern extracts (empty when it does not match;
    /// the text after the id's last colon for other types). It reads the first value of each resource member
    /// (<c>Resources[*].Id[0]</c>, SPL's <c>mvindex('Resources{}.Id', 0)</c>), the whole of it for a finding with one
    /// resource. The add-on reads every resource of a multi-resource finding (a multivalue dest) and falls back to the
    /// resources' EC2 addresses; neither is reproduced, which the note says. The extraction is written as the
    /// regular-expression replacements without group references, which SPL's replace() spells the same way.
    /// </summary>
    // The resources' ids as one text, so a pattern finds the first id it matches (the whole id for one resource).
    private const string Ids = "strcat_array(Resources[*].Id, \",\")";

    private static readonly string Dest =
        "iif(Resources[*].ResourceRole matches regex \"^ACTOR\\\\z\" or ProductFields[\"aws/guardduty/service/resourceRole\"] == \"ACTOR\", \"\", case("
        + string.Concat(IdExtracts.Select(e => $"{TypeTest(e.Types)}, {Extract(e.Prefix)}, "))
        + $"replace_regex({Ids}, \".*:\", \"\")))";

    private static readonly Dictionary<string, SplFieldScope.CimField> Fields = new(StringComparer.Ordinal)
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

    public static bool TryGet(string name, out SplFieldScope.CimField field) => Fields.TryGetValue(name, out field!);

    public static string Note(string name, SplFieldScope.CimField field) => field.FollowsAddOn
        ? $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' of aws:securityhub:finding is derived as {field.Expression}"
        : $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' of aws:securityhub:finding is derived from the finding's first resource; the add-on reads every resource of a multi-resource finding (a multivalue dest) and falls back to the EC2 addresses, which is not reproduced (docs/translation.md)";

    private static string TypeTest(string types) => types.Contains(',', StringComparison.Ordinal)
        ? string.Join(" or ", types.Split(", ").Select(TypeTest))
        : $"Resources[*].Type matches regex {StringLiterals.Quote("^" + types.Trim('"') + "\\z")}";

    // The [\w-]+ after the prefix, empty when there is none: what is left after cutting the text up to the prefix and
    // from the first other character, which SPL's replace() writes without a group reference.
    private static string Extract(string prefix) =>
        $"iif({Ids} matches regex {StringLiterals.Quote(prefix + @"[\w-]")}, replace_regex(replace_regex({Ids}, {StringLiterals.Quote("(?s)^.*?" + prefix)}, \"\"), {StringLiterals.Quote(@"(?s)[^\w-].*")}, \"\"), \"\")";
}
