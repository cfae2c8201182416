using System.Collections.Immutable;
using System.Text;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>The files of a Splunk app (paths relative to the app folder, '/'-separated) and what stopped them.</summary>
public sealed record SplunkAppFiles(ImmutableSortedDictionary<string, byte[]> Files, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);
}

/// <summary>Where <see cref="SplunkAppWriter.Write"/> put the app (null when errors stopped it) and its diagnostics.</summary>
public sealed record SplunkAppOutput(string? AppFolder, string? Tarball, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Writes an ESCU-style Splunk app: <c>default/app.conf</c>, <c>savedsearches.conf</c>, <c>macros.conf</c>,
/// <c>analyticstories.conf</c>, <c>transforms.conf</c> with <c>lookups/*.csv</c> when there are lists,
/// <c>metadata/default.meta</c>, <c>app.manifest</c> and <c>README.md</c>. The text comes from Scriban templates
/// over data built in C#, every value through <see cref="Conf.ConfWriter"/>. The same app gives the same bytes on
/// any machine, culture and time zone.
/// </summary>
public static class SplunkAppWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <c><paramref name="outDir"/>/splunk/&lt;Name&gt;/</c> (replacing what was there) and
    /// <c><paramref name="outDir"/>/splunk/&lt;Name&gt;-&lt;Version&gt;.tar.gz</c> with the app folder at its
    /// root. Writes nothing when a value cannot be written exactly (the diagnostics say which, at the rule).
    /// </summary>
    public static SplunkAppOutput Write(SplunkApp app, string outDir)
    {
        var rendered = Render(app);
        if (rendered.HasErrors)
        {
            return new SplunkAppOutput(null, null, rendered.Diagnostics);
        }

        var splunkDir = Path.Combine(outDir, "splunk");
        var appDir = Path.Combine(splunkDir, app.Info.Name);
        if (Directory.Exists(appDir))
        {
            Directory.Delete(appDir, recursive: true);
        }

        foreach (var (relative, bytes) in rendered.Files)
        {
            var path = Path.Combine(appDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        var tarball = Path.Combine(splunkDir, $"{app.Info.Name}-{app.Info.Version}.tar.gz");
        File.WriteAllBytes(tarball, Tarball(app, rendered));
        return new SplunkAppOutput(appDir, tarball, rendered.Diagnostics);
    }

    /// <summary>The app's files in memory, without writing anything.</summary>
    public static SplunkAppFiles Render(SplunkApp app)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var model = SplunkAppModel.Build(app, diagnostics);
        var files = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        void Add(string path, string text) => files[path] = Utf8.GetBytes(text);

        Add("default/app.conf", SplunkTemplates.Render("app.conf.sbn", model));
        Add("default/savedsearches.conf", SplunkTemplates.Render("savedsearches.conf.sbn", model));
        Add("default/macros.conf", SplunkTemplates.Render("macros.conf.sbn", model));
        Add("default/analyticstories.conf", SplunkTemplates.Render("analyticstories.conf.sbn", model));
        Add("metadata/default.meta", SplunkTemplates.Render("default.meta.sbn", model));
        Add("README.md", SplunkTemplates.Render("README.md.sbn", model));
        Add("app.manifest", SplunkJson.Manifest(app.Info) + "\n");
        if (model.HasTransforms)
        {
            Add("default/transforms.conf", SplunkTemplates.Render("transforms.conf.sbn", model));
            foreach (var lookup in model.Lookups)
            {
                Add("lookups/" + lookup.FileName, "value\n" + lookup.Rows);
            }

            foreach (var table in model.Tables.Where(t => t.Csv is not null))
            {
                Add("lookups/" + table.FileName, table.Csv!);
            }
        }

        if (!model.Collections.IsEmpty)
        {
            Add("default/collections.conf", SplunkTemplates.Render("collections.conf.sbn", model));
        }

        return new SplunkAppFiles(files.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>The .tar.gz of rendered files under the app folder, time-stamped with the app's release date.</summary>
    public static byte[] Tarball(SplunkApp app, SplunkAppFiles rendered) =>
        DeterministicTarGz.Create(
            rendered.Files.ToDictionary(f => app.Info.Name + "/" + f.Key, f => f.Value, StringComparer.Ordinal),
            new DateTimeOffset(app.Info.Released.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
