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
    public async Task<TimeSpan?> ReadAsync(IPAddress? client, CancellationToken cancellationToken)
    {
        var limit = For("survey-read", client, options.Value.ReadsPerAddressPerMinute);
        var now = clock.GetUtcNow();
        return limit.RetryAfter(await SecurityCounters.HitAsync(db, limit.Key, limit.Window, now, cancellationToken), now);
    }

    /// <summary>The responses' limit of this client address: counted in the response's own transaction
    /// (<see cref="OpenIta.Data.Surveys.SurveyResponses.SubmitAsync"/>), so that a response costs one commit.</summary>
    public CounterLimit Responses(IPAddress? client) => For("survey-post", client, options.Value.ResponsesPerAddressPerMinute);

    private CounterLimit For(string purpose, IPAddress? client, int perWindow) =>
        new(keys.For(purpose, client?.ToString() ?? "unknown"), Window, perWindow);
}
