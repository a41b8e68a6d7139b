namespace OpenIta.Data.LinkChecks;

/// <summary>The OIT URLs a job checks: every URL of every item of the agency's OIT of the year.</summary>
public static class LinkTargets
{
    public static Task<IReadOnlyList<LinkTarget>> ForAsync(OpenItaDb db, int agencyId, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The OIT model (branch oit) is merged next; until then there is nothing to check.
        _ = (agencyId, fiscalYear, cancellationToken);
        return Task.FromResult<IReadOnlyList<LinkTarget>>([]);
    }
}
