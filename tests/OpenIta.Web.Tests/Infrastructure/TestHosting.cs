using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OpenIta.Web.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (the app reads every "now" from the injected TimeProvider).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>What <see cref="TestApp.StartAsync"/> can add to the real app for a test.</summary>
public static class TestHosting
{
    /// <summary>The header that sets the TCP peer's address (the in-memory test server has none).</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>A path that throws, as a bug would, behind every middleware of the app (error pages are tested on it).</summary>
    public const string ThrowingPath = "/test/throws";

    public static Action<IWebHostBuilder> With(ManualClock? clock = null, IReadOnlyDictionary<string, string>? settings = null) => builder =>
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }
            services.AddSingleton<IStartupFilter, TestPipeline>();
        });
    };

    private sealed class TestPipeline : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Before the app: the connecting address, as a socket would give it.
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[PeerHeader].ToString() is { Length: > 0 } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }
                return nextMiddleware(context);
            });
            next(app);
            // After the app's own pipeline (a path no endpoint matched): a failure inside every middleware of the app.
            app.Use((context, nextMiddleware) => context.Request.Path == ThrowingPath
                ? throw new InvalidOperationException("A failure for the test of error responses.")
                : nextMiddleware(context));
        };
    }
}
