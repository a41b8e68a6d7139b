namespace OpenIta.Web.Infrastructure;

/// <summary>What runs once at start-up after the schema is current: the demo data when <c>Demo:Enabled</c> is true.</summary>
public static class StartupTasks
{
    public static async Task RunStartupTasksAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await Features.Demo.DemoStartup.EnsureDemoAsync(app);
        }
    }
}
