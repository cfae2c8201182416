using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;
using RuleCompiler.Compiler.Schema;
using RuleCompiler.Compiler.Semantics;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Loading;

/// <summary>
/// Loads one file of each kind: YAML (RC10xx), then its schema (RC12xx), then the model. A model is built only for
/// a file without errors so far, so later phases never see half-valid input; a rule with schema errors also gets a
/// partial model, only to check its other parts. Never throws on bad input.
/// </summary>
public static class DocumentLoader
{
    public const string ModelinePrefix = "# yaml-language-server: $schema=";

    public static LoadedDocument<Rule> LoadRule(string path) => LoadRule(YamlLoader.LoadFile(path));

    public static LoadedDocument<Rule> LoadRule(YamlFile file) => Load(file, SchemaKind.Rule, buildAfterSchemaErrors: true, (root, diagnostics) =>
    {
        if (!file.Text.StartsWith(ModelinePrefix, StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Warning(SemanticDiagnosticCodes.MissingModeline,
                $"a rule file starts with a modeline so editors check it: '{ModelinePrefix}<relative path>/schemas/rule.schema.json'",
                SourceSpan.File(file.Path)));
        }

        return RuleBuilder.Build(file, root, diagnostics);
    });

    public static LoadedDocument<DataSource> LoadDataSource(string path) => LoadDataSource(YamlLoader.LoadFile(path));

    public static LoadedDocument<DataSource> LoadDataSource(YamlFile file) =>
        Load(file, SchemaKind.DataSource, buildAfterSchemaErrors: false, (root, _) => SupportFileBuilders.BuildDataSource(root));

    public static LoadedDocument<NamedList> LoadList(string path) => LoadList(YamlLoader.LoadFile(path));

    public static LoadedDocument<NamedList> LoadList(YamlFile file) =>
        Load(file, SchemaKind.List, buildAfterSchemaErrors: false, (root, diagnostics) =>
        {
            var list = SupportFileBuilders.BuildList(root);
            if (list.Values.Length > Limits.MaxListValues)
            {
                diagnostics.Add(Diagnostic.Error(SemanticDiagnosticCodes.ListTooLarge,
                    $"the list has {list.Values.Length:N0} values, more than the limit of {Limits.MaxListValues:N0}", (root["values"] ?? root).Span));
            }

            return list;
        });

    public static LoadedDocument<LookupTable> LoadTable(string path) => LoadTable(YamlLoader.LoadFile(path));

    public static LoadedDocument<LookupTable> LoadTable(YamlFile file) =>
        Load(file, SchemaKind.Table, buildAfterSchemaErrors: false, TableBuilder.Build);

    public static LoadedDocument<Fragment> LoadFragment(string path) => LoadFragment(YamlLoader.LoadFile(path));

    public static LoadedDocument<Fragment> LoadFragment(YamlFile file) =>
        Load(file, SchemaKind.Fragment, buildAfterSchemaErrors: false, (root, _) => SupportFileBuilders.BuildFragment(root, file.Text));

    private static LoadedDocument<T> Load<T>(YamlFile file, SchemaKind kind, bool buildAfterSchemaErrors, Func<YamlMapping, List<Diagnostic>, T> build)
        where T : class
    {
        var diagnostics = new List<Diagnostic>(file.Diagnostics);
        // After a YAML error (duplicate key, alias) the tree is not what the user meant; schema errors would only echo it.
        if (file.Root is null || file.HasErrors)
        {
            return new LoadedDocument<T>(file.Path, file, null, [.. diagnostics]);
        }

        diagnostics.AddRange(SchemaValidator.For(kind).Validate(file.Root));
        if (file.Root is not YamlMapping root)
        {
            return new LoadedDocument<T>(file.Path, file, null, [.. diagnostics]);
        }

        if (diagnostics.Any(d => d.IsError))
        {
            // The reads are total, so a model can be built from a tree the schema rejected; what it finds in the
            // rejected parts only echoes the schema errors and is dropped later (SchemaEchoes).
            var partial = buildAfterSchemaErrors ? build(root, []) : null;
            return new LoadedDocument<T>(file.Path, file, null, [.. diagnostics], partial);
        }

        var model = build(root, diagnostics);
        return new LoadedDocument<T>(file.Path, file, diagnostics.Any(d => d.IsError) ? null : model, [.. diagnostics]);
    }
}
