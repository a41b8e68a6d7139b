using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Surveys;

/// <summary>What a try of a code came to.</summary>
public enum OtpTry
{
    /// <summary>No live code for this phone and link: never sent, expired, or already used.</summary>
    NoCode,

    /// <summary>The code was tried <see cref="OtpStore.MaxTries"/> times: it is dead, whatever is sent now.</summary>
    Dead,

    Wrong,

    /// <summary>The code is right and is now used up (no second caller gets it).</summary>
    Right,
}

/// <summary>
/// The OTP tables' statements, each one atomic on both engines, so that any number of instances on one database keep
/// the limits exactly: a try is counted (<c>UPDATE … WHERE "Attempts" &lt; max RETURNING</c>) before the code is
/// compared, and a right code is taken by a conditional <c>DELETE</c> that only one caller can win.
/// </summary>
public static class OtpStore
{
    /// <summary>A code may be tried at most this many times (issue 12, item 4).</summary>
    public const int MaxTries = 5;

    /// <summary>How long a code lives.</summary>
    public static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(5);

    /// <summary>Stores a new code for a phone and link, replacing an earlier one (and its tries).</summary>
    public static Task PutCodeAsync(OpenItaDb db, string challengeKey, string codeHash, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expiresMs = expires.ToUnixTimeMilliseconds();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO survey_otp_challenges ("Key", "CodeHash", "ExpiresAtUnixMs", "Attempts")
            VALUES ({challengeKey}, {codeHash}, {expiresMs}, 0)
            ON CONFLICT ("Key") DO UPDATE SET "CodeHash" = {codeHash}, "ExpiresAtUnixMs" = {expiresMs}, "Attempts" = 0
            """, cancellationToken);
    }

    /// <summary>Counts one try of the code whose hash is <paramref name="codeHash"/>, then compares.</summary>
    public static async Task<OtpTry> TryAsync(OpenItaDb db, string challengeKey, string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nowMs = now.ToUnixTimeMilliseconds();
        var counted = await db.Database.SqlQuery<CountedTry>($"""
            UPDATE survey_otp_challenges SET "Attempts" = "Attempts" + 1
            WHERE "Key" = {challengeKey} AND "ExpiresAtUnixMs" > {nowMs} AND "Attempts" < {MaxTries}
            RETURNING "CodeHash", "Attempts"
            """).ToListAsync(cancellationToken);
        if (counted.Count == 0)
        {
            var live = await db.Set<OtpChallenge>().AsNoTracking()
                .AnyAsync(c => c.Key == challengeKey && c.ExpiresAtUnixMs > nowMs, cancellationToken);
            return live ? OtpTry.Dead : OtpTry.NoCode;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(counted[0].CodeHash), Encoding.ASCII.GetBytes(codeHash)))
        {
            return OtpTry.Wrong;
        }
        var taken = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""DELETE FROM survey_otp_challenges WHERE "Key" = {challengeKey} AND "CodeHash" = {codeHash}""", cancellationToken);
        return taken == 1 ? OtpTry.Right : OtpTry.NoCode;
    }

    /// <summary>Tries left after a wrong one (for the message).</summary>
    public static async Task<int> TriesLeftAsync(OpenItaDb db, string challengeKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var attempts = await db.Set<OtpChallenge>().AsNoTracking().Where(c => c.Key == challengeKey)
            .Select(c => (int?)c.Attempts).SingleOrDefaultAsync(cancellationToken);
        return Math.Max(0, MaxTries - (attempts ?? MaxTries));
    }

    /// <summary>A new ticket for a verified phone: returns the ticket (given once to the respondent; only its hash is kept).</summary>
    public static async Task<string> IssueTicketAsync(OpenItaDb db, string linkToken, int agencyId, int fiscalYear, string phoneKey,
        DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ticket = "t_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.Set<OtpTicket>().Add(new OtpTicket
        {
            Hash = TicketHash(ticket), LinkToken = linkToken, AgencyId = agencyId, FiscalYear = fiscalYear, PhoneKey = phoneKey,
            ExpiresAtUnixMs = expires.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return ticket;
    }

    /// <summary>Whether the phone (by its key) has answered EIT part 1 of the agency in the year.</summary>
    public static Task<bool> AnsweredAsync(OpenItaDb db, int agencyId, int fiscalYear, string phoneKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<SurveyPhoneKey>().AsNoTracking()
            .AnyAsync(p => p.AgencyId == agencyId && p.FiscalYear == fiscalYear && p.PhoneKey == phoneKey, cancellationToken);
    }

    /// <summary>
    /// Uses up a live ticket of the link, agency and year and records that its phone answered; false when there is no
    /// such ticket (unknown, expired, used, or of another link). Throws the unique key's refusal when the phone has
    /// answered already (<see cref="UniqueViolation"/>). Run it in the transaction that stores the response: a rollback
    /// gives the ticket back.
    /// </summary>
    public static async Task<bool> RedeemAsync(OpenItaDb db, string linkToken, int agencyId, int fiscalYear, string ticket,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 100)
        {
            return false;
        }
        var hash = TicketHash(ticket);
        var nowMs = now.ToUnixTimeMilliseconds();
        var phoneKeys = await db.Database.SqlQuery<string>($"""
            DELETE FROM survey_otp_tickets
            WHERE "Hash" = {hash} AND "LinkToken" = {linkToken} AND "AgencyId" = {agencyId} AND "FiscalYear" = {fiscalYear}
              AND "ExpiresAtUnixMs" > {nowMs}
            RETURNING "PhoneKey" AS "Value"
            """).ToListAsync(cancellationToken);
        if (phoneKeys.Count == 0)
        {
            return false;
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO survey_phone_keys ("AgencyId", "FiscalYear", "PhoneKey") VALUES ({agencyId}, {fiscalYear}, {phoneKeys[0]})
            """, cancellationToken);
        return true;
    }

    /// <summary>Deletes codes and tickets that expired before <paramref name="before"/>.</summary>
    public static async Task<int> SweepAsync(OpenItaDb db, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var beforeMs = before.ToUnixTimeMilliseconds();
        return await db.Set<OtpChallenge>().Where(c => c.ExpiresAtUnixMs < beforeMs).ExecuteDeleteAsync(cancellationToken)
            + await db.Set<OtpTicket>().Where(t => t.ExpiresAtUnixMs < beforeMs).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>SHA-256 of a ticket (256 random bits: a plain hash is enough, as for API tokens).</summary>
    public static string TicketHash(string ticket) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));

    private sealed class CountedTry
    {
        public string CodeHash { get; set; } = "";
        public int Attempts { get; set; }
    }
}
