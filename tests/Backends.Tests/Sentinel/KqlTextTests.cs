using RuleCompiler.Backends.Sentinel.Kql;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

/// <summary>The exact text of KQL literals and identifiers; the analyzer-backed property test is KqlEscapingPropertyTests.</summary>
public class KqlTextTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("PutImage", "\"PutImage\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData(@"C:\temp\", "\"C:\\\\temp\\\\\"")]
    [InlineData("a\nb\rc\td", "\"a\\nb\\rc\\td\"")]
    [InlineData("nul\0bell\a", "\"nul\\u0000bell\\u0007\"")]
    [InlineData("line\u2028sep\u0085", "\"line\\u2028sep\\u0085\"")]
    [InlineData("bidi\u202Eoverride", "\"bidi\\u202Eoverride\"")]
    [InlineData("emoji😀 é ü 中", "\"emoji😀 é ü 中\"")]
    [InlineData("x\" | take 1; //", "\"x\\\" | take 1; //\"")]
    public void StringLiteralEscapesWhatKustoNeeds(string value, string expected) =>
        Assert.Equal(expected, KqlText.StringLiteral(value));

    // xunit cannot carry a lone surrogate through [InlineData], so these are facts.
    [Fact]
    public void LoneSurrogatesBecomeUnicodeEscapes()
    {
        Assert.Equal("\"lone\\uD800\"", KqlText.StringLiteral("lone\uD800"));
        Assert.Equal("\"\\uDFFFx\"", KqlText.StringLiteral("\uDFFFx"));
        Assert.Equal("\"\\uDC00\\uD800\"", KqlText.StringLiteral("\uDC00\uD800"));
    }

    [Theory]
    [InlineData("EventName", "EventName")]
    [InlineData("_time", "_time")]
    [InlineData("Account_Name2", "Account_Name2")]
    [InlineData("name with space", "['name with space']")]
    [InlineData("2fa", "['2fa']")]
    [InlineData("where", "['where']")]
    [InlineData("project", "['project']")]
    [InlineData("o'brien", "['o\\'brien']")]
    [InlineData("", "['']")]
    [InlineData("a.b", "['a.b']")]
    public void IdentifierIsBareOnlyWhenThatIsSafe(string name, string expected) =>
        Assert.Equal(expected, KqlText.Identifier(name));
}
