using System.Collections.Immutable;
using RuleCompiler.Backends.Splunk.Spl;
using RuleCompiler.Compiler.Language.Printing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// What an SPL field name means at one point of the pipeline: a column an earlier command made, a member of an
/// object a bare <c>spath input=</c> extracted, a field of the data source, a Splunk add-on (CIM) field derived from
/// raw fields, or ESCU's <c>date_hour</c>/<c>date_wday</c>. <see cref="Resolve"/> gives the canonical expression.
/// </summary>
internal sealed class SplFieldScope(DataSource dataSource)
{
    private readonly List<string> _columns = [];

    public DataSource DataSource => dataSource;

    /// <summary>Whether rows are still events of the data source (true until a stats, table or fields).</summary>
    public bool RawEvents { get; private set; } = true;

    /// <summary>The column whose members a bare <c>spath input=</c> made visible as top-level names.</summary>
    public string? BareMembersOf { get; set; }

    public IReadOnlyList<string> Columns => _columns;

    private readonly Dictionary<string, string> _listMatches = new(StringComparer.Ordinal);

    /// <summary>
    /// A column that <c>lookup LIST value AS f OUTPUT value AS c</c> sets exactly when f is in a list of the repository:
    /// c → the canonical membership test. Only its null test has a canonical meaning.
    /// </summary>
    public void DefineListMatch(string column, string membership) => _listMatches[column] = membership;

    public string? ListMatch(string column) => _listMatches.GetValueOrDefault(column);

    public bool RemoveListMatch(string column) => _listMatches.Remove(column);

    /// <summary>The command being translated: a read of the raw event's text is reported at its token there.</summary>
    public SplCommand? Current { get; set; }

    private readonly Dictionary<string, SplToken> _rawText = new(StringComparer.Ordinal);

    /// <summary>
    /// A name a rex on _raw set to the whole event's JSON text (its rex token): <c>spath input=</c> of it reads the
    /// event's own fields; any other read has no canonical field (<see cref="Resolve"/> refuses it).
    /// </summary>
    public void DefineRawText(string name, SplToken rex)
    {
        _columns.Remove(name);
        _rawText[name] = rex;
    }

    public bool IsRawText(string name) => _rawText.ContainsKey(name);

    public bool RemoveRawText(string name) => _rawText.Remove(name);

    /// <summary>The rex tokens of raw-text names still set (they would be fields of output events).</summary>
    public IEnumerable<SplToken> RawTextDefinitions => _rawText.Values;

    public void Define(string name)
    {
        _rawText.Remove(name);
        if (!_columns.Contains(name))
        {
            _columns.Add(name);
        }
    }

    public void Remove(string name) => _columns.Remove(name);

    /// <summary>After stats, table or fields: the rows hold exactly these columns.</summary>
    public void Replace(IEnumerable<string> columns)
    {
        _columns.Clear();
        _columns.AddRange(columns.Distinct(StringComparer.Ordinal));
        RawEvents = false;
        BareMembersOf = null;
        _rawText.Clear();
    }

    public bool IsColumn(string name) => _columns.Contains(name);

    /// <summary>The canonical expression for an SPL field name, and a note when it is derived rather than read.</summary>
    public (string Expression, string? Note) Resolve(string name)
    {
        if (_rawText.ContainsKey(name))
        {
            var at = Current?.Arguments.FirstOrDefault(t => t.Value == name) ?? Current?.Head ?? _rawText[name];
            throw new SplTranslationException(at, EscuDiagnosticCodes.RawEventText,
                $"'{name}' holds the raw event's JSON text (a rex on _raw), which is no canonical field: only spath input={name} path=... translates (it reads the event's own fields)");
        }

        if (IsColumn(name) || name == "_time")
        {
            return (Path(name), null);
        }

        if (SplMemberPaths.Canonical(name, this) is { } members)
        {
            return (members, null);
        }

        if (RawEvents && !IsDataSourceField(name) && Derived(name) is { } derived)
        {
            return derived;
        }

        if (IsAddOnErrorCode(name))
        {
            return (AddOnLookupFields.ErrorCodeDefinition, AddOnErrorCodeNote);
        }

        if (BareMembersOf is { } parent && !IsDataSourceField(name))
        {
            // Splunk names an extracted JSON field by its path, so a dotted name is a nested member, not a key with dots.
            return (Path(parent + "." + name), null);
        }

        return (Path(name), null);
    }

    /// <summary>
    /// Whether the name is the add-on's errorCode of raw CloudTrail events, which the add-on overwrites at search time
    /// (see <see cref="AddOnLookupFields.ErrorCodeDefinition"/>), not a column the search made.
    /// </summary>
    public bool IsAddOnErrorCode(string name) =>
        RawEvents && name == "errorCode" && dataSource.EventFormat == EventFormat.CloudTrail && !IsColumn(name);

    /// <summary>Whether the name is a declared field or a path below a declared dynamic field.</summary>
    public bool IsDataSourceField(string name)
    {
        if (dataSource.FindField(name) is not null)
        {
            return true;
        }

        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
        {
            if (dataSource.FindField(name[..dot]) is { } field)
            {
                return field.Type == FieldType.Dynamic;
            }
        }

        // A prefix of declared fields names the object that holds them (userIdentity for userIdentity.arn).
        return dataSource.Fields.Any(f => f.Name.StartsWith(name + ".", StringComparison.Ordinal));
    }

    /// <summary>Whether the name is a field of the raw events that the data source declares as a bool or a number.</summary>
    public bool IsTypedNonText(string name) =>
        !IsColumn(name) && dataSource.FindField(name) is { Type: FieldType.Bool or FieldType.Long or FieldType.Real };

    /// <summary>Whether the name is a path strictly below a declared dynamic field (a key of its JSON, no field of its own).</summary>
    public bool IsInsideDynamicField(string name) => !IsColumn(name) && dataSource.FindField(name) is null && IsDynamicPath(name);

    /// <summary>Whether the name reads a value of type dynamic (a path below a dynamic field, or a dynamic field).</summary>
    public bool IsDynamicPath(string name)
    {
        if (IsColumn(name))
        {
            return false;
        }

        for (var end = name.Length; end > 0; end = name.LastIndexOf('.', end - 1))
        {
            if (dataSource.FindField(name[..end]) is { } field)
            {
                return field.Type == FieldType.Dynamic;
            }
        }

        return false;
    }

    /// <summary>A dotted path in the canonical syntax: identifier parts after dots, others as <c>["key"]</c>.</summary>
    public static string Path(string name)
    {
        var parts = name.Split('.');
        var text = SyntaxFacts.IsBareName(parts[0]) ? parts[0] : $"[{StringLiterals.Quote(parts[0])}]";
        return text + string.Concat(parts.Skip(1).Select(Member));
    }

    /// <summary>A column name as an assignment target: a bare name, or <c>["name"]</c>.</summary>
    public static string Name(string name) => SyntaxFacts.IsBareName(name) ? name : $"[{StringLiterals.Quote(name)}]";

    private static string Member(string part) => SyntaxFacts.IsIdentifier(part) ? "." + part : $"[{StringLiterals.Quote(part)}]";

    private ImmutableArray<ImmutableArray<string>> _requiredEventNames = [];

    /// <summary>
    /// The event names the first search requires (<see cref="EventNameTerm.Required"/>): every later row is an event
    /// that passed it, so a derived add-on field need only cover those names.
    /// </summary>
    public void RequireEventNames(ImmutableArray<ImmutableArray<string>> required) => _requiredEventNames = required;

    /// <summary>Whether an event with this eventName can reach the current command (true once eventName is a column).</summary>
    public bool EventNameAllowed(string eventName) =>
        IsColumn("eventName") || _requiredEventNames.All(values => values.Any(v => string.Equals(v, eventName, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether an event that can reach the current command may have a name that passes the test (a test that ignores case).</summary>
    public bool EventNameMayMatch(Func<string, bool> test) => IsColumn("eventName") || _requiredEventNames.All(values => values.Any(test));

    // ESCU's time fields are the event time's parts (UTC for these sources); the add-on's CIM names are derived from
    // raw fields by the data source's event format, so a rule means the same on every backend.
    private (string, string?)? Derived(string name) => name switch
    {
        "date_hour" => ("hourofday(_time)", "date_hour is the hour of the event time (UTC)"),
        "date_wday" => ("case(dayofweek(_time) == 0d, \"sunday\", dayofweek(_time) == 1d, \"monday\", dayofweek(_time) == 2d, \"tuesday\", dayofweek(_time) == 3d, \"wednesday\", dayofweek(_time) == 4d, \"thursday\", dayofweek(_time) == 5d, \"friday\", \"saturday\")", "date_wday is the lower-case day name of the event time (UTC)"),
        _ when dataSource.EventFormat == EventFormat.Asff && SecurityHubAddOnFields.TryGet(name, out var asff) => (asff.Expression, SecurityHubAddOnFields.Note(name, asff)),
        _ when dataSource.EventFormat != EventFormat.CloudTrail => null,
        _ when AddOnLookupFields.IsLookupField(name) => (AddOnLookupFields.Value(name, EventNameAllowed), LookupNote(name)),
        _ when AddOnIdentityFields.IsIdentityField(name) => AddOnIdentityFields.Resolve(name, EventNameAllowed, EventNameMayMatch),
        _ when CloudTrailCim.TryGetValue(name, out var cim) => (cim, CimNote(name, cim)),
        _ => null,
    };

    /// <summary>Outside search terms errorCode is the add-on's value, as Splunk shows it: derived from the raw keys.</summary>
    public const string AddOnErrorCodeNote =
        "the Splunk Add-on for AWS " + AddOnLookupFields.Version + " field 'errorCode' is the raw key, or \"failure\" for a failed console sign-in without one and \"success\" for any other call without one: " + AddOnLookupFields.ErrorCodeDefinition;

    public static string LookupNote(string name) =>
        $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' is its action/status lookup of eventName and the add-on's errorCode (the first matching row; none, no value): a case over eventName";

    private static string CimNote(string name, string expression) =>
        $"the Splunk Add-on for AWS {AddOnLookupFields.Version} field '{name}' is derived as {expression}";

    /// <summary>
    /// The Splunk Add-on for AWS's CIM fields of aws:cloudtrail (besides action and status), as expressions over the raw
    /// CloudTrail keys. 7.10.0 aliases src, src_ip, region, vendor_region, signature, command, dvc, app, reason,
    /// result_id and user_access_key, and evaluates vendor_account, user_arn, aws_account_id and user_agent (its
    /// <c>userAgent{}</c>, an array form CloudTrail does not write, has no canonical path). user, userName, user_name and
    /// user_type are <see cref="AddOnIdentityFields"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CloudTrailCim = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["src"] = "sourceIPAddress",
        ["src_ip"] = "sourceIPAddress",
        ["region"] = "awsRegion",
        ["vendor_region"] = "awsRegion",
        ["vendor_account"] = "coalesce(userIdentity.accountId, recipientAccountId)",
        ["signature"] = "eventName",
        ["command"] = "eventName",
        ["dvc"] = "eventSource",
        ["app"] = "eventType",
        ["reason"] = "errorMessage",
        // An alias set before the add-on's EVAL of errorCode, so it holds the raw key (absent on success).
        ["result_id"] = "errorCode",
        ["user_agent"] = "userAgent",
        ["user_arn"] = "coalesce(userIdentity.arn, tostring(requestParameters.roleArn))",
        ["aws_account_id"] = "iif(userIdentity.type in (\"AWSAccount\", \"AWSService\"), recipientAccountId, userIdentity.accountId)",
        ["user_access_key"] = "userIdentity.accessKeyId",
    };
}
