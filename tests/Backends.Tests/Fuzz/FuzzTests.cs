using System.Text;
using CsCheck;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Yaml;
using RuleCompiler.Runtime.Events;
using Xunit;

namespace RuleCompiler.Backends.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing with CsCheck over the YAML loader (and schema and model), the query parser, the binder and the
/// event reader, seeded from rules/, the test fixtures and corpus events. Each property runs for a fixed time
/// (about 4 s; 16 s in all) and asserts that no exception escapes and that every problem is a diagnostic with an
/// RC code. docs/reliability.md says what longer runs found. A failing case prints its CsCheck seed.
/// </summary>
public class FuzzTests
{
    private const int SecondsEach = 4;

    private static readonly string[] Tokens =
    [
        "\n", "\r\n", "\t", " ", "{", "}", "[", "]", "(", ")", "\"", "'", "\\", ":", "- ", "|", ",", ".", "@", "*", "&", "!", "#",
        "\\u0000", "\\udfff", "\u0000", "\uFFFD", "::error::", "..", "{1001}", "(a{100}){100}", "Records", "null", "1e999",
        "where ", " and ", " in (", "summarize count() by ", "| take 5", "| sort by a", "join (", "invoke ", "let x = ", ";",
        "matches regex @\"", "---", "*alias", "&anchor ", "? ", "~", "99999999999999999999",
    ];

    private static readonly Lazy<byte[][]> RuleSeeds = new(() =>
        [.. new[] { Path.Combine(RepositoryPaths.Root, "rules"), Path.Combine(RepositoryPaths.Root, "tests", "Compiler.Tests", "Valid", "rules") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*.yml", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]);

    private static readonly Lazy<byte[][]> EventSeeds = new(() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.ndjson", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && new FileInfo(f).Length < 256 * 1024)
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]);

    /// <summary>A seed with 1 to 8 mutations: token inserted, range deleted or duplicated, byte changed, cut short.</summary>
    internal static Gen<byte[]> Mutated(Func<byte[][]> seeds) =>
        Gen.Int[0, 1_000_000].Select(Gen.Int[1, 8], Gen.Int[0, int.MaxValue].Array[8, 8], (pick, count, randoms) =>
        {
            var all = seeds();
            var bytes = new List<byte>(all[pick % all.Length]);
            for (var m = 0; m < count; m++)
            {
                var r = randoms[m];
                var at = bytes.Count == 0 ? 0 : r % bytes.Count;
                switch (r % 5)
                {
                    case 0: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[(r / 5) % Tokens.Length])); break;
                    case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + (r / 7) % 40)); break;
                    case 2: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + (r / 7) % 200))); break;
                    case 3: if (bytes.Count > 0) bytes[at] = (byte)(r >> 8); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            return bytes.ToArray();
        });

    internal static void AssertCode(string code) => Assert.Matches(@"^RC\d{4}$", code);

    [Fact]
    public void The_yaml_loader_schema_and_model_never_throw()
    {
        Mutated(() => RuleSeeds.Value).Sample(bytes =>
        {
            var document = DocumentLoader.LoadRule(YamlLoader.Load("fuzz.yml", bytes));
            Assert.All(document.Diagnostics, d => AssertCode(d.Code));
        }, time: SecondsEach, threads: 1);
    }

    [Fact]
    public void The_query_parser_and_binder_never_throw()
    {
        var repository = RuleRepository.Load(Path.Combine(RepositoryPaths.Root, "rules"));
        var searches = repository.Rules.Select(r => Encoding.UTF8.GetBytes(r.Search.Text))
            .Concat(repository.Fragments.Select(f => Encoding.UTF8.GetBytes(f.Stages.Text))).ToArray();
        var fragments = repository.Fragments.Select(f => (f, QueryParser.ParseStages(f.Stages.Text).Value))
            .Where(p => p.Value is not null).Select(p => new ParsedFragment(p.f, p.Value!.Stages)).ToList();
        var context = BindingContext.For(repository.DataSources.Single(d => d.Name == "aws_cloudtrail"), repository.Lists, fragments);
        Mutated(() => searches).Sample(bytes =>
        {
            var parsed = QueryParser.Parse(Encoding.UTF8.GetString(bytes));
            Assert.All(parsed.Diagnostics, d => AssertCode(d.Code));
            if (parsed.Query is { } query)
            {
                Assert.All(QueryBinder.Bind(query, context).Diagnostics, d => AssertCode(d.Code));
            }
        }, time: SecondsEach, threads: 1);
    }

    [Fact]
    public void The_event_reader_never_throws_and_reports_with_codes()
    {
        Mutated(() => EventSeeds.Value).Sample(bytes => ReadAll(bytes), time: SecondsEach, threads: 1);
    }

    [Fact]
    public void The_event_reader_never_throws_on_gzip_data()
    {
        Mutated(() => [.. EventSeeds.Value.Take(8).Select(Gzip)]).Sample(bytes => ReadAll(bytes), time: SecondsEach, threads: 1);
    }

    [CorpusFact]
    public void The_event_reader_never_throws_on_mutated_corpus_events()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Corpus, "awsdocs"), "*.json", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 64 * 1024).Order(StringComparer.Ordinal).Take(40).Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(files);
        Mutated(() => files).Sample(bytes => ReadAll(bytes), time: SecondsEach, threads: 1);
    }

    private static void ReadAll(byte[] bytes)
    {
        var errors = new List<EventError>();
        foreach (var record in EventReader.Read(new MemoryStream(bytes), "fuzz.json", errors.Add))
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Object, record.Event.ValueKind);
        }

        Assert.All(errors, e => AssertCode(e.Code));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(memory, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }
}
