using RuleCompiler.Runtime.Functions;
using RuleCompiler.Runtime.Values;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

public class FunctionTests
{
    private static readonly DateTime Saturday2010 = new(2024, 5, 25, 20, 10, 0, DateTimeKind.Utc);

    [Fact]
    public void StringFunctionsTreatNullAsEmpty()
    {
        Assert.Equal("a, b", Fn.Strcat("a", ", ", "b").AsString);
        Assert.Equal("ab", Fn.Strcat("a", Value.Null, "b").AsString);
        Assert.Equal("", Fn.ToLower(Value.Null).AsString);
        Assert.Equal("medium", Fn.ToLower("MEDIUM").AsString);
        Assert.Equal(0L, Fn.Strlen(Value.Null).AsLong);
        Assert.Equal("cd", Fn.Substring("abcdef", 2L, 2L).AsString);
        Assert.Equal("", Fn.Substring("ab", 10L).AsString);
        Assert.Equal("a-b", Fn.StrcatDelim("-", "a", "b").AsString);
        Assert.Equal("x.y", Fn.ReplaceString("x_y", "_", ".").AsString);
        Assert.Equal(-1L, Fn.IndexOf("abc", "z").AsLong);
    }

    [Fact]
    public void EmptinessAndNullness()
    {
        Assert.True(Fn.IsEmpty(Value.Null));
        Assert.True(Fn.IsEmpty(""));
        Assert.False(Fn.IsEmpty(" "));
        Assert.False(Fn.IsEmpty(0L));
        Assert.True(Fn.IsNotEmpty("x"));
        Assert.True(Fn.IsNull(Value.Null));
        Assert.True(Fn.IsNull("")); // null, missing and "" are one value (docs/semantics.md decision 1)
        Assert.False(Fn.IsNull(" "));
    }

    [Fact]
    public void CoalesceSkipsNullsAndEmptyStrings()
    {
        Assert.Equal("b", Fn.Coalesce(Value.Null, "", "b").AsString);
        Assert.Equal(3L, Fn.Coalesce(Value.Null, 3L).AsLong);
        Assert.True(Fn.Coalesce(Value.Null, Value.Null).IsNull);
    }

    [Fact]
    public void SplitGivesAnArray()
    {
        var parts = Fn.Split("arn:aws:iam::1:user/x", ":");
        Assert.Equal(6, parts.ArrayLength);
        Assert.Equal("iam", parts.ElementAt(2).AsString);
        Assert.Equal("x", Fn.Split("a/b/x", "/").ElementAt(-1).AsString);
        Assert.Equal("""["b"]""", Fn.Split("a/b", "/", 1L).ToText());
    }

    [Fact]
    public void TimeParts()
    {
        Assert.Equal(20L, Fn.HourOfDay(Value.DateTime(Saturday2010)).AsLong);
        Assert.Equal(TimeSpan.FromDays(6), Fn.DayOfWeek(Value.DateTime(Saturday2010)).AsTimeSpan);
        Assert.Equal(TimeSpan.Zero, Fn.DayOfWeek("2024-05-26T01:00:00Z").AsTimeSpan);
        Assert.Equal(8L, Fn.HourOfDay("2024-05-27T08:00:00Z").AsLong);
        Assert.True(Fn.HourOfDay(Value.Null).IsNull);
        Assert.Equal(25L, Fn.DayOfMonth(Value.DateTime(Saturday2010)).AsLong);
    }

    [Fact]
    public void BinRoundsDown()
    {
        var binned = Fn.Bin(Value.DateTime(Saturday2010), TimeSpan.FromHours(1));
        Assert.Equal(new DateTime(2024, 5, 25, 20, 0, 0, DateTimeKind.Utc), binned.AsDateTime);
        Assert.Equal(15L, Fn.Bin(17L, 5L).AsLong);
        Assert.Equal(-10L, Fn.Bin(-7L, 5L).AsLong);
        Assert.Equal(2.5, Fn.Bin(2.7, 0.5).AsReal);
        Assert.True(Fn.Bin(1L, 0L).IsNull);
    }

    [Fact]
    public void AgoAndNowFollowTheEvaluationClock()
    {
        using (EvaluationClock.FixAt(Saturday2010))
        {
            Assert.Equal(Saturday2010, Fn.Now().AsDateTime);
            Assert.Equal(Saturday2010.AddDays(-14), Fn.Ago(TimeSpan.FromDays(14)).AsDateTime);
        }

        Assert.NotEqual(Saturday2010, Fn.Now().AsDateTime);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "10.0.0.0/8", false)]
    [InlineData("192.168.1.1", "192.168.1.1", true)]
    [InlineData("192.168.1.1", "0.0.0.0/0", true)]
    [InlineData("300.1.1.1", "0.0.0.0/0", false)]
    [InlineData("not-an-ip", "10.0.0.0/8", false)]
    [InlineData("10.0.0.1", "10.0.0.0/33", false)]
    public void Ipv4Ranges(string ip, string range, bool expected) => Assert.Equal(expected, Fn.Ipv4IsInRange(ip, range));

    [Fact]
    public void Conversions()
    {
        Assert.Equal(12L, RuleCompiler.Runtime.Values.Conversions.ToLong("12").AsLong);
        Assert.True(RuleCompiler.Runtime.Values.Conversions.ToLong("x").IsNull);
        Assert.Equal("1", RuleCompiler.Runtime.Values.Conversions.ToStringValue(1L).AsString);
        Assert.Equal("", RuleCompiler.Runtime.Values.Conversions.ToStringValue(Value.Null).AsString);
        var parsed = RuleCompiler.Runtime.Values.Conversions.ParseJson("""{"a":1}""");
        Assert.Equal(ValueKind.Object, parsed.Kind);
        Assert.Equal(1L, parsed.Member("a").AsLong);
        Assert.Equal(
            new DateTime(2024, 5, 25, 21, 14, 0, DateTimeKind.Utc),
            RuleCompiler.Runtime.Values.Conversions.EventTime(1716671640L, TimeFormat.EpochSeconds).AsDateTime);
        Assert.Equal(
            new DateTime(2024, 5, 25, 21, 14, 0, 500, DateTimeKind.Utc),
            RuleCompiler.Runtime.Values.Conversions.EventTime(1716671640500L, TimeFormat.EpochMillis).AsDateTime);
        Assert.True(RuleCompiler.Runtime.Values.Conversions.EventTime("garbage", TimeFormat.Iso8601).IsNull);
        Assert.Equal(
            new DateTime(2024, 5, 25, 19, 14, 0, DateTimeKind.Utc),
            RuleCompiler.Runtime.Values.Conversions.EventTime("2024-05-25T21:14:00+02:00", TimeFormat.Iso8601).AsDateTime);
    }

    [Fact]
    public void RegexAndEncodingFunctions()
    {
        Assert.Equal("x y", Fn.Trim(Ops.Regex(@"^(?:\s)+"), Ops.Regex(@"(?:\s)+$"), "  x y \t").AsString);
        Assert.Equal("role/<id>", Fn.ReplaceRegex("role/123", Ops.Regex("[0-9]+"), "<id>").AsString);
        Assert.Equal("r:1", Fn.ReplaceRegex("1:r", Ops.Regex("([0-9]):([a-z])"), @"\2:\1").AsString);
        Assert.Equal("$2:\\", Fn.ReplaceRegex("1:r", Ops.Regex("([0-9]):([a-z])"), @"$2:\\").AsString); // $ is literal, \\ a backslash
        Assert.Equal(3L, Fn.IndexOfRegex("abc/d", Ops.Regex("/?d")).AsLong);
        Assert.Equal(-1L, Fn.IndexOfRegex("abc", Ops.Regex("z")).AsLong);
        Assert.Equal("admin", Fn.Extract(Ops.Regex("role/([^/]+)"), 1L, "arn:aws:iam::1:role/admin").AsString);
        Assert.Equal("", Fn.Extract(Ops.Regex("role/([^/]+)"), 1L, "nothing").AsString);
        Assert.Equal("hi", Fn.Base64DecodeToString("aGk=").AsString);
        Assert.True(Fn.Base64DecodeToString("%%%").IsNull);
        Assert.Equal("a b/c", Fn.UrlDecode("a%20b%2Fc").AsString);
        Assert.Equal("a,b", Fn.StrcatArray(Value.Array(["a", "b"]), ",").AsString);
        Assert.Equal(2L, Fn.IndexOf("abcabc", "c", 1L).AsLong);
        Assert.Equal(5L, Fn.IndexOf("abcabc", "c", 3L).AsLong);
    }

    [Fact]
    public void DateFunctions()
    {
        var late = Value.DateTime(new DateTime(2024, 5, 26, 0, 0, 1, DateTimeKind.Utc));
        var early = Value.DateTime(new DateTime(2024, 5, 25, 23, 59, 59, DateTimeKind.Utc));
        Assert.Equal(1L, Fn.DatetimeDiff("day", late, early).AsLong);
        Assert.Equal(0L, Fn.DatetimeDiff("minute", early, early).AsLong);
        Assert.Equal(1L, Fn.DatetimeDiff("minute", late, early).AsLong);
        Assert.Equal(-1L, Fn.DatetimeDiff("day", early, late).AsLong);
        Assert.True(Fn.DatetimeDiff("fortnight", late, early).IsNull);
        Assert.Equal("2024-05-26 00:00", Fn.FormatDatetime(late, "yyyy-MM-dd HH:mm").AsString);
    }

    [Fact]
    public void BagPackMakesAnObject()
    {
        var bag = Fn.BagPack("user", "bob", "n", 2L, "user", "alice");
        Assert.Equal(ValueKind.Object, bag.Kind);
        Assert.Equal("""{"user":"alice","n":2}""", bag.ToText());
    }
}
