using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using RuleCompiler.Backends.Tests.CSharp;
using Xunit;

namespace RuleCompiler.Backends.Tests.RuleSet;

/// <summary>
/// The rule-set evaluator (index, candidates in rule order) against every rule seeing every event: the same
/// alerts, the same rows, in the same order, on generated rules and events built to hit the edges (case folding,
/// non-ASCII letters, escaped strings, null, missing, numbers, arrays, objects, a top-level key spelled like a
/// dotted path, the empty string).
/// </summary>
public class RuleSetEquivalenceTests
{
    private static readonly string[] Words = ["PutImage", "putimage", "PUTIMAGE", "GetObject", "ecr.amazonaws.com", "s3.amazonaws.com", "Root", "root", "é", "É", "ß", "İ", "i", "a\"b", "x\\y", "ünïcode", "ÜNÏCODE"];

    private static readonly string[] Fields = ["eventName", "eventSource", "awsRegion", "userIdentity.type", "requestParameters.repositoryName", "errorCode"];

    private static Gen<string> Pick(params string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    private static readonly Gen<string> Word = Gen.Frequency((8, Pick(Words)), (1, Gen.Const("")));

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Mostly the equality and membership tests rules start with (the index's keys), and the others.</summary>
    private static readonly Gen<string> Atom = Gen.Frequency(
        (3, Gen.Select(Pick(Fields), Pick("==", "=~"), Word, (f, op, w) => $"{f} {op} {Quote(w)}")),
        (2, Gen.Select(Pick(Fields), Pick("!=", "!~", "contains", "startswith", "has"), Word, (f, op, w) => $"{f} {op} {Quote(w)}")),
        (3, Gen.Select(Pick(Fields), Pick("in", "in~", "!in"), Word.Array[1, 3], (f, op, ws) => $"{f} {op} ({string.Join(", ", ws.Select(Quote))})")),
        (1, Gen.Select(Pick(Fields), f => $"isempty({f})")));

    private static readonly Gen<string> Predicate = Gen.OneOf(
        Atom,
        Gen.Select(Atom, Atom, (a, b) => $"({a} and {b})"),
        Gen.Select(Atom, Atom, (a, b) => $"({a} or {b})"),
        Gen.Select(Atom, a => $"not({a})"),
        Gen.Select(Atom, Atom, Atom, (a, b, c) => $"(({a} or {b}) and {c})"));

    private static readonly Gen<string> Tail = Pick(
        "",
        " | extend tag = strcat(eventName, \"/\", awsRegion)",
        " | project eventName, awsRegion",
        " | summarize n = count() by eventName",
        " | take 2",
        " | where eventName !~ \"getobject\"");

    private static readonly Gen<string> Search = Gen.Select(Predicate, Predicate.Array[0, 1], Tail, (p, more, tail) =>
        "where " + p + string.Concat(more.Select(m => " | where " + m)) + tail);

    private static readonly Gen<string> Text = Gen.OneOf(
        Pick(Words),
        Gen.Select(Pick(Words), Gen.Bool, (w, upper) => upper ? w.ToUpperInvariant() : w.ToLowerInvariant()));

    /// <summary>A JSON value for one field: absent (null returned), null, text, number, array or object.</summary>
    private static readonly Gen<string?> FieldValue = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (1, Gen.Const((string?)"null")),
        (8, Text.Select(t => (string?)JsonSerializer.Serialize(t))),
        (1, Gen.Const((string?)"5")),
        (1, Gen.Const((string?)"true")),
        (1, Text.Array[0, 2].Select(ts => (string?)JsonSerializer.Serialize(ts))),
        (1, Gen.Const((string?)"{\"k\":1}")));

    private static readonly Gen<string> Event = Gen.Select(FieldValue.Array[Fields.Length], Gen.Bool, Gen.Bool, (values, dottedKey, relaxed) =>
    {
        var json = new StringBuilder("{\"eventTime\":\"2024-01-01T00:00:00Z\"");
        var userIdentity = new List<string>();
        var parameters = new List<string>();
        for (var i = 0; i < Fields.Length; i++)
        {
            if (values[i] is not { } value)
            {
                continue;
            }

            switch (Fields[i])
            {
                case "userIdentity.type":
                    userIdentity.Add("\"type\":" + value);
                    if (dottedKey)
                    {
                        // A top-level key spelled like the dotted path, which Row.Get reads first.
                        json.Append(",\"userIdentity.type\":").Append(value);
                    }

                    break;
                case "requestParameters.repositoryName":
                    parameters.Add("\"repositoryName\":" + value);
                    break;
                default:
                    json.Append(",\"").Append(Fields[i]).Append("\":").Append(value);
                    break;
            }
        }

        json.Append(",\"userIdentity\":{").Append(string.Join(",", userIdentity)).Append('}');
        json.Append(",\"requestParameters\":{").Append(string.Join(",", parameters)).Append("}}");
        var text = json.ToString();
        // Half the events with non-ASCII text as raw UTF-8, half with \u escapes.
        using var document = JsonDocument.Parse(text);
        return relaxed
            ? JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            : JsonSerializer.Serialize(document.RootElement);
    });

    [Fact]
    public void Generated_rules_give_the_same_alerts_with_and_without_the_index()
    {
        long keyed = 0, total = 0;
        Gen.Select(Search.Array[25, 40], Event.Array[150, 250]).Sample((searches, events) =>
        {
            var sources = searches.Select((s, i) => RuleSetHarness.Source("R" + i, s)).ToList();
            using var set = RuleHarness.Compile(sources);
            var rules = RuleSetHarness.Indexed(sources, set);
            var expected = RuleSetHarness.Run(rules, events, indexed: false);
            var actual = RuleSetHarness.Run(rules, events, indexed: true);
            Assert.Equal(expected, actual);
            keyed += rules.Count(r => r.Keys.Count > 0);
            total += rules.Count;
        }, iter: 6, threads: 1);

        // The property is about an index that prunes: many generated rules must have keys.
        Assert.True(keyed * 4 > total, $"only {keyed} of {total} generated rules had filter keys");
    }

    [Fact]
    public void Case_variants_and_non_ascii_letters_reach_the_rules_that_fold_them()
    {
        string[] searches =
        [
            "where eventName =~ \"putimage\"",
            "where eventName == \"PutImage\"",
            "where eventName in~ (\"ÜNÏCODE\", \"é\")",
            "where eventName == \"İ\"",
            "where userIdentity.type == \"Root\"",
        ];
        string[] events =
        [
            "{\"eventName\":\"PUTIMAGE\"}", "{\"eventName\":\"PutImage\"}", "{\"eventName\":\"\\u00fcn\\u00efcode\"}",
            "{\"eventName\":\"É\"}", "{\"eventName\":\"i\"}", "{\"eventName\":\"İ\"}", "{\"eventName\":[\"x\",\"PutImage\"]}",
            "{\"userIdentity\":{\"type\":\"Root\"}}", "{\"userIdentity.type\":\"Root\"}", "{\"eventName\":null}", "{}",
        ];
        var sources = searches.Select((s, i) => RuleSetHarness.Source("R" + i, s)).ToList();
        using var set = RuleHarness.Compile(sources);
        var rules = RuleSetHarness.Indexed(sources, set);
        var expected = RuleSetHarness.Run(rules, events, indexed: false);
        Assert.Equal(expected, RuleSetHarness.Run(rules, events, indexed: true));
        // Not vacuous: each rule alerts at least once.
        Assert.All(searches.Select((_, i) => "R" + i + ": "), prefix => Assert.Contains(expected, a => a.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
