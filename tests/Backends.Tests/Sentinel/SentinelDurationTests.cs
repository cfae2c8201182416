using System.Xml;
using CsCheck;
using RuleCompiler.Backends.Sentinel;
using RuleCompiler.Compiler.Model;
using Xunit;

namespace RuleCompiler.Backends.Tests.Sentinel;

public class SentinelDurationTests
{
    [Theory]
    [InlineData(0, "PT0S", "0m")]
    [InlineData(5, "PT5M", "5m")]
    [InlineData(60, "PT1H", "1h")]
    [InlineData(70, "PT1H10M", "70m")]
    [InlineData(90, "PT1H30M", "90m")]
    [InlineData(24 * 60, "P1D", "1d")]
    [InlineData(25 * 60, "P1DT1H", "25h")]
    [InlineData(24 * 60 + 1, "P1DT1M", "1441m")]
    [InlineData(14 * 24 * 60, "P14D", "14d")]
    public void WholeMinutesHaveOneIsoAndOneShortSpelling(int minutes, string iso, string shortForm)
    {
        var duration = TimeSpan.FromMinutes(minutes);
        Assert.Equal(iso, SentinelDuration.Iso8601(duration));
        Assert.Equal(shortForm, SentinelDuration.Short(duration));
    }

    [Fact]
    public void SecondsAndFractionsAreIsoOnly()
    {
        Assert.Equal("PT1M30S", SentinelDuration.Iso8601(TimeSpan.FromSeconds(90)));
        Assert.Equal("PT0.5S", SentinelDuration.Iso8601(TimeSpan.FromMilliseconds(500)));
        Assert.Null(SentinelDuration.Short(TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public void EveryIsoSpellingIsTheOneDotNetReadsBackAndWrites() =>
        Gen.Long[0, TimeSpan.FromDays(400).Ticks].Select(t => new TimeSpan(t)).Sample(duration =>
        {
            var iso = SentinelDuration.Iso8601(duration);
            Assert.Equal(duration, XmlConvert.ToTimeSpan(iso));
            Assert.Equal(XmlConvert.ToString(duration), iso);
        });

    [Fact]
    public void EveryShortSpellingReadsBackAsTheSameDuration() =>
        Gen.Int[0, 100 * 24 * 60].Select(m => TimeSpan.FromMinutes(m)).Sample(duration =>
        {
            Assert.True(DurationText.TryParse(SentinelDuration.Short(duration)!, out var back));
            Assert.Equal(duration, back);
        });
}
