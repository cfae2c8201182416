using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>The <c>search</c> scalar of a YAML file as YamlDotNet reads it: value, style and start mark.</summary>
internal sealed record YamlSearchScalar(string Value, RuleCompiler.Compiler.Language.Parsing.QueryTextStyle Style, int Line, int Column)
{
    public static YamlSearchScalar Read(string fileText)
    {
        var parser = new Parser(new StringReader(fileText));
        var previousWasSearchKey = false;
        while (parser.MoveNext())
        {
            if (parser.Current is Scalar scalar)
            {
                if (previousWasSearchKey)
                {
                    return new YamlSearchScalar(scalar.Value, RuleCompiler.Compiler.Loading.QueryTextStyles.Of(scalar.Style), (int)scalar.Start.Line, (int)scalar.Start.Column);
                }

                previousWasSearchKey = scalar.Value == "search" && scalar.Style == ScalarStyle.Plain;
            }
            else
            {
                previousWasSearchKey = false;
            }
        }

        throw new InvalidOperationException("no 'search' key in the file");
    }
}
