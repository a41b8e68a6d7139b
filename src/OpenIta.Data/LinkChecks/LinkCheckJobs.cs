using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.LinkChecks;

/// <summary>
/// The link checker's queue, shared by every instance on one database. A claim is one conditional UPDATE (the same on
/// SQLite and PostgreSQL): it moves a job to running only if the row still has the version the claimer read and is
/// still queued, or running under a lease that has run out; of two instances that read the same job, one UPDATE
/// matches the row and the other matches none. The claimer then owns the job through its claim token: it renews the
/// lease, reports progress and finishes only while the row still carries that token.
/// </summary>
public static class LinkCheckJobs
{
    /// <summary>How many jobs one claim looks at before giving up (others may be claiming the same ones).</summary>
    private const int Candidates = 8;

    /// <summary>Queues a check of the agency's OIT URLs of <paramref name="fiscalYear"/>; a check already queued for
    /// them is returned instead of a second one.</summary>
    public static async Task<LinkCheckJob> EnqueueAsync(OpenItaDb db, int agencyId, int fiscalYear, string reason, string? requestedBy,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var waiting = await db.LinkCheckJobs.AsNoTracking()
            .Where(j => j.AgencyId == agencyId && j.FiscalYear == fiscalYear && j.Status == LinkCheckJobStatus.Queued)
            .OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        if (waiting is not null)
        {
            return waiting;
        }
        var job = new LinkCheckJob
        {
            AgencyId = agencyId,
            FiscalYear = fiscalYear,
            Reason = reason,
            RequestedBy = requestedBy,
            RequestedAtUnixMs = now.ToUnixTimeMilliseconds(),
            Status = LinkCheckJobStatus.Queued,
        };
        db.LinkCheckJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(job).State = EntityState.Detached;
        return job;
    }

    /// <summary>Takes the oldest job that is queued, or running under a lease that ran out; null when there is none (or
    /// other instances took every candidate first).</summary>
    public static async Task<LinkCheckJob?> ClaimAsync(OpenItaDb db, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nowMs = now.ToUnixTimeMilliseconds();
        var candidates = await db.LinkCheckJobs.AsNoTracking()
            .Where(j => j.Status == LinkCheckJobStatus.Queued || (j.Status == LinkCheckJobStatus.Running && j.LeaseUntilUnixMs < nowMs))
            .OrderBy(j => j.Id).Take(Candidates)
            .Select(j => new { j.Id, j.Version })
            .ToListAsync(cancellationToken);
        var until = nowMs + (long)lease.TotalMilliseconds;
        foreach (var candidate in candidates)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var claimed = await db.LinkCheckJobs
                .Where(j => j.Id == candidate.Id && j.Version == candidate.Version &&
                    (j.Status == LinkCheckJobStatus.Queued || (j.Status == LinkCheckJobStatus.Running && j.LeaseUntilUnixMs < nowMs)))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, LinkCheckJobStatus.Running)
                    .SetProperty(j => j.ClaimToken, token)
                    .SetProperty(j => j.LeaseUntilUnixMs, until)
                    .SetProperty(j => j.StartedAtUnixMs, nowMs)
                    .SetProperty(j => j.Checked, 0)
                    .SetProperty(j => j.Broken, 0)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
            if (claimed == 1)
            {
                return await db.LinkCheckJobs.AsNoTracking().SingleAsync(j => j.Id == candidate.Id, cancellationToken);
            }
        }
        return null;
    }

    /// <summary>Extends the claim and records progress; false when the claim is no longer this one's (taken over).</summary>
    public static async Task<bool> RenewAsync(OpenItaDb db, LinkCheckJob job, DateTimeOffset now, TimeSpan lease, int total, int checkedSoFar,
        int broken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        var until = now.ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
        return await Mine(db, job).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.LeaseUntilUnixMs, until)
            .SetProperty(j => j.Total, total)
            .SetProperty(j => j.Checked, checkedSoFar)
            .SetProperty(j => j.Broken, broken)
            .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
    }

    /// <summary>Marks the job done (with the reason when it failed); false when the claim is no longer this one's.</summary>
    public static async Task<bool> FinishAsync(OpenItaDb db, LinkCheckJob job, DateTimeOffset now, int total, int checkedSoFar, int broken,
        string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        var nowMs = now.ToUnixTimeMilliseconds();
        var shortError = error is { Length: > 400 } ? error[..400] : error;
        return await Mine(db, job).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, LinkCheckJobStatus.Done)
            .SetProperty(j => j.FinishedAtUnixMs, nowMs)
            .SetProperty(j => j.LeaseUntilUnixMs, (long?)null)
            .SetProperty(j => j.Total, total)
            .SetProperty(j => j.Checked, checkedSoFar)
            .SetProperty(j => j.Broken, broken)
            .SetProperty(j => j.Error, shortError)
            .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
    }

    private static IQueryable<LinkCheckJob> Mine(OpenItaDb db, LinkCheckJob job) =>
        db.LinkCheckJobs.Where(j => j.Id == job.Id && j.Status == LinkCheckJobStatus.Running && j.ClaimToken == job.ClaimToken);
}
