namespace RuleCompiler.Backends.CSharp;

/// <summary>Diagnostic codes of the C# backend (RC30xx; docs/diagnostics.md lists them).</summary>
public static class CSharpDiagnostics
{
    /// <summary>The generated C# failed to compile: a bug in the backend, reported instead of crashing.</summary>
    public const string GeneratedCodeError = "RC3020";

    /// <summary>A construct the C# backend cannot translate.</summary>
    public const string Unsupported = "RC3021";

    public const string UnknownFunction = "RC3022";

    public const string WrongArgumentCount = "RC3023";

    public const string InvalidRegex = "RC3024";

    public const string UnknownList = "RC3025";

    /// <summary>An unknown fragment, or fragments that invoke each other in a cycle.</summary>
    public const string FragmentProblem = "RC3026";

    /// <summary>An unknown let name, or let pipelines that refer to each other in a cycle.</summary>
    public const string UnknownName = "RC3027";

    public const string InvalidJoinCondition = "RC3028";

    /// <summary>An aggregate outside summarize, or something other than an aggregate in summarize.</summary>
    public const string AggregatePlacement = "RC3029";
}
