using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>
/// Checks of data sources that are Splunk data model datasets (<c>splunk.datamodel</c>): tstats names each field with
/// its dataset, the C# run finds a row's fields below the dataset's name, and an importer finds the source by its
/// data model and dataset, so each of these must be unambiguous.
/// </summary>
internal static class DataModelChecks
{
    public static IEnumerable<Diagnostic> Check(IReadOnlyList<DataSource> dataSources)
    {
        foreach (var source in dataSources)
        {
            var isDataModel = source.Splunk.IsDataModel;
            if ((source.Splunk.DataModel is null) != (source.Splunk.Dataset is null) || (source.Splunk.RootDataset && !isDataModel))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DataModelFormat,
                    $"the data source '{source.Name}' names half a data model dataset: splunk.datamodel and splunk.dataset go together (and root_dataset with them)", source.Span);
                continue;
            }

            if (isDataModel != (source.EventFormat == EventFormat.SplunkDatamodel))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DataModelFormat, isDataModel
                    ? $"the data source '{source.Name}' is the Splunk data model dataset {source.Splunk.DataModel}.{source.Splunk.Dataset}, so its events are rows of it: event_format must be splunk_datamodel"
                    : $"the data source '{source.Name}' has event_format splunk_datamodel but names no Splunk data model: give splunk.datamodel and splunk.dataset", source.Span);
                continue;
            }

            if (!isDataModel)
            {
                continue;
            }

            var prefix = source.Splunk.Dataset + ".";
            foreach (var field in source.Fields.Where(f => !f.SplunkMetadata && !f.Name.StartsWith(prefix, StringComparison.Ordinal) && f.Name != source.TimeField))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DataModelFieldPrefix,
                    $"the field '{field.Name}' of the data model source '{source.Name}' has no '{prefix}' prefix: tstats names every data-model field with its dataset ('{prefix}{field.Name}'); a Splunk default field (source, host) is marked splunk_metadata", field.Span);
            }
        }

        var models = dataSources.Where(d => d.Splunk.IsDataModel).OrderBy(d => d.Span.Path, StringComparer.Ordinal).ToList();
        foreach (var group in models.GroupBy(d => (d.Splunk.DataModel, d.Splunk.Dataset)).Where(g => g.Skip(1).Any()))
        {
            foreach (var later in group.Skip(1))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DuplicateDataModel,
                    $"the data model dataset {group.Key.DataModel}.{group.Key.Dataset} is already the data source '{group.First().Name}': an imported tstats would not know which to read", later.Span);
            }
        }

        foreach (var group in models.Where(d => d.Splunk.RootDataset).GroupBy(d => d.Splunk.DataModel).Where(g => g.Skip(1).Any()))
        {
            foreach (var later in group.Skip(1))
            {
                yield return Diagnostic.Error(SemanticDiagnosticCodes.DuplicateDataModel,
                    $"the data model {group.Key} already has its root dataset in the data source '{group.First().Name}': from datamodel={group.Key} reads one dataset", later.Span);
            }
        }
    }
}
