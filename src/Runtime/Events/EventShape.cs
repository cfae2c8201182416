using System.Text.Json;
using RuleCompiler.Runtime.Rows;

namespace RuleCompiler.Runtime.Events;

/// <summary>
/// The data source format an event is written in, told by its top-level keys: a CloudTrail record has eventSource and
/// eventName (every record has both, no other format has either at the top level, and the rule-set index has usually
/// read them already, so the test costs two cached lookups), an OCSF event (Amazon Security Lake) class_uid, a GuardDuty
/// finding schemaVersion, severity and type, a Security Hub finding (ASFF) SchemaVersion, ProductArn and AwsAccountId
/// (ASFF's keys are capitalised), and a Kubernetes audit event auditID, stage and verb. The names are the data source
/// schema's <c>event_format</c> values. An event of none of these shapes has no format.
/// </summary>
public static class EventShape
{
    public const string CloudTrail = "cloudtrail";
    public const string Ocsf = "ocsf";
    public const string GuardDuty = "guardduty";
    public const string Asff = "asff";
    public const string K8sAudit = "k8s_audit";

    /// <summary>The prefix of a rule's format when it reads a Splunk data model dataset: <c>splunk_datamodel:All_Risk</c>.</summary>
    public const string DataModelPrefix = "splunk_datamodel:";

    /// <summary>The format of rules over the data model dataset <paramref name="dataset"/>.</summary>
    public static string DataModel(string dataset) => DataModelPrefix + dataset;

    public static bool IsDataModel(string? format) => format is not null && format.StartsWith(DataModelPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether an event of none of the known shapes suits a rule of <paramref name="format"/>: a row of a data model
    /// dataset has its fields nested below the dataset's name, so it is one when it has that key holding an object;
    /// a rule of any other format takes such an event as before (its own filters decide).
    /// </summary>
    public static bool Accepts(string format, Row evt)
    {
        if (!IsDataModel(format))
        {
            return true;
        }

        try
        {
            return evt.HasEvent && evt.TryGetEventTopJson(format[DataModelPrefix.Length..], out var value) && value.ValueKind == JsonValueKind.Object;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The event's format, or null when it is not an object or has none of the shapes.</summary>
    public static string? Of(Row evt)
    {
        if (!evt.HasEvent)
        {
            return null;
        }

        if (Has(evt, "eventSource") && Has(evt, "eventName"))
        {
            return CloudTrail;
        }

        if (Has(evt, "class_uid"))
        {
            return Ocsf;
        }

        if (Has(evt, "schemaVersion") && Has(evt, "severity") && Has(evt, "type"))
        {
            return GuardDuty;
        }

        if (Has(evt, "SchemaVersion") && Has(evt, "ProductArn") && Has(evt, "AwsAccountId"))
        {
            return Asff;
        }

        return Has(evt, "auditID") && Has(evt, "stage") && Has(evt, "verb") ? K8sAudit : null;
    }

    private static bool Has(Row evt, string key)
    {
        try
        {
            return evt.TryGetEventTopJson(key, out var value) && value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A key System.Text.Json cannot read: the shape is unknown, and the rules' own filters decide.
            return false;
        }
    }
}
