using System.Globalization;
using System.Text;
using System.Xml;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Cli;

/// <summary>
/// <c>rulec test --format junit</c>: the JUnit XML CI systems read test reports from (GitHub test reporters, GitLab,
/// Azure Pipelines, Jenkins). One <c>testsuite</c> per rule, one <c>testcase</c> per test with its rule file and
/// line, a <c>failure</c> carrying every problem. Text goes through <see cref="DiagnosticText"/>, so control characters
/// that XML 1.0 cannot hold become visible escapes. No times, so the report of a run is deterministic.
/// </summary>
public static class JUnitWriter
{
    public static string Write(TestReport report, CliContext context)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (var stringWriter = new Utf8StringWriter(text))
        using (var xml = XmlWriter.Create(stringWriter, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "rulec test");
            xml.WriteAttributeString("tests", Number(report.Outcomes.Count));
            xml.WriteAttributeString("failures", Number(report.Failed));
            xml.WriteAttributeString("errors", Number(report.Unreadable));
            foreach (var rule in report.Outcomes.GroupBy(o => o.Rule.Path, StringComparer.Ordinal))
            {
                var path = context.Display(rule.Key).Replace('\\', '/');
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Safe(rule.First().Rule.Name.Value));
                xml.WriteAttributeString("tests", Number(rule.Count()));
                xml.WriteAttributeString("failures", Number(rule.Count(o => !o.Passed)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("file", Safe(path));
                foreach (var outcome in rule)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", Safe(outcome.Test.Name));
                    xml.WriteAttributeString("classname", Safe(outcome.Rule.Name.Value));
                    xml.WriteAttributeString("file", Safe(path));
                    xml.WriteAttributeString("line", Number(outcome.Test.Span.Line));
                    if (!outcome.Passed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Safe(outcome.Problems[0].Split('\n')[0]));
                        xml.WriteString(string.Join("\n", outcome.Problems.SelectMany(p => p.Split('\n')).Select(Safe)));
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.Append('\n').ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Safe(string text) => DiagnosticText.Message(text);

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says what the file is.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
