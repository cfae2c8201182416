using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleCompiler.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic code's descriptor, read from docs/diagnostics.md, which is embedded in this assembly: the page
/// is the one place a code's meaning is written, so SARIF, editors and the docs cannot disagree. A test checks that
/// every code constant in the product has exactly one descriptor here.
/// </summary>
public static partial class DiagnosticCatalogue
{
    private static readonly Lazy<FrozenDictionary<string, DiagnosticDescriptor>> Descriptors = new(Load);

    public static IReadOnlyCollection<DiagnosticDescriptor> All => Descriptors.Value.Values;

    public static DiagnosticDescriptor? Find(string code) => Descriptors.Value.GetValueOrDefault(code);

    /// <summary>Reads the descriptor tables of a diagnostics page: rows <c>| RCnnnn | error, warning or info | meaning |</c> under <c>## Section</c> headings.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Parse(string markdown)
    {
        var descriptors = new List<DiagnosticDescriptor>();
        var section = "";
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                continue;
            }

            var row = Row().Match(line);
            if (row.Success)
            {
                descriptors.Add(new DiagnosticDescriptor(
                    row.Groups["code"].Value,
                    row.Groups["severity"].Value switch
                    {
                        "warning" => DiagnosticSeverity.Warning,
                        "info" => DiagnosticSeverity.Info,
                        _ => DiagnosticSeverity.Error,
                    },
                    PlainText(row.Groups["meaning"].Value.Trim()),
                    section,
                    Anchor(section)));
            }
        }

        return descriptors;
    }

    /// <summary>The anchor GitHub gives a heading: lower case, spaces to hyphens, punctuation other than - and _ dropped.</summary>
    public static string Anchor(string heading)
    {
        var anchor = new StringBuilder(heading.Length);
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    // Markdown code spans and escaped pipes read as plain text in a SARIF short description.
    private static string PlainText(string meaning) => meaning.Replace("\\|", "|", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);

    private static FrozenDictionary<string, DiagnosticDescriptor> Load()
    {
        using var stream = typeof(DiagnosticCatalogue).Assembly.GetManifestResourceStream("docs/diagnostics.md")
            ?? throw new InvalidOperationException("docs/diagnostics.md is not embedded in the compiler assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd()).ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\| (?<code>RC\d{4}) \| (?<severity>error|warning|info) \| (?<meaning>.*) \|\s*$")]
    private static partial Regex Row();
}
