using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Functions;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>
/// SPL and KQL habits get one diagnostic naming the canonical form, at the place marked with ⟦, and no knock-on
/// error (the syntax hints are cases in Parsing/Malformed). They bind against the repository's aws_cloudtrail source.
/// </summary>
public class PortingHintTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "summarize names = ⟦values(eventName) by awsRegion", BindingCodes.ForeignFunction, "make_set(...)" },
        { "summarize n = count(), names = ⟦values(eventName) by awsRegion | where array_length(names) > 1", BindingCodes.ForeignFunction, "make_set(...)" },
        { "summarize n = ⟦dc(eventName) by awsRegion | where n > 3", BindingCodes.ForeignFunction, "dcount(...)" },
        { "extend agent = ⟦lower(userAgent)", BindingCodes.ForeignFunction, "tolower(...)" },
        { "summarize ⟦count by awsRegion | where count > 5", BindingCodes.BareAggregate, "count()" },
        { "summarize n = ⟦count by awsRegion | where n > 5", BindingCodes.BareAggregate, "count()" },
        { "⟦AWSCloudTrail | where eventName == \"ConsoleLogin\"", BindingCodes.TableNameSource, "drop the table name" },
        { "let recent = (where eventName == \"a\"); ⟦recnt | where awsRegion == \"b\"", BindingCodes.UnknownLet, "did you mean 'recent'?" },
        { "where userIdentity.sessionContext.sessionIssuer.⟦usrName == \"x\"", BindingCodes.UndeclaredMember, "did you mean 'userName'?" },
        { "where userIdentity.sessionContext.⟦sessionIsuer.userName == \"x\"", BindingCodes.UndeclaredMember, "did you mean 'sessionIssuer'?" },
        { "where userIdentity.sessionContext.attributes.⟦mfaAuthenticatd == true", BindingCodes.UndeclaredMember, "did you mean 'mfaAuthenticated'?" },
        { "summarize names = ⟦valuez(eventName) by awsRegion", BindingCodes.UnknownFunction, "unknown function 'valuez'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_habit_gives_one_diagnostic_at_the_marked_place_naming_the_canonical_form(string marked, string code, string advice)
    {
        var at = marked.IndexOf('⟦');
        var diagnostic = Assert.Single(Bind(marked.Remove(at, 1)));
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, diagnostic.Span.Start);
        Assert.Contains(advice, diagnostic.Message);
        var placed = diagnostic.ToDiagnostic(span => new SourceSpan("q", 1, span.Start + 1, 1, span.End + 1));
        var severity = code == BindingCodes.UndeclaredMember ? "warning" : "error";
        Assert.StartsWith($"q(1,{at + 1}): {severity} {code}: ", placed.ToString());
    }

    [Fact]
    public void A_declared_deep_path_gets_no_warning()
    {
        Assert.Empty(Bind("where userIdentity.sessionContext.sessionIssuer.userName == \"x\" and userIdentity.sessionContext.attributes.mfaAuthenticated == true"));
    }

    [Fact]
    public void A_table_name_after_lets_or_inside_a_join_is_an_unknown_let_not_a_table_name()
    {
        var nested = Assert.Single(Bind("project eventName | join kind=inner (AWSCloudTrail | project eventName) on eventName"));
        Assert.Equal(BindingCodes.UnknownLet, nested.Code);
    }

    [Fact]
    public void Every_foreign_function_of_the_table_gets_its_hint_and_no_other_error()
    {
        foreach (var foreign in ForeignSpellings.All.Where(s => s.Kind == ForeignSpellingKind.Function))
        {
            var canonical = FunctionCatalogue.Find(foreign.Canonical)!;
            var query = canonical.IsAggregate ? $"summarize x = {foreign.Written}(eventName) by awsRegion" : $"extend x = {foreign.Written}(eventName)";
            var diagnostics = Bind(query);
            Assert.Equal(BindingCodes.ForeignFunction, diagnostics[0].Code);
            Assert.Contains($"is {foreign.Canonical}(...) here", diagnostics[0].Message);
            // The call is bound as the canonical function: only its own arity or argument checks may follow.
            Assert.All(diagnostics.Skip(1), d => Assert.Contains(d.Code, new[] { BindingCodes.WrongArity, BindingCodes.ArgumentType }));
        }
    }

    [Fact]
    public void The_table_names_real_canonical_forms_and_no_real_name_as_foreign()
    {
        foreach (var foreign in ForeignSpellings.All)
        {
            switch (foreign.Kind)
            {
                case ForeignSpellingKind.Stage:
                    Assert.True(SyntaxFacts.IsStageKeyword(foreign.Canonical.Split(' ')[0]), foreign.Canonical);
                    Assert.False(SyntaxFacts.IsStageKeyword(foreign.Written), foreign.Written);
                    Assert.Contains(foreign.Canonical + " ", foreign.Example);
                    break;
                case ForeignSpellingKind.Function:
                    Assert.NotNull(FunctionCatalogue.Find(foreign.Canonical));
                    Assert.Null(FunctionCatalogue.Find(foreign.Written));
                    Assert.Contains(foreign.Canonical + "(", foreign.Example);
                    break;
                case ForeignSpellingKind.BareAggregate:
                    Assert.True(FunctionCatalogue.Find(foreign.Canonical.TrimEnd('(', ')'))!.IsAggregate, foreign.Canonical);
                    break;
            }
            Assert.Empty(QueryParser.Parse(foreign.Example).Diagnostics);
        }
    }

    [Fact]
    public void The_language_reference_lists_every_spelling_of_the_table()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md"));
        var section = reference[reference.IndexOf("## 10. Coming from SPL or KQL", StringComparison.Ordinal)..];
        Assert.All(ForeignSpellings.All, foreign => Assert.Contains($"`{foreign.Written}", section));
        Assert.All(ForeignSpellings.All, foreign => Assert.Contains($"`{foreign.Canonical}", section));
    }

    private static List<BindDiagnostic> Bind(string text)
    {
        var parsed = QueryParser.Parse(text);
        Assert.True(parsed.Query is not null && parsed.Diagnostics.IsEmpty, string.Join("; ", parsed.Diagnostics));
        return [.. QueryBinder.Bind(parsed.Query!, RepositoryBinding.For("aws_cloudtrail")).Diagnostics];
    }
}
