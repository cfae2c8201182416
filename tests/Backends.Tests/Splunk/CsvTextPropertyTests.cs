using System.Text;
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

    /// <summary>An RFC 4180 reader for one column: quoted fields may hold anything, quotes doubled.</summary>
    private static List<string> ReadSingleColumn(string csv)
    {
        var rows = new List<string>();
        var i = 0;
        while (i < csv.Length)
        {
            var field = new StringBuilder();
            if (csv[i] == '"')
            {
                i++;
                while (!(csv[i] == '"' && (i + 1 == csv.Length || csv[i + 1] != '"')))
                {
                    field.Append(csv[i]);
                    i += csv[i] == '"' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (csv[i] != '\n')
                {
                    Assert.NotEqual(',', csv[i]);
                    field.Append(csv[i++]);
                }
            }

            Assert.Equal('\n', csv[i]);
            i++;
            rows.Add(field.ToString());
        }

        return rows;
    }
}
