using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;

namespace RuleCompiler.Backends.Splunk.App;

/// <summary>The app's Scriban templates (Templates/*.sbn, embedded), rendered over a <see cref="SplunkAppModel"/>.</summary>
internal static class SplunkTemplates
{
    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    public static string Render(string name, SplunkAppModel model)
    {
        var template = Parsed.GetOrAdd(name, Load);
        var globals = new ScriptObject();
        globals.Import(model);
        var context = new TemplateContext { StrictVariables = true, NewLine = "\n", LoopLimit = 0 };
        context.PushGlobal(globals);
        return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static Template Load(string name)
    {
        using var stream = typeof(SplunkTemplates).Assembly.GetManifestResourceStream("Splunk/App/Templates/" + name)
            ?? throw new InvalidOperationException($"template Splunk/App/Templates/{name} is missing from the build");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal), name);
        return template.HasErrors
            ? throw new InvalidOperationException($"template {name} does not parse: {string.Join("; ", template.Messages)}")
            : template;
    }
}
