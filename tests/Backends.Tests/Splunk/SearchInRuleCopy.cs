using RuleCompiler.Backends.Hosting;
using RuleCompiler.Backends.Splunk;
using RuleCompiler.Backends.Tests.Cli;
using RuleCompiler.Compiler.Compilation;
using RuleCompiler.Compiler.Diagnostics;
using Xunit;

namespace RuleCompiler.Backends.Tests.Splunk;

/// <summary>
/// A search compiled as the search of a copy of rules/aws/ecr/aws_ecr_container_upload_outside_business_hours.yml
/// (its entities need user and src_ip in the output): the compiled rule and the Splunk target's checks of it.
/// </summary>
internal static class SearchInRuleCopy
{
    public static (CompiledRule Rule, IReadOnlyList<Diagnostic> Checks) Compile(string search)
    {
        var repository = CliRunner.CopyRules();
        try
        {
            var file = Path.Combine(repository, "rules", "aws", "ecr", "aws_ecr_container_upload_outside_business_hours.yml");
            File.WriteAllText(file, SplDiagnosticTests.ReplaceSearch(File.ReadAllText(file), search));
            var compilation = RuleCompilerHost.Compile([Path.Combine(repository, "rules")]);
            Assert.True(compilation.ErrorCount == 0, string.Join("\n", compilation.Diagnostics));
            return (compilation.Rules.Single(r => r.Rule.Path == file), RuleCompilerHost.Check(new SplunkTarget(), compilation));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }
}
