using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIta.Data;
using OpenIta.Data.Users;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// <c>Authorization: Bearer oita_…</c> for the REST API (<c>/api/…</c>) only: on the HTML pages and their forms a token
/// is not a sign-in. Tokens are random, shown once when made, and stored only as a SHA-256 hash; an expired token, or
/// one whose user an administrator disabled, is refused. Its last use is written at most once a minute
/// (<see cref="LastUseResolution"/>), with one conditional UPDATE, so that a stream of API calls does not queue writes
/// behind an import.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    OpenItaDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string Prefix = "oita_";

    /// <summary>How stale <see cref="ApiToken.LastUsedAtUnixMs"/> may be: it is written at most this often.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LastUseWriteTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The paths a token signs in to: the REST API.</summary>
    public static bool AppliesTo(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) &&
               request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Makes a token for a user; returns the token (to show once) and stores its hash.</summary>
    public static async Task<string> IssueAsync(OpenItaDb db, TimeProvider clock, string userId, string name,
        TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = Hash(token),
            CreatedAtUnixMs = now.ToUnixTimeMilliseconds(),
            ExpiresAtUnixMs = lifetime is { } l ? (now + l).ToUnixTimeMilliseconds() : null,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AppliesTo(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var header = Request.Headers.Authorization.ToString();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not an OpenITA API token.");
        }
        var hash = Hash(token);
        var found = await db.ApiTokens.AsNoTracking().Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // LockoutEnd is set only by an administrator (failed sign-ins never lock an account: SignInLimits).
        if (found?.User is null || found.ExpiresAtUnixMs <= now || found.User.LockoutEnd > clock.GetUtcNow())
        {
            SecurityLog.ApiTokenRefused(Logger, found is null ? "unknown" : found.User is null ? "no user" : found.ExpiresAtUnixMs <= now ? $"token {found.Id} expired" : $"token {found.Id}: user disabled");
            return AuthenticateResult.Fail("The API token is unknown, expired or its user is disabled.");
        }
        var staleBefore = now - (long)LastUseResolution.TotalMilliseconds;
        if (found.LastUsedAtUnixMs is not { } lastUsed || lastUsed <= staleBefore)
        {
            // Conditional: of several instances (or requests) seeing the same stale value, one writes. It is bookkeeping:
            // should the database be busy (SQLite during an import) for more than a second, the call goes on and a later
            // one writes it.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(LastUseWriteTimeout);
            try
            {
                var written = await db.ApiTokens
                    .Where(t => t.Id == found.Id && (t.LastUsedAtUnixMs == null || t.LastUsedAtUnixMs <= staleBefore))
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAtUnixMs, now), Context.RequestAborted);
                if (written > 0)
                {
                    SecurityLog.ApiTokenUsed(Logger, found.Id, found.UserId);
                }
            }
            catch (System.Data.Common.DbException e)
            {
                SecurityLog.ApiTokenLastUseNotWritten(Logger, found.Id, e.GetType().Name);
            }
            finally
            {
                db.Database.SetCommandTimeout(timeout);
            }
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.UserId), new Claim(ClaimTypes.Name, found.User.UserName ?? found.UserId)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750), for the endpoints that take only a token.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
