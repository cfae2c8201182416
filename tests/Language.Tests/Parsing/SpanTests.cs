using System.Collections;
using RuleCompiler.Compiler.Language.Parsing;
using RuleCompiler.Compiler.Language.Syntax;
using Xunit;

namespace RuleCompiler.Language.Tests.Parsing;

/// <summary>Every node the parser builds has a span inside the query, nested inside its parent's span.</summary>
public class SpanTests
{
    private const string EveryConstruct = """
        let window = 14d;
        let admins = dynamic(["a", 'b']);
        let created = (where eventName == "CreatePolicy" | project policyArn = responseElements.policy.arn);
        created
        | join kind=leftouter (where eventName == "AttachUserPolicy") on policyArn, $left.user == $right["user-name"]
        | union (where x == 1), (created | take 1), (table(seen) | project user)
        | where _time >= ago(window) and user !in admins and not (n between (1 .. 2)) and ip in~ @ips and eventName in ("a", "b") and -n * 2 < 3
        | where tostring(split(arn, "/")[-1]) matches regex "^a" and resources[0].ARN has "x" and resources[*].ARN has "y" and ["where"] == @"c:\x"
        | extend a = arg_max(_time, *), b = datetime(2024-01-01), c = null, d = 1.5, e = true, f = (a.b)[0]
        | project-away a | project-rename g = b | mv-expand h = c | mv-expand i
        | summarize count(), n = dcount(user) by awsRegion | distinct n | sort by n asc | take 5
        | fill-null 0 in n | invoke aws_account_name()
        """;

    [Fact]
    public void Every_node_has_a_span_within_its_parent()
    {
        var result = QueryParser.Parse(EveryConstruct);
        Assert.Empty(result.Diagnostics);
        var kinds = new HashSet<string>();
        Walk(result.Query!, new TextSpan(0, EveryConstruct.Length), kinds);

        // The query above uses every kind of node: a new node kind should be added to it.
        var nodeKinds = typeof(SyntaxNode).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SyntaxNode)) && !t.IsAbstract)
            .Select(t => t.Name);
        Assert.Empty(nodeKinds.Except(kinds));
    }

    private static void Walk(SyntaxNode node, TextSpan parent, HashSet<string> kinds)
    {
        kinds.Add(node.GetType().Name);
        var span = node.Span;
        Assert.True(span.Start >= parent.Start && span.End <= parent.End, $"{node.GetType().Name} {span} outside {parent}");
        if (node is not DataSourceInput)
        {
            Assert.True(span.Length > 0, $"{node.GetType().Name} has an empty span");
        }

        foreach (var property in node.GetType().GetProperties())
        {
            var value = property.GetValue(node);
            if (value is SyntaxNode child)
            {
                Walk(child, span, kinds);
            }
            else if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    if (item is SyntaxNode element)
                    {
                        Walk(element, span, kinds);
                    }
                }
            }
        }
    }
}
