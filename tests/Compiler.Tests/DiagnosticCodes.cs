using System.Reflection;
using RuleCompiler.Cli;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests;

/// <summary>Every diagnostic code constant the foundation defines (the *DiagnosticCodes classes), found by reflection.</summary>
internal static class DiagnosticCodes
{
    public static IEnumerable<(string Name, string Value)> InSource() =>
        new[] { typeof(YamlDiagnosticCodes).Assembly, typeof(CliDiagnosticCodes).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("DiagnosticCodes", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (string)f.GetRawConstantValue()!));
}
