using System.Text;

namespace RuleCompiler.Compiler.Semantics;

/// <summary>File naming: a rule named "AWS ECR Container Upload" lives in aws_ecr_container_upload.yml.</summary>
public static class Naming
{
    /// <summary>Lowercase ASCII letters and digits; every run of anything else becomes one underscore, trimmed.</summary>
    public static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length);
        var pendingSeparator = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSeparator && result.Length > 0)
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
                pendingSeparator = false;
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return result.ToString();
    }
}
