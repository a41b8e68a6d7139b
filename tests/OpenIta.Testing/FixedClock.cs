namespace OpenIta.Testing;

/// <summary>A clock stopped at one instant, for tests of what "now" decides (the date a document carries).
/// Its local zone is the machine's, as <see cref="TimeProvider.System"/>'s is: code must not rely on it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>2026-12-02T18:30Z: 01:30 on 3 December 2026 (BE 2569) in Bangkok, still 2 December in UTC.</summary>
    public static readonly DateTimeOffset BangkokAfterMidnight = new(2026, 12, 2, 18, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
