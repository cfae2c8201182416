namespace RuleCompiler.Backends.CSharp;

/// <summary>Diagnostic codes of the C# backend (RC30xx; docs/diagnostics.md lists them).</summary>
public static class CSharpDiagnostics
{
    /// <summary>The generated C# failed to compile: a bug in the backend, reported instead of crashing.</summary>
    public const string GeneratedCodeError = "RC3020";

    /// <summary>A construct the C# backend cannot translate.</summary>
    public const string Unsupported = "RC3021";
}
