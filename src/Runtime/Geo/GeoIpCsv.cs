using System.Text;

namespace RuleCompiler.Runtime.Geo;

/// <summary>One field of a CSV line: its text (quotes removed) and the 1-based column where it starts.</summary>
public readonly record struct CsvField(string Text, int Column);

/// <summary>
/// Reads the CSV of a geo-IP database file line by line (RFC 4180 fields: "a, ""b""" quotes a comma or a quote; no
/// field spans lines), never holding more than one line of <see cref="Limits.MaxGeoIpLineLength"/> characters.
/// </summary>
public sealed class GeoIpCsv(TextReader reader)
{
    private readonly StringBuilder _line = new();

    public int LineNumber { get; private set; }

    /// <summary>The next line, or null at the end; a line too long is an error message in <paramref name="problem"/>.</summary>
    public string? ReadLine(out string? problem)
    {
        problem = null;
        _line.Clear();
        int c;
        var any = false;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                break;
            }

            if (_line.Length >= Limits.MaxGeoIpLineLength)
            {
                problem = $"the line is longer than {Limits.MaxGeoIpLineLength:N0} characters";
                while ((c = reader.Read()) >= 0 && c != '\n')
                {
                }

                break;
            }

            _line.Append((char)c);
        }

        if (!any)
        {
            return null;
        }

        LineNumber++;
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        return _line.ToString();
    }

    /// <summary>Splits a line into fields, or gives the column and message of the first quoting error.</summary>
    public static (List<CsvField>? Fields, int Column, string? Problem) Split(string line)
    {
        var fields = new List<CsvField>(6);
        var i = 0;
        while (true)
        {
            var start = i;
            string text;
            if (i < line.Length && line[i] == '"')
            {
                var quoted = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return (null, start + 1, "a quoted field is not closed on its line");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            quoted.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    quoted.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return (null, i + 1, "a closing quote must end the field (write \"\" for a quote inside it)");
                }

                text = quoted.ToString();
            }
            else
            {
                var end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                var quote = line.IndexOf('"', i, end - i);
                if (quote >= 0)
                {
                    return (null, quote + 1, "a quote inside an unquoted field: quote the whole field and write \"\" for the quote");
                }

                text = line[i..end];
                i = end;
            }

            fields.Add(new CsvField(text, start + 1));
            if (i >= line.Length)
            {
                return (fields, 0, null);
            }

            i++;
        }
    }
}
