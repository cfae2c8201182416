using System.Text.Json;
using RuleCompiler.Runtime.Rows;
using RuleCompiler.Runtime.Values;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>Small helpers to make rows and values from JSON text in tests.</summary>
internal static class Json
{
    public static Row Row(string json) => RuleCompiler.Runtime.Rows.Row.FromEvent(JsonDocument.Parse(json).RootElement.Clone());

    public static Value Value(string json) => RuleCompiler.Runtime.Values.Value.FromJson(JsonDocument.Parse(json).RootElement.Clone());

    public static Value Field(string json, string head, params PathStep[] rest) => Row(json).Get(new FieldPath(head, rest));
}
