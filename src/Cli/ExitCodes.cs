namespace RuleCompiler.Cli;

/// <summary>rulec's exit codes: the same for every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuleErrors = 1;
    public const int UsageError = 2;
}
