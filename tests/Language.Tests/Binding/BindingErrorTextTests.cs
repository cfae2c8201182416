using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// Malformed queries, written as text, that parse but do not bind: each gives its code at the place marked
/// with ⟦ (the marker is removed before parsing). They bind against the repository's aws_cloudtrail source.
/// </summary>
public class BindingErrorTextTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "where ⟦eventNmae == \"x\"", BindingCodes.UnknownField },
        { "where userIdentity.⟦arnn == \"x\"", BindingCodes.UndeclaredMember },
        { "where ⟦EventName == \"x\"", BindingCodes.UnknownField },
        { "project eventName | where ⟦awsRegion == \"x\"", BindingCodes.UnknownField },
        { "where eventName.⟦x == \"y\"", BindingCodes.MemberOfScalar },
        { "extend x = ⟦tolowr(eventName)", BindingCodes.UnknownFunction },
        { "extend x = ⟦substring(eventName)", BindingCodes.WrongArity },
        { "extend x = ⟦now(1h, 2)", BindingCodes.WrongArity },
        { "extend x = ⟦case(true, 1)", BindingCodes.WrongArity },
        { "where _time > ago(⟦\"1d\")", BindingCodes.ArgumentType },
        { "extend h = hourofday(⟦eventName)", BindingCodes.ArgumentType },
        { "where ⟦count() > 5", BindingCodes.AggregateOutsideSummarize },
        { "extend n = ⟦dcount(eventName)", BindingCodes.AggregateOutsideSummarize },
        { "summarize x = min(⟦max(_time))", BindingCodes.AggregateOutsideSummarize },
        { "summarize n = ⟦eventName by awsRegion", BindingCodes.AggregateNeeded },
        { "summarize one = ⟦1", BindingCodes.AggregateNeeded },
        { "where userAgent matches regex ⟦\"(\"", BindingCodes.InvalidRegex },
        { "where userAgent matches regex ⟦@\"(a)\\1\"", BindingCodes.RegexNotRe2 },
        { "where userAgent matches regex ⟦\"x(?=y)\"", BindingCodes.RegexNotRe2 },
        { "extend v = extract(⟦\"(?<!a)b\", 0, userAgent)", BindingCodes.RegexNotRe2 },
        { "where userAgent matches regex ⟦eventName", BindingCodes.RegexFromData },
        { "where userAgent matches regex ⟦1", BindingCodes.RegexNotConstant },
        { "extend v = extract(⟦eventName, 0, userAgent)", BindingCodes.RegexNotConstant },
        { "where userIdentity.arn in ⟦@no_such_list", BindingCodes.UnknownList },
        { "⟦invoke no_such_fragment()", BindingCodes.UnknownFragment },
        { "let mising = (where eventName == \"y\"); ⟦missing | where eventName == \"x\"", BindingCodes.UnknownLet },
        { "let a = (project eventName); project awsRegion | join kind=inner (a) on ⟦awsRegion", BindingCodes.JoinKeyMissing },
        { "where ⟦readOnly == \"false\"", BindingCodes.ComparisonTypeMix },
        { "project eventName, ⟦eventName", BindingCodes.DuplicateColumn },
        { "summarize n = count(), ⟦n = dcount(eventName)", BindingCodes.DuplicateColumn },
        { "where ⟦eventName", BindingCodes.NotBoolean },
        { "where eventName == \"a\" and ⟦strlen(eventName)", BindingCodes.NotBoolean },
        { "extend x = ⟦eventName + \"suffix\"", BindingCodes.OperandType },
        { "extend ⟦tolower(eventName)", BindingCodes.ColumnNeedsName },
        { "let a = 1; ⟦let a = 2; where eventName == \"x\"", BindingCodes.DuplicateLet },
        { "let n = 5; where eventName in ⟦n", BindingCodes.ListShape },
        { "where ⟦$left.eventName == \"x\"", BindingCodes.JoinSideOutsideJoin },
        { "extend x = strcat(⟦*)", BindingCodes.StarOutsideArgMinMax },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_gives_its_code_at_the_marked_place(string marked, string code)
    {
        var at = marked.IndexOf('⟦');
        var text = marked.Remove(at, 1);
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Query is not null && parsed.Diagnostics.IsEmpty, string.Join("; ", parsed.Diagnostics));
        var bound = QueryBinder.Bind(parsed.Query!, RepositoryBinding.For("aws_cloudtrail"));
        var diagnostic = Assert.Single(bound.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, diagnostic.Span.Start);
        var placed = diagnostic.ToDiagnostic(span => new SourceSpan("q", 1, span.Start + 1, 1, span.End + 1));
        Assert.Equal(at + 1, placed.Span.Column);
    }
}
