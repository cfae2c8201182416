using RuleCompiler.Compiler.Loading;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// The data sources a translation into the canonical form maps tables and fields through: those of the rules
/// repository the output folder lies in, else of the one the working directory lies in (or its rules folder).
/// </summary>
public static class RepositoryDataSources
{
    public const string Missing = "no rules repository (a folder with rules/data_sources) around the output folder or the working directory; its data sources map tables to canonical fields";

    public static IReadOnlyList<DataSource> Find(CliContext context, string start)
    {
        var rules = RuleRepository.FindRepositoryRoot(start) ?? RuleRepository.FindRepositoryRoot(context.WorkingDirectory)
            ?? RuleRepository.FindRepositoryRoot(Path.Combine(context.WorkingDirectory, "rules"));
        var folder = rules is null ? null : Path.Combine(rules, RuleRepository.DataSourcesFolder);
        return folder is not null && Directory.Exists(folder) ? RuleRepository.Load(folder).DataSources : [];
    }
}
