using System.Text.Json;
using CsCheck;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>The allocation-free <see cref="Ops.FieldEquals"/> must give exactly the answer of <see cref="Ops.Equal"/>.</summary>
public class FieldEqualsPropertyTests
{
    private static readonly FieldPath Path = FieldPath.Dotted("a.b");

    [Fact]
    public void AgreesWithEqualOnAnyJsonValueAndLiteral()
    {
        var text = Gen.Char["aAb\"\\\n\u00e9\u00c9 "].Array[0, 4].Select(c => new string(c));
        var json = Gen.OneOf(
            text.Select(s => JsonSerializer.Serialize(s)),
            Gen.Long[-3, 3].Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Const("true"), Gen.Const("null"), Gen.Const("[\"a\",\"b\"]"), Gen.Const("{}"));
        Gen.Select(json, text, Gen.Bool).Sample((value, literal, nested) =>
        {
            var document = nested ? "{\"a\":{\"b\":" + value + "}}" : "{\"a.b\":" + value + "}";
            using var parsed = JsonDocument.Parse(document);
            var row = Row.FromEvent(parsed.RootElement);
            Assert.Equal(Ops.Equal(row.Get(Path), literal), Ops.FieldEquals(row, Path, literal));
        }, iter: 2000);
    }

    [Fact]
    public void LoneSurrogateLiteralsFallBackWithoutThrowing()
    {
        using var parsed = JsonDocument.Parse("""{"a":{"b":"x"}}""");
        Assert.False(Ops.FieldEquals(Row.FromEvent(parsed.RootElement), Path, "\uD800"));
    }

    [Fact]
    public void ColumnsShadowTheEvent()
    {
        using var parsed = JsonDocument.Parse("""{"a":{"b":"event"}}""");
        var row = Row.FromEvent(parsed.RootElement).With("a.b", "column");
        Assert.True(Ops.FieldEquals(row, Path, "column"));
        Assert.False(Ops.FieldEquals(row, Path, "event"));
    }
}
