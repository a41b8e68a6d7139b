using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The real client address behind a reverse proxy. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
/// only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), as a list or one comma-separated value. With neither set, no
/// forwarded header is believed (not even from loopback, unlike ASP.NET Core's default): the connecting address is
/// the client. The sign-in limits are keyed by the address this yields.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddOpenItaForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, "ForwardedHeaders:KnownProxies")
            .Select(v => IPAddress.TryParse(v, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{v}' is not an IP address."))
            .ToList();
        var networks = Values(configuration, "ForwardedHeaders:KnownNetworks")
            .Select(v => System.Net.IPNetwork.TryParse(v, out var network)
                ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{v}' is not a network such as 10.0.0.0/8."))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
            // Walk back through the chain while each hop is a known proxy; the first address that is not one is the client.
            options.ForwardLimit = null;
        });
        return services;
    }

    private static List<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        values.Add(section.Value);
        return [.. values
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
