using System.Text;
using RuleCompiler.Compiler.Catalogues;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests;

/// <summary>
/// Feeds thousands of broken variants of the valid fixture rules through loading, schema and semantic checks:
/// every prefix-truncation step, random byte flips, insertions and deletions, dropped, duplicated and re-indented
/// lines. Each must end in a model or in at least one error with a real position, and never in an exception.
/// </summary>
public class MutationTests
{
    private const int Seed = 20241122;
    private const int RandomVariantsPerFile = 800;

    [Fact]
    public void Truncated_and_mutated_rules_give_diagnostics_never_exceptions()
    {
        var files = Directory.EnumerateFiles(TestPaths.ValidRules, "*.yml", SearchOption.AllDirectories)
            .Where(f => RuleRepository.Classify(f) == FileKind.Rule).Order(StringComparer.Ordinal).ToList();
        var random = new Random(Seed);
        var context = new RuleCheckContext(AttackCatalogue.Default, new HashSet<string> { "aws_cloudtrail", "asl_aws_cloudtrail" });
        var cases = 0;
        var failedCleanly = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            foreach (var variant in Truncations(original).Concat(Enumerable.Range(0, RandomVariantsPerFile).Select(_ => Mutate(original, random))))
            {
                cases++;
                var outcome = LoadAndCheck(file, variant, context);
                if (!outcome)
                {
                    failedCleanly++;
                }
            }
        }

        Assert.True(cases >= 5000, $"only {cases} variants");
        Assert.True(failedCleanly > cases / 2, $"most variants should be broken, but only {failedCleanly} of {cases} gave errors");
    }

    [Fact]
    public void Rules_with_mutated_searches_compile_to_diagnostics_never_exceptions()
    {
        var repository = RuleRepository.Load(TestPaths.ValidRules);
        var random = new Random(Seed + 1);
        var cases = 0;
        foreach (var rule in repository.Rules)
        {
            var original = File.ReadAllBytes(rule.Path);
            var text = Encoding.UTF8.GetString(original);
            var searchStart = text.IndexOf("\nsearch:", StringComparison.Ordinal) + 1;
            var searchEnd = text.IndexOf("\nattack:", searchStart, StringComparison.Ordinal);
            for (var i = 0; i < SearchVariantsPerRule; i++)
            {
                var bytes = original.ToList();
                for (var edit = random.Next(1, 4); edit > 0; edit--)
                {
                    var at = random.Next(searchStart + 10, searchEnd);
                    if (random.Next(2) == 0)
                    {
                        bytes.Insert(at, QueryCharacters[random.Next(QueryCharacters.Length)]);
                    }
                    else
                    {
                        bytes.RemoveAt(at);
                    }
                }

                cases++;
                var variant = bytes.ToArray();
                try
                {
                    var document = DocumentLoader.LoadRule(YamlLoader.Load(rule.Path, variant));
                    var rules = document.Model is { } model ? [model] : System.Collections.Immutable.ImmutableArray<Model.Rule>.Empty;
                    var compiled = RuleSetCompiler.Compile(repository with { Rules = rules, Diagnostics = document.Diagnostics });
                    Assert.All(compiled.Diagnostics, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1, $"bad position in {d}"));
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"exception compiling a variant of {Path.GetFileName(rule.Path)}: {e}\n--- input ---\n{Encoding.UTF8.GetString(variant)}");
                }
            }
        }

        Assert.Equal(repository.Rules.Length * SearchVariantsPerRule, cases);
    }

    private const int SearchVariantsPerRule = 300;

    // Characters that mean something to the query language.
    private static readonly byte[] QueryCharacters = "|()[]{}\"'=!~<>@$.,;:*+-/%\\ \n\t0aZ_"u8.ToArray();

    /// <summary>True when the variant loaded into a model; false when it gave errors. Throws only on a bug.</summary>
    private static bool LoadAndCheck(string path, byte[] bytes, RuleCheckContext context)
    {
        try
        {
            var document = DocumentLoader.LoadRule(YamlLoader.Load(path, bytes));
            var diagnostics = document.Diagnostics.ToList();
            if (document.Model is { } rule)
            {
                diagnostics.AddRange(RuleChecks.Check(rule, context));
                diagnostics.AddRange(OutputColumnChecks.Check(rule, new HashSet<string> { "user", "repository" }));
            }

            Assert.All(diagnostics, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1, $"bad position in {d}"));
            Assert.True(document.Model is not null || document.HasErrors, "no model and no error: " + Encoding.UTF8.GetString(bytes));
            return document.Model is not null && !diagnostics.Any(d => d.IsError);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"exception on a variant of {Path.GetFileName(path)}: {e}\n--- input ---\n{Encoding.UTF8.GetString(bytes)}");
            throw;
        }
    }

    private static IEnumerable<byte[]> Truncations(byte[] original)
    {
        for (var length = 0; length < original.Length; length += 3)
        {
            yield return original[..length];
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes = MutateLines(bytes, random);
                    break;
            }

            if (bytes.Count == 0)
            {
                break;
            }
        }

        return [.. bytes];
    }

    // Characters that mean something to YAML, so mutations reach the parser's interesting paths, not only text.
    private static readonly byte[] Interesting = "\t\n\r :-[]{}#&*!|>'\"%@`,?\\\0"u8.ToArray();

    private static List<byte> MutateLines(List<byte> bytes, Random random)
    {
        var lines = Encoding.UTF8.GetString([.. bytes]).Split('\n').ToList();
        var at = random.Next(lines.Count);
        switch (random.Next(4))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[at]);
                break;
            case 2:
                lines[at] = "  " + lines[at];
                break;
            default:
                lines[at] = lines[at].TrimStart();
                break;
        }

        return [.. Encoding.UTF8.GetBytes(string.Join('\n', lines))];
    }
}
