using CsCheck;
using RuleCompiler.Backends.Splunk.App;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// Lookup rows go through <see cref="CsvText.Field"/>. Adversarial values (commas, quotes, line breaks, spaces,
/// unicode) written one per row read back, with an RFC 4180 reader, as exactly those rows.
/// </summary>
public class CsvTextPropertyTests
{
    private static readonly Gen<string> Adversarial = Gen.Frequency(
            (5, (IGen<char>)Gen.Char[",\"\n\r ;\t'"]),
            (4, Gen.Char['a', 'z']),
            (1, Gen.Char["\u00e9\u4e2d\u2028"]))
        .Array[0, 25]
        .Select(chars => new string(chars));

    [Fact]
    public void RowsReadBackExactly()
    {
        Adversarial.Array[1, 5].Sample(
            values =>
            {
                var csv = "value\n" + string.Concat(values.Select(v => CsvText.Field(v) + "\n"));
                Assert.Equal(["value", .. values], ReadSingleColumn(csv));
            },
            iter: 10_000);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData(" padded", "\" padded\"")]
    public void Fields(string value, string expected) => Assert.Equal(expected, CsvText.Field(value));

    /// <summary>The rows of a one-column CSV: a row with another number of fields fails.</summary>
    private static List<string> ReadSingleColumn(string csv) => [.. RfcCsv.Read(csv).Select(row => Assert.Single(row))];
}
