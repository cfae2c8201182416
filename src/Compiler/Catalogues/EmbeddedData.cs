namespace RuleCompiler.Compiler.Catalogues;

/// <summary>Reads the tab-separated data files embedded from src/Compiler/Data (comment lines start with #).</summary>
internal static class EmbeddedData
{
    public static IEnumerable<string[]> ReadTsv(string fileName)
    {
        var name = "data/" + fileName;
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}
