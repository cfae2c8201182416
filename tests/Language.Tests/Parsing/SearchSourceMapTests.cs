using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>
/// Offsets in the value of a YAML scalar map to the file's line and column. Each case writes a YAML file with the
/// marker ⟦ before a character of the search, and checks that the character's value offset maps to the marker's place.
/// </summary>
public class SearchSourceMapTests
{
    [Theory]
    [InlineData("search: |\n  where a == 1\n  | take ⟦5\n", QueryTextStyle.Literal)]
    [InlineData("search: |+\n  where a == 1\n\n  | take ⟦5\n\n", QueryTextStyle.Literal)]
    [InlineData("rule:\n  search: |-\n      where a == 1\n        and ⟦b == 2\n  other: x\n", QueryTextStyle.Literal)]
    [InlineData("search: | # a comment\n  where a == 1\n  | take ⟦5\n", QueryTextStyle.Literal)]
    [InlineData("search: >\n  where a == 1\n  | take ⟦5\n", QueryTextStyle.Folded)]
    [InlineData("search: >\n  where a == 1\n\n\n  | take ⟦5\n", QueryTextStyle.Folded)]
    [InlineData("search: >\n  where a == 1\n    | extend b = 2\n  | take ⟦5\n", QueryTextStyle.Folded)]
    [InlineData("search: where a == 1\n  | take ⟦5\n", QueryTextStyle.Plain)]
    [InlineData("search: where a == 1\n\n  | take ⟦5\n", QueryTextStyle.Plain)]
    [InlineData("search: where a == 1   \n     | take ⟦5\n", QueryTextStyle.Plain)]
    [InlineData("search: 'where a == ''x'' | take ⟦5'\n", QueryTextStyle.SingleQuoted)]
    [InlineData("search: 'where a == ''x''\n    | take ⟦5'\n", QueryTextStyle.SingleQuoted)]
    [InlineData("search: \"where a == \\\"x\\\" | take ⟦5\"\n", QueryTextStyle.DoubleQuoted)]
    [InlineData("search: \"where a == \\u0022x\\x22 and\\tb == 1 | take ⟦5\"\n", QueryTextStyle.DoubleQuoted)]
    [InlineData("search: \"where a == 1 \\\n     | take ⟦5\"\n", QueryTextStyle.DoubleQuoted)]
    [InlineData("search: \"where a == '😀' | take ⟦5\"\n", QueryTextStyle.DoubleQuoted)]
    [InlineData("search: \"where a == \\U0001F600 | take ⟦5\"\n", QueryTextStyle.DoubleQuoted)]
    public void Offsets_map_to_the_marked_file_position(string yamlWithMarker, QueryTextStyle expectedStyle)
    {
        AssertMarkerMaps(yamlWithMarker, expectedStyle);
    }

    [Theory]
    [InlineData(QueryTextStyle.Literal, "search: |\r\n  where a == 1\r\n  | take ⟦5\r\n")]
    [InlineData(QueryTextStyle.Folded, "search: >\r\n  where a == 1\r\n  | take ⟦5\r\n")]
    [InlineData(QueryTextStyle.Plain, "search: where a == 1\r\n  | take ⟦5\r\n")]
    [InlineData(QueryTextStyle.SingleQuoted, "search: 'where a == 1\r\n  | take ⟦5'\r\n")]
    [InlineData(QueryTextStyle.DoubleQuoted, "search: \"where a == 1\r\n  | take ⟦5\"\r\n")]
    public void Windows_line_breaks_are_one_break(QueryTextStyle style, string yamlWithMarker)
    {
        AssertMarkerMaps(yamlWithMarker, style);
    }

    [Fact]
    public void The_end_of_the_query_maps_after_its_last_character()
    {
        const string file = "search: |\n  where a ==\nseverity: low\n";
        var scalar = YamlSearchScalar.Read(file);
        var map = SearchSourceMap.Create(scalar.Value, scalar.Style, file, scalar.Line, scalar.Column);
        var diagnostic = Assert.Single(QueryParser.Parse(scalar.Value).Diagnostics);
        Assert.Equal((2, 13), map.GetPosition(diagnostic.Span.Start));
    }

    [Fact]
    public void A_value_that_does_not_match_the_file_degrades_to_the_scalar_start()
    {
        const string file = "name: x\nsearch: |\n  where a == 1\n";
        var map = SearchSourceMap.Create("something else entirely", QueryTextStyle.Literal, file, 2, 9);
        Assert.False(map.IsExact);
        Assert.Equal((2, 9), map.GetPosition(5));
    }

    [Fact]
    public void Query_text_maps_to_its_own_lines()
    {
        var map = SearchSourceMap.ForText("where a\n| take 1");
        Assert.Equal((1, 1), map.GetPosition(0));
        Assert.Equal((2, 3), map.GetPosition(10));
        Assert.Equal((2, 9), map.GetPosition(100));
    }

    private static void AssertMarkerMaps(string yamlWithMarker, QueryTextStyle expectedStyle)
    {
        var markerOffset = yamlWithMarker.IndexOf('⟦');
        var file = yamlWithMarker.Remove(markerOffset, 1);
        var before = file[..markerOffset];
        var expected = (before.Count(c => c == '\n') + 1, markerOffset - (before.LastIndexOf('\n') + 1) + 1);

        var scalar = YamlSearchScalar.Read(file);
        Assert.Equal(expectedStyle, scalar.Style);
        var map = SearchSourceMap.Create(scalar.Value, scalar.Style, file, scalar.Line, scalar.Column);

        Assert.True(map.IsExact, $"value {scalar.Value}");
        var valueOffset = scalar.Value.IndexOf("take 5", StringComparison.Ordinal) is var take and >= 0
            ? take + "take ".Length
            : scalar.Value.IndexOf("b == 2", StringComparison.Ordinal);
        Assert.Equal(expected, map.GetPosition(valueOffset));
    }
}
