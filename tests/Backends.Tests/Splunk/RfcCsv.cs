using System.Text;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>Reads back the CSV the Splunk app writes (lookups of lists and tables), to check what Splunk would read.</summary>
internal static class RfcCsv
{
    /// <summary>An RFC 4180 reader: quoted fields may hold anything, quotes doubled.</summary>
    public static List<string[]> Read(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var i = 0;
        while (i < csv.Length)
        {
            var field = new StringBuilder();
            if (csv[i] == '"')
            {
                i++;
                while (!(csv[i] == '"' && (i + 1 == csv.Length || csv[i + 1] != '"')))
                {
                    field.Append(csv[i]);
                    i += csv[i] == '"' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (csv[i] is not (',' or '\n'))
                {
                    field.Append(csv[i++]);
                }
            }

            row.Add(field.ToString());
            if (csv[i++] == '\n')
            {
                rows.Add([.. row]);
                row.Clear();
            }
        }

        return rows;
    }
}
