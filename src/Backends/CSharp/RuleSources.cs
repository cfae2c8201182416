using System.Collections.Immutable;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Yaml;
using RuleCompiler.Runtime.Rules;

namespace RuleCompiler.Backends.CSharp;

/// <summary>Turns the compiler's output (rules that parsed and bound) into the C# backend's input.</summary>
public static class RuleSources
{
    public static CSharpRuleSource From(Compiler.Compilation.CompiledRule compiled)
    {
        var rule = compiled.Rule;
        var info = new RuleInfo(
            rule.Id.Value,
            rule.Name.Value,
            rule.EffectiveSeverity.ToString().ToLowerInvariant(),
            rule.Risk?.Score ?? 0,
            rule.Path,
            rule.Entities.Select(e => new EntityInfo(
                e.Type.Value,
                e.Identifiers.Select(i => new KeyValuePair<string, string>(i.Identifier.Value, i.Column.Value)).ToList())).ToList());
        var search = rule.Search;
        var map = ScalarSourceMaps.For(search, search.Text);
        return new CSharpRuleSource(
            info,
            compiled.Query.Syntax,
            compiled.DataSource,
            span =>
            {
                var (line, column) = map.GetPosition(span.Start);
                return SourceSpan.At(search.Span.Path, line, column);
            },
            compiled.Query);
    }

    /// <summary>Lists of the repository and the fragments the rules invoke (the very stages the binder bound).</summary>
    public static CSharpEmitContext ContextFor(CompilationResult result)
    {
        var fragments = new Dictionary<string, ImmutableArray<Stage>>(StringComparer.Ordinal);
        foreach (var rule in result.Rules)
        {
            CollectFragments(rule.Query.Body, fragments);
            foreach (var let in rule.Query.Lets.OfType<BoundLetPipeline>())
            {
                CollectFragments(let.Pipeline, fragments);
            }
        }

        var lists = result.Repository.Lists.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new CSharpEmitContext(lists, fragments);
    }

    private static void CollectFragments(BoundPipeline pipeline, Dictionary<string, ImmutableArray<Stage>> into)
    {
        foreach (var stage in pipeline.Stages)
        {
            if (stage.Fragment is { } fragment)
            {
                into.TryAdd(fragment.Name, fragment.Stages);
            }

            foreach (var sub in stage.SubPipelines)
            {
                CollectFragments(sub, into);
            }

            CollectFragments(new BoundPipeline(pipeline.Syntax, pipeline.Input, stage.Inlined), into);
        }
    }
}
