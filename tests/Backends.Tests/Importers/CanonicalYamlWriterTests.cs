using RuleCompiler.Importers;
using Xunit;

namespace RuleCompiler.Backends.Tests.Importers;

public class CanonicalYamlWriterTests
{
    private static readonly CanonicalRule Rule = new(
        "0b6c2f4e-3c5a-4c47-9a54-1f0b1a7c2d11", "Nested Metadata", "3", "2024-05-25", "A. Author", "production", "ttp", null,
        "Finds it.", "aws_cloudtrail", "where eventName == \"PutImage\"", [], null, ["T1204.003"], ["CVE-2024-1"], []);

    [Fact]
    public void Nested_metadata_is_written_in_the_rule_formats_order_with_types_kept()
    {
        var rule = Rule with
        {
            Metadata = CanonicalMap.Empty
                .With("schedule", new CanonicalMap([new("frequency", "1h")]))
                .With("risk", new CanonicalMap([new("impact", CanonicalScalar.Of(70)), new("confidence", CanonicalScalar.Of(50)), new("message", "User $user$ did 12")]))
                .With("tags", new CanonicalMap([new("analytic_stories", new CanonicalList(["AWS ECR"]))]))
                .With("how_to_implement", "Line one\nline two")
                .With("entities", new CanonicalList([new CanonicalMap([new("type", "Account"), new("identifiers", new CanonicalMap([new("Name", "user")]))])])),
        };

        var yaml = CanonicalYamlWriter.Write(rule, "../schemas/rule.schema.json");

        Assert.Equal(
            """
            # yaml-language-server: $schema=../schemas/rule.schema.json
            id: 0b6c2f4e-3c5a-4c47-9a54-1f0b1a7c2d11
            name: Nested Metadata
            version: 3
            date: "2024-05-25"
            author: A. Author
            status: production
            type: ttp
            description: Finds it.
            how_to_implement: |-
              Line one
              line two
            data_source: aws_cloudtrail
            search: where eventName == "PutImage"
            attack:
            - T1204.003
            tags:
              analytic_stories:
              - AWS ECR
              cve:
              - CVE-2024-1
            risk:
              impact: 70
              confidence: 50
              message: User $user$ did 12
            entities:
            - type: Account
              identifiers:
                Name: user
            schedule:
              frequency: 1h

            """.ReplaceLineEndings("\n"),
            yaml);
    }
}
