using RuleCompiler.Backends.Splunk.Spl;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The SPL spelling of typical and awkward values and field names, one context at a time.</summary>
public class SplLiteralTests
{
    [Theory]
    [InlineData("ecr.amazonaws.com", "ecr.amazonaws.com")]
    [InlineData("DescribeImageScanFindings", "DescribeImageScanFindings")]
    [InlineData("arn:aws:iam::111122223333:user/ci", "arn:aws:iam::111122223333:user/ci")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("OR", "\"OR\"")]
    [InlineData("not", "\"not\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("a|b=c", "\"a|b=c\"")]
    [InlineData("-starts-with-dash", "\"-starts-with-dash\"")]
    public void SearchTermValues(string value, string expected) => Assert.Equal(expected, SplLiteral.SearchTermValue(value).Text);

    [Theory]
    [InlineData("a*b", "wildcard")]
    [InlineData("", "empty")]
    [InlineData("a`b", "backtick")]
    [InlineData("$user$", "$")]
    [InlineData("line\nbreak", "U+000A")]
    public void SearchTermValuesSplCannotMatchExactly(string value, string reasonPart)
    {
        var spelled = SplLiteral.SearchTermValue(value);
        Assert.False(spelled.IsExpressible);
        Assert.Null(spelled.Text);
        Assert.Contains(reasonPart, spelled.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("release", "\"release\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"")]
    [InlineData("a*b|c", "\"a*b|c\"")]
    [InlineData("a`b", "(\"a\".urldecode(\"%60\").\"b\")")]
    [InlineData("$x$", "(urldecode(\"%24\").\"x\".urldecode(\"%24\"))")]
    [InlineData("l1\r\nl2", "(\"l1\".urldecode(\"%0D%0A\").\"l2\")")]
    [InlineData("\n", "(urldecode(\"%0A\"))")]
    public void EvalStrings(string value, string expected) => Assert.Equal(expected, SplLiteral.EvalString(value));

    [Theory]
    [InlineData("eventName", "eventName")]
    [InlineData("_time", "_time")]
    [InlineData("requestParameters.repositoryName", "'requestParameters.repositoryName'")]
    [InlineData("resources{}.ARN", "'resources{}.ARN'")]
    [InlineData("a.Rule{}.Transition{}.Days", "'a.Rule{}.Transition{}.Days'")]
    [InlineData("items{}.x-amz acl", "'items{}.x-amz acl'")]
    [InlineData("1st", "'1st'")]
    [InlineData("user name", "'user name'")]
    public void EvalFieldNames(string name, string expected) => Assert.Equal(expected, SplLiteral.EvalFieldName(name).Text);

    [Theory]
    [InlineData("it's")]
    [InlineData("back\\slash")]
    [InlineData("")]
    [InlineData("a`b")]
    public void EvalFieldNamesSplCannotQuote(string name) => Assert.False(SplLiteral.EvalFieldName(name).IsExpressible);

    [Theory]
    [InlineData("requestParameters.repositoryName", "requestParameters.repositoryName")]
    [InlineData("resources{}.ARN", "resources{}.ARN")]
    [InlineData("a.Rule{}.Transition{}.Days", "a.Rule{}.Transition{}.Days")]
    [InlineData("actor.user.uid", "actor.user.uid")]
    [InlineData("user name", "\"user name\"")]
    [InlineData("by", "\"by\"")]
    [InlineData("AS", "\"AS\"")]
    public void CommandFieldNames(string name, string expected) => Assert.Equal(expected, SplLiteral.CommandFieldName(name).Text);

    [Theory]
    [InlineData("user*")]
    [InlineData("say \"x\"")]
    public void CommandFieldNamesWithWildcardsOrQuotesAreRefused(string name) => Assert.False(SplLiteral.CommandFieldName(name).IsExpressible);

    [Theory]
    [InlineData("resources{}.ARN", true)]
    [InlineData("a.Rule{}.Transition{}.Days", true)]
    [InlineData("items{}.x y", false)]
    [InlineData("eventSource", true)]
    [InlineData("user name", false)]
    [InlineData("OR", false)]
    public void SearchFieldNames(string name, bool expressible) => Assert.Equal(expressible, SplLiteral.SearchFieldName(name).IsExpressible);
}
