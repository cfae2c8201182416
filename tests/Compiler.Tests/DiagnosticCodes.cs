using System.Reflection;
using System.Text.RegularExpressions;
using RuleCompiler.Cli;
using RuleCompiler.Compiler.Yaml;

namespace RuleCompiler.Compiler.Tests;

/// <summary>
/// Every diagnostic code constant in the product: public const strings of the form RCdddd in the compiler, the CLI,
/// the backends and the runtime, found by reflection.
/// </summary>
internal static partial class DiagnosticCodes
{
    public static IEnumerable<(string Name, string Value)> InSource() =>
        ProductAssemblies()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Type: t, Field: f)))
            .Where(x => x.Field.IsLiteral && x.Field.FieldType == typeof(string) && Code().IsMatch((string)x.Field.GetRawConstantValue()!))
            .Select(x => ($"{x.Type.Name}.{x.Field.Name}", (string)x.Field.GetRawConstantValue()!));

    private static IEnumerable<Assembly> ProductAssemblies()
    {
        yield return typeof(YamlDiagnosticCodes).Assembly;
        yield return typeof(CliDiagnosticCodes).Assembly;
        foreach (var name in new[] { "RuleCompiler.Backends", "RuleCompiler.Importers", "RuleCompiler.Runtime" })
        {
            Assembly? assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                assembly = null;
            }

            if (assembly is not null)
            {
                yield return assembly;
            }
        }
    }

    [GeneratedRegex(@"^RC\d{4}$")]
    private static partial Regex Code();
}
