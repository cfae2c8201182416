namespace RuleCompiler.Importers.Escu;

/// <summary>
/// The translation context of each ESCU detections folder: the base context with the macros and lookups of the
/// security_content checkout the folder lies in (<see cref="SplTranslationContext.WithMacrosAbove"/>,
/// <see cref="SplTranslationContext.WithLookupsAbove"/>), read once per folder, not once per rule.
/// </summary>
internal sealed class EscuFolderContexts(SplTranslationContext context)
{
    private readonly Dictionary<string, SplTranslationContext> _byFolder = new(StringComparer.Ordinal);

    public SplTranslationContext For(string sourcePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? "";
        if (!_byFolder.TryGetValue(folder, out var found))
        {
            found = context.WithMacrosAbove(sourcePath).WithLookupsAbove(sourcePath);
            _byFolder[folder] = found;
        }

        return found;
    }
}
