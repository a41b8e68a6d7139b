namespace OpenIta.Web.Features.Demo;

/// <summary>Fills an empty database with the demo data and prints the demo users' passwords (demo mode only).</summary>
public static class DemoStartup
{
    public static Task EnsureDemoAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Logger.LogWarning("Demo data is not written yet.");
        return Task.CompletedTask;
    }
}
