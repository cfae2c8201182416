using RuleCompiler.Cli;

namespace RuleCompiler.Backends.Tests.Cli;

/// <summary>Runs rulec in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(args, new CliContext(output, error, workingDirectory, Colour: false));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A scratch copy of the repository's rules/ (tests edit it to break rules).</summary>
    public static string CopyRules()
    {
        var target = Path.Combine(Path.GetTempPath(), "rulec-test-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(RepositoryPaths.Root, "rules");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, "rules", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        var schemas = Path.Combine(RepositoryPaths.Root, "schemas");
        if (Directory.Exists(schemas))
        {
            foreach (var file in Directory.EnumerateFiles(schemas, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, "schemas", Path.GetRelativePath(schemas, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        File.WriteAllText(Path.Combine(target, "RuleCompiler.sln"), "");
        return target;
    }
}
