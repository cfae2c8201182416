using System.Collections.Immutable;
using RuleCompiler.Compiler.Diagnostics;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;
using RuleCompiler.Compiler.Language.Syntax;
using RuleCompiler.Compiler.Model;

namespace RuleCompiler.Language.Tests.Binding;

/// <summary>A small CloudTrail-like data source, lists and fragments for binder unit tests.</summary>
internal static class TestSources
{
    private static readonly SourceSpan Nowhere = SourceSpan.File("test.yml");

    public static DataSource CloudTrail { get; } = Source("aws_cloudtrail",
        ("eventTime", FieldType.String, false),
        ("eventName", FieldType.String, false),
        ("eventSource", FieldType.String, false),
        ("awsRegion", FieldType.String, false),
        ("sourceIPAddress", FieldType.String, false),
        ("userAgent", FieldType.String, false),
        ("errorCode", FieldType.String, false),
        ("readOnly", FieldType.Bool, false),
        ("userIdentity.type", FieldType.String, false),
        ("userIdentity.arn", FieldType.String, false),
        ("userIdentity.principalId", FieldType.String, false),
        ("userIdentity.sessionContext.sessionIssuer.userName", FieldType.String, false),
        ("requestParameters", FieldType.Dynamic, false),
        ("responseElements", FieldType.Dynamic, false),
        ("resources", FieldType.Dynamic, true),
        ("eventCategories", FieldType.String, true));

    public static DataSource Source(string name, params (string Name, FieldType Type, bool Multivalued)[] fields) =>
        new(name, "test source", EventFormat.CloudTrail, "eventTime", TimeFormat.Iso8601,
            new SplunkSource("`cloudtrail`", "sourcetype=aws:cloudtrail"),
            new SentinelSource("AWSCloudTrail", "TimeGenerated", "AWS", ["AWSCloudTrail"]),
            [.. fields.Select(f => new FieldDefinition(f.Name, f.Type, f.Multivalued, null, null, null, Nowhere))],
            Nowhere);

    public static NamedList List(string name) => new(name, "test list", false, ["arn:aws:iam::111111111111:user/ci"], Nowhere);

    public static ParsedFragment Fragment(string name, string dataSource, params Stage[] stages) =>
        new(new Compiler.Model.Fragment(name, "test fragment", dataSource, Compiler.Model.QueryText.Standalone("", Nowhere), Nowhere), [.. stages]);

    public static BoundQuery Bind(Query query, IEnumerable<NamedList>? lists = null, IEnumerable<ParsedFragment>? fragments = null) =>
        QueryBinder.Bind(query, BindingContext.For(CloudTrail, lists, fragments));
}
