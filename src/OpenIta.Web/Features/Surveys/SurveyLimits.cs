using System.Net;
using Microsoft.Extensions.Options;
using OpenIta.Data;
using OpenIta.Data.Security;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys;

/// <summary>Settings of the public survey endpoints' limits (<c>Surveys:Limits</c>).</summary>
public sealed class SurveyLimitOptions
{
    public const string Section = "Surveys:Limits";

    /// <summary>Questionnaire reads one client address may make in a minute (counted across every instance).</summary>
    public int ReadsPerAddressPerMinute { get; set; } = 300;

    /// <summary>
    /// Responses one client address may send in a minute. Generous: a whole office answers from behind one address
    /// (NAT), so this stops a script, not a busy office.
    /// </summary>
    public int ResponsesPerAddressPerMinute { get; set; } = 120;
}

/// <summary>
/// Per-address limits of the public survey endpoints, counted in the database (<see cref="SecurityCounters"/>) so that
/// every instance shares them; the key is an HMAC of the address (<see cref="CounterKeys"/>), never the address.
/// </summary>
public sealed class SurveyLimits(OpenItaDb db, CounterKeys keys, TimeProvider clock, IOptions<SurveyLimitOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Null when the request may go on; else how long the client must wait.</summary>
    public Task<TimeSpan?> ReadAsync(IPAddress? client, CancellationToken cancellationToken) =>
        HitAsync("survey-read", client, options.Value.ReadsPerAddressPerMinute, cancellationToken);

    public Task<TimeSpan?> RespondAsync(IPAddress? client, CancellationToken cancellationToken) =>
        HitAsync("survey-post", client, options.Value.ResponsesPerAddressPerMinute, cancellationToken);

    private async Task<TimeSpan?> HitAsync(string purpose, IPAddress? client, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var state = await SecurityCounters.HitAsync(db, keys.For(purpose, client?.ToString() ?? "unknown"), Window, now, cancellationToken);
        return state.Count > limit ? state.WindowStart + Window - now : null;
    }
}
