using RuleCompiler.Backends.Tests.CSharp;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using Xunit;

namespace RuleCompiler.Backends.Tests.RuleSet;

/// <summary>Which leading-filter conditions become index keys, and which must not.</summary>
public class FilterKeyAnalysisTests
{
    private static string Keys(string search, TestRepository? repository = null) =>
        string.Join("; ", RuleSetHarness.Analyse(search, repository).Keys.Select(k => k.FieldName + " in [" + string.Join(", ", k.Values) + "]"));

    [Theory]
    [InlineData("where eventName == \"PutImage\"", "eventName in [PutImage]")]
    [InlineData("where \"PutImage\" == eventName", "eventName in [PutImage]")]
    [InlineData("where eventName =~ \"putimage\"", "eventName in [putimage]")]
    [InlineData("where eventName in (\"A\", \"B\")", "eventName in [A, B]")]
    [InlineData("where eventName in~ (\"a\", \"B\")", "eventName in [a, B]")]
    [InlineData("where eventSource == \"ecr.amazonaws.com\" and eventName == \"PutImage\"", "eventName in [PutImage]; eventSource in [ecr.amazonaws.com]")]
    [InlineData("where eventSource == \"s\" | where eventName in (\"A\", \"B\") | extend x = 1", "eventName in [A, B]; eventSource in [s]")]
    [InlineData("where eventName == \"A\" or eventName =~ \"b\"", "eventName in [A, b]")]
    [InlineData("where (eventName == \"A\" and awsRegion == \"r\") or eventName == \"B\"", "eventName in [A, B]")]
    [InlineData("where userIdentity.type == \"Root\"", "userIdentity.type in [Root]")]
    [InlineData("where requestParameters.repositoryName == \"repo\"", "requestParameters.repositoryName in [repo]")]
    [InlineData("where eventName == \"A\" and eventName in (\"A\", \"B\")", "eventName in [A]")]
    public void Keys_come_from_equalities_and_memberships(string search, string expected) =>
        Assert.Equal(expected, Keys(search));

    [Theory]
    [InlineData("where eventName != \"A\"")]
    [InlineData("where not(eventName == \"A\")")]
    [InlineData("where eventName !in (\"A\")")]
    [InlineData("where eventName == \"\"")]
    [InlineData("where eventName in (\"A\", \"\")")]
    [InlineData("where eventName contains \"A\"")]
    [InlineData("where eventName == \"A\" or awsRegion == \"r\"")]
    [InlineData("extend x = 1 | where eventName == \"A\"")]
    [InlineData("where readOnly == true")]
    [InlineData("where eventName == \"A\" | union (where eventName == \"B\"), (where awsRegion == \"r\")")]
    public void Conditions_that_do_not_exclude_events_give_no_key(string search) =>
        Assert.Equal("", Keys(search));

    [Fact]
    public void Every_source_of_a_rule_contributes_its_values()
    {
        Assert.Equal("eventName in [A, B]", Keys("where eventName == \"A\" | join kind=inner (where eventName == \"B\") on eventSource"));
        Assert.Equal("eventName in [A, B, C]", Keys("where eventName == \"A\" | union (where eventName in (\"B\", \"C\"))"));
    }

    [Fact]
    public void A_named_list_gives_its_values()
    {
        var list = new NamedList("names", "", false, ["X", "Y"], SourceSpan.File("lists.yml"));
        Assert.Equal("eventName in [X, Y]", Keys("where eventName in @names", new TestRepository([list], [])));
    }

    [Theory]
    [InlineData("where eventName == \"A\" | extend x = 1 | project eventName, x | where x == 1", true)]
    [InlineData("where eventName == \"A\" | mv-expand resources", true)]
    [InlineData("where eventName == \"A\" | summarize count() by awsRegion", false)]
    [InlineData("where eventName == \"A\" | take 1", false)]
    [InlineData("where eventName == \"A\" | sort by eventTime", false)]
    [InlineData("where eventName == \"A\" | distinct awsRegion", false)]
    public void Streaming_rules_are_the_ones_of_row_by_row_stages(string search, bool streaming) =>
        Assert.Equal(streaming, RuleSetHarness.Analyse(search).Streaming);
}
