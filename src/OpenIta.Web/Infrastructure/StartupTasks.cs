using OpenIta.Data;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// What runs once at start-up after the schema is current: the demo data when <c>Demo:Enabled</c> is true, then fresh
/// planner statistics (<see cref="DatabaseStatistics"/>), so that a group's views start from the group on a database
/// that was filled while the application was stopped (the CLI, a restore).
/// </summary>
public static class StartupTasks
{
    public static async Task RunStartupTasksAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await Features.Demo.DemoStartup.EnsureDemoAsync(app);
        }
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<OpenItaDb>());
    }
}
