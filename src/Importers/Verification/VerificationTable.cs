using System.Globalization;
using System.Text;

namespace RuleCompiler.Importers.Verification;

/// <summary>
/// The rates table <c>rulec import ... --verify</c> ends with: import, bind, round-trip, KQL and C# rates over all
/// source rules, then the most frequent failure reason of each step.
/// </summary>
public static class VerificationTable
{
    public static string Format(VerificationReport report, int topReasons = 10)
    {
        var rules = report.Rules;
        var total = rules.Count;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"verification of {total} {report.Format} rule(s)\n");
        Line(text, "imported (written, incl. partial)", rules.Count(r => r.Import != ImportStatus.Failed), total);
        Line(text, "validate and bind", rules.Count(r => r.Bound), total);
        if (report.RoundTripTarget is { } target)
        {
            Line(text, $"round trip ({target}, normalised)", rules.Count(r => r.RoundTrip == true), total);
            Line(text, "bind and round trip", rules.Count(r => r.Bound && r.RoundTrip == true), total);
        }
        else
        {
            text.Append("  round trip                          (no comparer for this format)\n");
        }

        var bound = rules.Count(r => r.Bound);
        if (report.KustoUnavailable is { } why)
        {
            text.Append(CultureInfo.InvariantCulture, $"  KQL accepted by Kusto.Language      not checked: {why}\n");
        }
        else
        {
            Line(text, "KQL accepted by Kusto.Language", rules.Count(r => r.KqlAccepted == true), bound, "of bound");
        }

        Line(text, $"C# runs on {report.EventCount} event(s)", rules.Count(r => r.CSharpRan == true), bound, "of bound");
        text.Append(CultureInfo.InvariantCulture, $"  rules raising alerts on the events  {rules.Count(r => r.Alerts > 0)}\n");

        var reasons = rules.Where(r => r.Import == ImportStatus.Failed).Select(r => ("import", r.ImportReason is { } code ? code + "  " + ImportTable.Reason(code) : "not written"))
            .Concat(rules.Where(r => r.Import != ImportStatus.Failed && !r.Bound).Select(r => ("bind", r.BindReason ?? "not compiled")))
            .Concat(rules.Where(r => r.RoundTrip == false).Select(r => ("round trip", r.RoundTripReason ?? "differs")))
            .Concat(rules.Where(r => r.KqlAccepted == false).Select(r => ("kql", r.KqlReason ?? "rejected")))
            .Concat(rules.Where(r => r.CSharpRan == false).Select(r => ("c#", r.CSharpReason ?? "did not run")))
            .GroupBy(r => r)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Take(topReasons)
            .ToList();
        if (reasons.Count > 0)
        {
            text.Append("top failure reasons:\n");
            foreach (var reason in reasons)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {reason.Count(),4}  {reason.Key.Item1,-10}  {Shorten(reason.Key.Item2)}\n");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string what, int count, int of, string suffix = "")
    {
        var rate = of == 0 ? 0 : 100.0 * count / of;
        text.Append(CultureInfo.InvariantCulture, $"  {what,-35} {count} of {of} {suffix}{(suffix.Length > 0 ? " " : "")}({rate:F1}%)\n");
    }

    private static string Shorten(string reason) => reason.Length > 140 ? reason[..137] + "..." : reason;
}
