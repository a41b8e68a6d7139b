namespace OpenIta.Reports.Thai;

/// <summary>
/// Thailand's clock: the one place an instant becomes a date or a time someone reads. Pages, documents and the CLI ask
/// here for "today" and for shown times, so a page or a document made between 00:00 and 06:59 in Bangkok carries
/// Bangkok's date, not the server's (UTC on most servers: still yesterday).
/// </summary>
public static class ThaiTime
{
    /// <summary>Asia/Bangkok. Thailand has kept UTC+7 without daylight saving since 1920, but the zone is asked for by
    /// name so that the rule lives in tzdata; when the zone is missing (a container without tzdata or ICU), a fixed
    /// UTC+7 is the same clock.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The instant on Thailand's clock: 2026-12-02T18:30Z → 2026-12-03T01:30+07:00.</summary>
    public static DateTimeOffset At(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A stored Unix-milliseconds time on Thailand's clock.</summary>
    public static DateTimeOffset AtUnixMilliseconds(long unixMilliseconds) =>
        At(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));

    /// <summary>The date in Thailand at the instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(At(instant).DateTime);

    /// <summary>Today in Thailand, by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // No tzdata (Debian's tzdata package provides /usr/share/zoneinfo): Thailand's clock is UTC+7 all year.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
    }
}
