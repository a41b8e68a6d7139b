using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIta.Data.LinkChecks;
using OpenIta.Data.Oit;

namespace OpenIta.Web.Features.LinkChecks;

public static class LinkCheckServices
{
    /// <summary>The link checker: its settings (<c>Oit:LinkCheck</c>), the snapshot store (a folder, relative to the
    /// content root), one fetcher for the process, the runner and the background service that runs the queue.</summary>
    public static IServiceCollection AddLinkChecks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(LinkCheckOptions.Section).Get<LinkCheckOptions>() ?? new LinkCheckOptions();
        services.AddSingleton(options);
        services.AddSingleton(new SnapshotStore(Path.Combine(environment.ContentRootPath, options.SnapshotStore)));
        services.AddSingleton<LinkFetcher>();
        services.AddSingleton<LinkCheckRunner>();
        services.AddHostedService<LinkCheckService>();
        // The OIT shows the newest check of each link and binds a score to the checks its assessor saw.
        services.Replace(ServiceDescriptor.Scoped<IOitUrlChecks, LinkCheckUrlChecks>());
        return services;
    }
}
