using System.Collections.Immutable;

namespace RuleCompiler.Backends.Splunk.Conf;

/// <summary>
/// Reads a Splunk <c>.conf.spec</c> file: <c>[stanza]</c> headers and <c>key = &lt;type&gt;</c> declarations at
/// the start of a line; lines starting with <c>#</c>, <c>*</c> or whitespace are prose. Keys declared before the
/// first header apply to every stanza (Splunk's global settings).
/// </summary>
public static class ConfSpecReader
{
    private const string Global = "<global>";

    public static ConfSpec Read(string source, string text)
    {
        var stanzas = new List<(string Name, List<SpecKey> Keys)> { (Global, []) };
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length == 0 || raw[0] is '#' or '*' || char.IsWhiteSpace(raw[0]))
            {
                continue;
            }

            if (raw[0] == '[' && raw.TrimEnd().LastIndexOf(']') is var close and > 0)
            {
                stanzas.Add((raw[1..close], []));
                continue;
            }

            var equals = raw.IndexOf('=');
            if (equals > 0)
            {
                stanzas[^1].Keys.Add(SpecKey.Create(raw[..equals].Trim(), SpecValueType.Parse(raw[(equals + 1)..])));
            }
        }

        var global = stanzas[0].Keys;
        return new ConfSpec(source, [.. stanzas.Skip(1).Select(s => SpecStanza.Create(s.Name, [.. s.Keys, .. global]))
            .Append(SpecStanza.Create(SpecStanza.AnyStanza, [.. global]))]);
    }
}
