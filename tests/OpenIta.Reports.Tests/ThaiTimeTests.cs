using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

/// <summary>Thailand's clock (issue 8): an instant becomes a date or a time in Asia/Bangkok, whatever the server's zone.</summary>
public sealed class ThaiTimeTests
{
    [Fact]
    public void Today_is_Bangkok_s_date_when_UTC_is_still_the_day_before()
    {
        Assert.Equal(new DateOnly(2026, 12, 3), ThaiTime.Today(new FixedClock(FixedClock.BangkokAfterMidnight)));
        Assert.Equal("3 ธันวาคม 2569", ThaiDates.Full(ThaiTime.Today(new FixedClock(FixedClock.BangkokAfterMidnight))));
    }

    [Theory]
    [InlineData("2026-12-02T16:59:59Z", "2026-12-02", "23:59")]
    [InlineData("2026-12-02T17:00:00Z", "2026-12-03", "00:00")]
    [InlineData("2026-06-30T23:59:00Z", "2026-07-01", "06:59")]
    public void An_instant_is_read_on_UTC_plus_7_all_year(string instant, string date, string time)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), ThaiTime.DateOf(at));
        Assert.Equal(time, ThaiTime.AtUnixMilliseconds(at.ToUnixTimeMilliseconds()).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(7), ThaiTime.At(at).Offset);
    }

    [Fact]
    public void The_zone_is_tzdata_s_Asia_Bangkok()
    {
        Assert.Equal("Asia/Bangkok", ThaiTime.Zone.Id);
        Assert.Equal(TimeSpan.FromHours(7), ThaiTime.Zone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(7), ThaiTime.Zone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero)));
    }
}
