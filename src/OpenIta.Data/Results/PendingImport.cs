using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Results;

/// <summary>
/// An uploaded results file waiting for its uploader to confirm the import, in the database so that any instance
/// can confirm what another one previewed. The file itself is kept (at most <c>Sheets.MaxFileBytes</c>) and read
/// again on confirmation, so that every check — permissions, agencies, scoring — runs again on what is saved.
/// </summary>
public sealed class PendingImport
{
    /// <summary>A random token (128 bits, hex): the confirmation names it.</summary>
    public required string Id { get; set; }

    /// <summary>The uploader (<c>AspNetUsers.Id</c>): only they may confirm.</summary>
    public required string UserId { get; set; }

    public required string FileName { get; set; }

    public required byte[] Content { get; set; }

    public long CreatedAtUnixMs { get; set; }

    /// <summary>After this, the upload can no longer be confirmed (and is deleted by the next upload).</summary>
    public long ExpiresAtUnixMs { get; set; }

    /// <summary>When it was confirmed and imported; set in the import's transaction, so a second confirmation finds it.</summary>
    public long? ConfirmedAtUnixMs { get; set; }
}

/// <summary>What a confirmation of a <see cref="PendingImport"/> finds.</summary>
public enum PendingImportState
{
    /// <summary>Claimed: import it now, in the same transaction.</summary>
    Claimed,
    Unknown,
    Expired,
    AlreadyConfirmed,
}

/// <summary>Keeps uploads waiting for confirmation, and claims one once, in the transaction that imports it.</summary>
public static class PendingImports
{
    /// <summary>How long an upload waits for its confirmation.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Keeps an upload of <paramref name="userId"/> and deletes every expired one.</summary>
    public static async Task<PendingImport> AddAsync(
        OpenItaDb db, string userId, string fileName, byte[] content, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.PendingImports.Where(p => p.ExpiresAtUnixMs < now).ExecuteDeleteAsync(cancellationToken);
        var pending = new PendingImport
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            FileName = fileName,
            Content = content,
            CreatedAtUnixMs = now,
            ExpiresAtUnixMs = now + (long)Lifetime.TotalMilliseconds,
        };
        db.PendingImports.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(pending).State = EntityState.Detached;
        return pending;
    }

    /// <summary>The upload <paramref name="id"/> of <paramref name="userId"/> (another user's is unknown to them).</summary>
    public static Task<PendingImport?> FindAsync(OpenItaDb db, string id, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PendingImports.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken);
    }

    /// <summary>
    /// Marks the upload confirmed if it is the user's, unexpired and not confirmed yet: one conditional UPDATE, so of
    /// two confirmations (on any instances) exactly one claims it. Call it inside the import's transaction: if the
    /// import fails, the claim is rolled back with it.
    /// </summary>
    public static async Task<PendingImportState> ClaimAsync(
        OpenItaDb db, string id, string userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claimed = await db.PendingImports
            .Where(p => p.Id == id && p.UserId == userId && p.ConfirmedAtUnixMs == null && p.ExpiresAtUnixMs >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ConfirmedAtUnixMs, now), cancellationToken);
        if (claimed == 1)
        {
            return PendingImportState.Claimed;
        }
        var found = await db.PendingImports.AsNoTracking().Where(p => p.Id == id && p.UserId == userId)
            .Select(p => new { p.ConfirmedAtUnixMs }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? PendingImportState.Unknown
            : found.ConfirmedAtUnixMs is not null ? PendingImportState.AlreadyConfirmed
            : PendingImportState.Expired;
    }
}
