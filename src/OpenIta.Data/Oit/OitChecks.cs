namespace OpenIta.Data.Oit;

/// <summary>
/// What the link checker saw of one link (issue 13, item 2): the API's <c>check</c> object. <see cref="CheckId"/> is the
/// check (and snapshot) a score is bound to.
/// </summary>
/// <param name="Status">The HTTP status, or null when the fetch failed (refused, timed out, too large).</param>
public sealed record OitUrlCheck(long CheckId, int? Status, string? Sha256, string? ContentType, long? Size, long CheckedAtUnixMs);

/// <summary>
/// The newest check of each link, by <see cref="OitUrlRow.Id"/>. The link checker registers its own; until then
/// <see cref="NoOitUrlChecks"/> answers that no link was checked, and every <c>check</c> is null.
/// </summary>
public interface IOitUrlChecks
{
    Task<IReadOnlyDictionary<long, OitUrlCheck>> LatestAsync(IReadOnlyCollection<long> urlIds, CancellationToken cancellationToken);
}

/// <summary>No link checker: no link has a check.</summary>
public sealed class NoOitUrlChecks : IOitUrlChecks
{
    public Task<IReadOnlyDictionary<long, OitUrlCheck>> LatestAsync(IReadOnlyCollection<long> urlIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<long, OitUrlCheck>>(new Dictionary<long, OitUrlCheck>());
}

/// <summary>The clarification window of each year from the configuration (<c>Oit:Clarification:{year}:Opens</c> and
/// <c>:Closes</c>, ISO dates, Thai calendar days, both included); a group overrides it with an <see cref="OitWindowRow"/>.</summary>
public sealed class OitWindowDefaults
{
    public Dictionary<int, OitWindow> Years { get; } = [];
}

/// <summary>A clarification window: both days included, Thai calendar days.</summary>
public sealed record OitWindow(DateOnly OpensOn, DateOnly ClosesOn)
{
    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;

    public bool HasOpenedBy(DateOnly day) => day >= OpensOn;
}
