using System.Text;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests.Yaml;

public class YamlLoaderTests
{
    private static YamlFile Load(string text) => YamlLoader.LoadText("t.yml", text);

    private static string First(YamlFile file) =>
        file.Diagnostics.Length == 0 ? "none" : $"{file.Diagnostics[0].Code} {file.Diagnostics[0].Span.Line}:{file.Diagnostics[0].Span.Column}";

    [Fact]
    public void Keeps_line_and_column_of_keys_and_values()
    {
        var file = Load("a: 1\nb:\n  c: [x, 'y']\n");
        var root = Assert.IsType<YamlMapping>(file.Root);
        Assert.Empty(file.Diagnostics);
        var b = root.Find("b")!;
        Assert.Equal((2, 1), (b.Key.Span.Line, b.Key.Span.Column));
        var c = Assert.IsType<YamlMapping>(b.Value).Find("c")!;
        Assert.Equal((3, 3), (c.Key.Span.Line, c.Key.Span.Column));
        var items = Assert.IsType<YamlSequence>(c.Value).Items;
        var y = Assert.IsType<YamlScalar>(items[1]);
        Assert.Equal(("y", YamlScalarStyle.SingleQuoted, 3, 10), (y.Value, y.Style, y.Span.Line, y.Span.Column));
    }

    [Fact]
    public void Block_scalar_style_and_start()
    {
        var root = (YamlMapping)Load("search: |\n  where a == 1\n  | take 1\n").Root!;
        var search = Assert.IsType<YamlScalar>(root["search"]);
        Assert.Equal(YamlScalarStyle.Literal, search.Style);
        Assert.Equal("where a == 1\n| take 1\n", search.Value);
        Assert.Equal((1, 9), (search.Span.Line, search.Span.Column));
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", "RC1002 3:1")]
    [InlineData("a:\n\tb: 1\n", "RC1003 2:1")]
    [InlineData("a:\n  b: 1\n\tc: 2\n", "RC1003 3:1")]
    [InlineData("a: [1, 2\nb: 3\n", "RC1001 1:4")]
    [InlineData("", "RC1006 1:1")]
    [InlineData("# only a comment\n", "RC1006 1:1")]
    [InlineData("a: 1\n---\nb: 2\n", "RC1007 2:1")]
    [InlineData("a: &x 1\nb: *x\n", "RC1009 2:4")]
    [InlineData("? [a]\n: 1\n", "RC1010 1:3")]
    [InlineData("a: 'unterminated\n", "RC1001 1:4")]
    public void Reports_problems_at_their_place(string text, string expected)
    {
        Assert.Equal(expected, First(Load(text)));
    }

    [Fact]
    public void Invalid_utf8_and_binary_are_diagnostics()
    {
        var bad = YamlLoader.Load("b.yml", [0x61, 0x3A, 0x20, 0xC3, 0x28]);
        Assert.Equal("RC1004 1:4", First(bad));
        var binary = YamlLoader.Load("b.yml", Encoding.UTF8.GetBytes("a: 1\nb: \u0001\u0002"));
        Assert.Equal("RC1005 2:4", First(binary));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var file = Load(new string('[', 100_000));
        Assert.NotEmpty(file.Diagnostics);
        Assert.Null(file.Root);
    }

    [Fact]
    public void A_folder_or_missing_file_is_an_unreadable_file_diagnostic()
    {
        Assert.Equal("RC1008 1:1", First(YamlLoader.LoadFile(Path.GetTempPath())));
        Assert.Equal("RC1008 1:1", First(YamlLoader.LoadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yml"))));
    }

    [Fact]
    public void Tabs_inside_a_block_scalar_or_quoted_string_are_content_not_errors()
    {
        var file = Load("search: |\n  where a == \"x\"\n  \t| take 1\nq: \"a\tb\"\n");
        Assert.Empty(file.Diagnostics);
        var root = (YamlMapping)file.Root!;
        Assert.Equal("where a == \"x\"\n\t| take 1\n", ((YamlScalar)root["search"]!).Value);
        Assert.Equal("a\tb", ((YamlScalar)root["q"]!).Value);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var file = YamlLoader.Load("bom.yml", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: 1\n")]);
        Assert.Empty(file.Diagnostics);
        Assert.Equal((1, 1), (file.Root!.Span.Line, file.Root.Span.Column));
    }

    [Fact]
    public void Windows_line_endings_keep_the_same_positions()
    {
        var file = Load("a: 1\r\nb:\r\n  c: [x, 'y']\r\n");
        Assert.Empty(file.Diagnostics);
        var c = ((YamlMapping)((YamlMapping)file.Root!)["b"]!).Find("c")!;
        Assert.Equal((3, 3), (c.Key.Span.Line, c.Key.Span.Column));
        Assert.Equal("RC1002 3:1", First(Load("a: 1\r\nb: 2\r\na: 3\r\n")));
    }
}
