using CsCheck;
using RuleCompiler.Backends.Splunk.Conf;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Every .conf key, stanza name and value goes through <see cref="ConfWriter"/>. On adversarial values (line breaks,
/// brackets, '=', '#', backslashes, whitespace, unicode), what it writes reads back with <see cref="ConfReader"/> as
/// exactly the value, and the stanzas and keys around it stay exactly as they were: no value can add a stanza or key.
/// </summary>
public class ConfWriterPropertyTests
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (6, (IGen<char>)Gen.Char["[]=#\\\n \t\r\"'$`;"]),
            (4, Gen.Char['a', 'z']),
            (1, Gen.Char["\u2028\u0085\u00e9\u4e2d\uFEFF\u00A0"]),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char))
        .Array[0, 40]
        .Select(chars => new string(chars));

    // Values that are mostly writable: the structural characters of .conf, line breaks included, nothing to trim.
    private static readonly Gen<string> Structural = Gen.Frequency(
            (6, (IGen<char>)Gen.Char["[]=#\\\n \t\"'$`;"]),
            (4, Gen.Char['a', 'z']),
            (1, Gen.Char["\u2028\u00e9\u4e2d\uFEFF"]))
        .Array[0, 40]
        .Select(chars => new string(chars).Trim());

    [Fact]
    public void ValuesReadBackExactlyAndAddNoStanzaOrKey()
    {
        var written = 0;
        var values = Gen.Frequency((1, Adversarial), (3, Structural));
        Gen.Select(values, values).Sample(
            (first, second) =>
            {
                var a = ConfWriter.Value(first);
                var b = ConfWriter.Value(second);
                if (!a.IsExpressible || !b.IsExpressible)
                {
                    Assert.NotNull((a.IsExpressible ? b : a).Reason);
                    return;
                }

                Interlocked.Increment(ref written);
                var text = $"[one]\nfirst = {a.Text}\nsecond = {b.Text}\n[two]\nlast = end\n";
                var file = ConfReader.Read("p.conf", text);
                Assert.Empty(file.Problems);
                Assert.Equal(["one", "two"], file.Stanzas.Select(s => s.Name));
                Assert.Equal(["first", "second"], file.Stanzas[0].Entries.Select(e => e.Key));
                Assert.Equal(first, file.Stanzas[0]["first"]);
                Assert.Equal(second, file.Stanzas[0]["second"]);
                Assert.Equal("end", file.Stanzas[1]["last"]);
            },
            iter: Cases);
        Assert.True(written > Cases / 5, $"only {written} of {Cases} value pairs were writable");
    }

    [Fact]
    public void RefusedValuesAreExactlyTheOnesSplunkWouldChange()
    {
        Adversarial.Sample(
            value =>
            {
                var lines = value.Split('\n');
                var changes = (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
                    || value.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
                    || lines.Any(l => l.EndsWith('\\'))
                    || !IsWellFormedUtf16(value);
                Assert.Equal(!changes, ConfWriter.Value(value).IsExpressible);
            },
            iter: Cases);
    }

    [Fact]
    public void KeysAndStanzaNamesReadBackExactly()
    {
        Adversarial.Sample(
            name =>
            {
                if (ConfWriter.StanzaName(name).Text is { } stanza)
                {
                    var file = ConfReader.Read("p.conf", $"[{stanza}]\nk = v\n");
                    Assert.Empty(file.Problems);
                    Assert.Equal(name, Assert.Single(file.Stanzas).Name);
                }

                if (ConfWriter.Key(name).Text is { } key)
                {
                    var file = ConfReader.Read("p.conf", $"[s]\n{key} = v\nnext = w\n");
                    Assert.Empty(file.Problems);
                    Assert.Equal([name, "next"], Assert.Single(file.Stanzas).Entries.Select(e => e.Key));
                }
            },
            iter: Cases);
    }

    private static bool IsWellFormedUtf16(string text)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }
}
