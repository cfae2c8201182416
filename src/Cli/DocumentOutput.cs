namespace RuleCompiler.Cli;

/// <summary>Where a machine-readable document (SARIF, JSON, JUnit) goes: stdout, or the file named by an option.</summary>
public static class DocumentOutput
{
    /// <summary>Writes the document; false after printing RC1904 when the file cannot be written.</summary>
    public static bool Write(CliContext context, DiagnosticPrinter printer, string document, string? outputFile)
    {
        if (outputFile is null)
        {
            context.Out.Write(document);
            return true;
        }

        try
        {
            File.WriteAllText(context.Resolve(outputFile), document);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            printer.UsageError(CliDiagnosticCodes.CannotWriteOutput, $"cannot write {outputFile}: {e.Message}");
            return false;
        }
    }
}
