using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Splunk.Spl;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>The SPL tokenizer on real ESCU searches and on broken text.</summary>
public class SplTokenizerTests
{
    private static string Kinds(string spl) =>
        string.Join(" ", SplTokenizer.Tokenize(spl).Tokens.Select(t => $"{t.Kind}:{t.Value}"));

    [Fact]
    public void SearchTermsMacrosAndPipes()
    {
        Assert.Equal(
            "Macro:cloudtrail Word:eventSource Operator:= Word:ecr.amazonaws.com Word:eventName Operator:= QuotedString:Put Image Pipe:| Command:stats Word:min OpenParen:( Word:_time CloseParen:) Word:as Word:firstTime Word:by Word:awsRegion Comma:, Word:resources{}.ARN",
            Kinds("`cloudtrail` eventSource=ecr.amazonaws.com eventName=\"Put Image\"\n| stats min(_time) as firstTime by awsRegion, resources{}.ARN"));
    }

    [Fact]
    public void EvalArgumentsAreExpressionTokens()
    {
        Assert.Equal(
            "Pipe:| Command:eval Word:finding Operator:= Word:finding_name Operator:. QuotedString:,  Operator:. QuotedField:a.b Comma:, Word:n Operator:= Word:1.5 Operator:* Word:2 Pipe:| Command:search Word:a.b Operator:!= Word:x*",
            Kinds("| eval finding = finding_name.\", \".'a.b', n=1.5*2 | search a.b!=x*"));
    }

    [Fact]
    public void SubsearchBracketsRestoreTheOuterMode()
    {
        Assert.Equal(
            "Pipe:| Command:where Word:a Operator:== QuotedString:x Word:AND OpenBracket:[ Command:search Word:b Operator:= Word:c*d Pipe:| Command:fields Word:b CloseBracket:] Operator:. QuotedField:f",
            Kinds("| where a==\"x\" AND [search b=c*d | fields b] . 'f'"));
    }

    [Fact]
    public void EscapesInQuotedStringsDecodeOnlyQuoteAndBackslash()
    {
        var token = Assert.Single(SplTokenizer.Tokenize(@"""a\""b\\c\d""").Tokens);
        Assert.Equal(SplTokenKind.QuotedString, token.Kind);
        Assert.Equal(@"a""b\c\d", token.Value);
    }

    [Fact]
    public void PositionsAreLineAndColumn()
    {
        var tokens = SplTokenizer.Tokenize("a=1\n  | head 5").Tokens;
        var head = tokens.Single(t => t.Kind == SplTokenKind.Command);
        Assert.Equal((2, 5, 8), (head.Line, head.Column, head.Offset));
    }

    [Theory]
    [InlineData("x=\"open", SplunkDiagnostics.UnterminatedSpl)]
    [InlineData("`macro", SplunkDiagnostics.UnterminatedSpl)]
    [InlineData("| eval f='open", SplunkDiagnostics.UnterminatedSpl)]
    [InlineData("a ] b", SplunkDiagnostics.UnbalancedBracket)]
    [InlineData("a [ search b", SplunkDiagnostics.UnbalancedBracket)]
    [InlineData("x=\"has ` tick\"", SplunkDiagnostics.BacktickInString)]
    public void BrokenTextIsAProblemNotAnException(string spl, string code)
    {
        var result = SplTokenizer.Tokenize(spl);
        Assert.Contains(result.Problems, p => p.Code == code);
    }

    [Fact]
    public void EscuSeedSearchTokenizesWithoutProblems()
    {
        const string seed = "`amazon_security_lake` api.operation=PutImage NOT `aws_ecr_users_asl`\n  | fillnull\n  | stats count min(_time) as firstTime max(_time) as lastTime BY actor.user.uid api.operation\n  | rename actor.user.uid as user\n  | `security_content_ctime(firstTime)`\n  | `asl_aws_ecr_container_upload_unknown_user_filter`";
        var result = SplTokenizer.Tokenize(seed);
        Assert.Empty(result.Problems);
        Assert.Equal(["fillnull", "stats", "rename"], result.Tokens.Where(t => t.Kind == SplTokenKind.Command).Select(t => t.Value));
        Assert.Equal(5, result.Tokens.Count(t => t.Kind == SplTokenKind.Pipe));
        Assert.Contains(result.Tokens, t => t.Kind == SplTokenKind.Macro && t.Value == "security_content_ctime(firstTime)");
    }
}
