using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Conf;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The .conf reader on the shapes Splunk's own files use, and on broken text.</summary>
public class ConfReaderTests
{
    [Fact]
    public void StanzasSettingsCommentsAndContinuations()
    {
        const string text = "# header comment\nglobal = 1\n\n[savedsearch://ESCU - A - Rule]\ntype = detection\nsearch = `cloudtrail` x=1 \\\n| stats count \\\n| `a_filter`\ndescription = has = inside # not a comment\n  [indented stanza]  \nkey=value\n";
        var file = ConfReader.Read("x.conf", text);

        Assert.Empty(file.Problems);
        Assert.Equal([ConfStanza.ImplicitDefault, "savedsearch://ESCU - A - Rule", "indented stanza"], file.Stanzas.Select(s => s.Name));
        Assert.Equal("1", file.Stanzas[0]["global"]);
        var rule = file.Find("savedsearch://ESCU - A - Rule")!;
        Assert.Equal(4, rule.Line);
        Assert.Equal("`cloudtrail` x=1 \n| stats count \n| `a_filter`", rule["search"]);
        Assert.Equal("has = inside # not a comment", rule["description"]);
        var description = rule.Entries.Single(e => e.Key == "description");
        Assert.Equal((9, 1, 15), (description.Line, description.Column, description.ValueColumn));
        Assert.Equal("value", file.Find("indented stanza")!["key"]);
    }

    [Fact]
    public void DefaultMetaEmptyStanzaName()
    {
        var file = ConfReader.Read("default.meta", "[]\naccess = read : [ * ], write : [ admin ]\nexport = system\n");
        Assert.Equal("read : [ * ], write : [ admin ]", Assert.Single(file.Stanzas)["access"]);
        Assert.Equal("", file.Stanzas[0].Name);
    }

    [Theory]
    [InlineData("[unclosed\n", SplunkDiagnostics.ConfSyntax, 1, 1)]
    [InlineData("[s]\njust words\n", SplunkDiagnostics.ConfSyntax, 2, 1)]
    [InlineData("[s]\n = no key\n", SplunkDiagnostics.ConfSyntax, 2, 2)]
    [InlineData("[s]\na = 1\n  a = 2\n", SplunkDiagnostics.ConfDuplicateKey, 3, 3)]
    [InlineData("[s]\n[t]\n[s]\n", SplunkDiagnostics.ConfDuplicateStanza, 3, 1)]
    public void ProblemsAreDataAtTheirLineAndColumn(string text, string code, int line, int column)
    {
        var problem = Assert.Single(ConfReader.Read("bad.conf", text).Problems);
        Assert.Equal((code, line, column), (problem.Code, problem.Span.Line, problem.Span.Column));
        Assert.StartsWith($"bad.conf({line},{column}): ", problem.ToString(), StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void ReadsTheRealEscuAppFiles()
    {
        var folder = Path.Combine(SplunkReference.EscuApp, "default");
        var stories = ConfReader.Read("analyticstories.conf", File.ReadAllText(Path.Combine(folder, "analyticstories.conf")));
        Assert.Empty(stories.Problems);
        Assert.Equal("Cloud Security", stories.Find("analytic_story://Dev Sec Ops")!["category"]);
        var macros = ConfReader.Read("macros.conf", File.ReadAllText(Path.Combine(folder, "macros.conf")));
        Assert.Equal("field", macros.Find("security_content_ctime(1)")!["args"]);
    }
}
