using System.Collections.Frozen;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Splunk.Emit;

/// <summary>
/// <c>geo_info_from_ip_address(ip).member</c> is Splunk's <c>iplocation</c> command, not an eval function: an extend or
/// project whose columns read members of it runs <c>iplocation prefix=rc_geo_N_ field</c> first (an address that is not
/// a field is evaluated into a temporary), reads <c>rc_geo_N_Country</c> etc. in its eval and drops the helper fields
/// after it; a where that reads members is written the same way, iplocation before it and the removal after it.
/// iplocation adds no field for an address it cannot place (private, invalid, missing), so those read null, as the
/// rule's null. Anywhere else the function has no SPL form (RC4030).
/// </summary>
public sealed partial class SplEmitter
{
    /// <summary>KQL's member names and the fields iplocation adds for them.</summary>
    public static readonly FrozenDictionary<string, string> IplocationFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["country"] = "Country",
        ["state"] = "Region",
        ["city"] = "City",
        ["latitude"] = "lat",
        ["longitude"] = "lon",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The helper prefix of each address (by its eval text) located for the current stage.</summary>
    private readonly Dictionary<string, string> _geoPrefixes = new(StringComparer.Ordinal);

    /// <summary>The helper fields of the current stage's iplocation commands, dropped after its eval.</summary>
    private readonly List<string> _geoHelpers = [];

    /// <summary>
    /// Writes the iplocation commands the stage's columns need (before its renames and evals), and queues the helper
    /// fields for removal after its eval.
    /// </summary>
    private void LocateAddresses(IReadOnlyList<BoundAssignment> columns) =>
        LocateAddresses(columns.Select(c => c.Value), [.. columns.Where(c => !c.IsPassThrough).Select(c => c.Column.Name)]);

    /// <summary>The iplocation commands the values need; <paramref name="assigned"/> are the columns the stage itself sets.</summary>
    private void LocateAddresses(IEnumerable<BoundExpression> values, IReadOnlyList<string> assigned)
    {
        _geoPrefixes.Clear();
        _geoHelpers.Clear();
        foreach (var access in values.SelectMany(GeoMembers))
        {
            var address = ((BoundCall)access.Target).Arguments[0];
            if (assigned.Any(name => Reads(address, name)))
            {
                Error(SplDiagnostics.GeoAddressAssignedHere,
                    "the address of geo_info_from_ip_address is a column this stage assigns: SPL's iplocation runs before the stage's eval and would read the old value; assign the address in an extend before this one",
                    address.Location);
                _geoPrefixes[Value(address)] = "";
                continue;
            }

            var key = Value(address);
            if (_geoPrefixes.ContainsKey(key))
            {
                continue;
            }

            var prefix = Temporary("geo") + "_";
            _geoPrefixes[key] = prefix;
            var field = address is BoundFieldReference { Multivalued: false } reference && Quietly(() => NameOf(reference)) is { } name
                ? CommandField(name, address.Location)
                : null;
            if (field is null)
            {
                var temporary = Temporary("ip");
                _commands.Add($"eval {temporary}={key}");
                _geoHelpers.Add(temporary);
                field = temporary;
            }

            _commands.Add($"iplocation prefix={prefix} {field}");
            _geoHelpers.AddRange(IplocationFields.Values.Select(f => prefix + f));
        }
    }

    /// <summary>A where that reads located members: iplocation first, then the where, then the removal of the helper fields.</summary>
    private void WhereLocated(List<BoundExpression> conditions)
    {
        LocateAddresses(conditions, []);
        _cleanup.AddRange(_geoHelpers);
        EmitWhere(conditions);
        _geoPrefixes.Clear();
        _geoHelpers.Clear();
    }

    /// <summary>The stage's eval, then the removal of its helper fields; no later stage reads the located members.</summary>
    private void EvalLocated(List<string> evals)
    {
        if (evals.Count > 0)
        {
            _cleanup.AddRange(_geoHelpers);
            Command("eval " + string.Join(", ", evals));
        }

        _geoPrefixes.Clear();
        _geoHelpers.Clear();
    }

    /// <summary>The eval field of a located member, or null (reported) where the address was not located for this stage.</summary>
    private string? GeoMemberField(BoundPathAccess access)
    {
        if (access is not { Target: BoundCall { Canonical.Name: GeoFunction, Arguments: [var address] }, Path: [MemberStep member] }
            || !IplocationFields.TryGetValue(member.Name, out var field))
        {
            return null;
        }

        if (!_geoPrefixes.TryGetValue(Value(address), out var prefix))
        {
            Error(SplDiagnostics.GeoOutsideExtend, GeoOutsideExtendMessage, access.Location);
            return "null()";
        }

        // An address refused where it was located (RC4031) reads null here, reported once.
        return prefix.Length == 0 ? "null()" : EvalField(prefix + field, access.Location);
    }

    private const string GeoFunction = "geo_info_from_ip_address";

    private const string GeoOutsideExtendMessage =
        "geo_info_from_ip_address is Splunk's iplocation command: SPL has it only as a member (country, state, city, latitude, longitude) read by a where or assigned by an extend or project (Country = geo_info_from_ip_address(ip).country); assign the member there and use that column";

    private static IEnumerable<BoundPathAccess> GeoMembers(BoundExpression value)
    {
        var finder = new GeoMemberFinder();
        finder.Walk(value);
        return finder.Found;
    }

    private sealed class GeoMemberFinder : BoundTreeWalker
    {
        public List<BoundPathAccess> Found { get; } = [];

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundPathAccess { Target: BoundCall { Canonical.Name: GeoFunction }, Path: [MemberStep member] } access
                && IplocationFields.ContainsKey(member.Name))
            {
                Found.Add(access);
            }
        }
    }
}
