using OpenIta.Data;
using OpenIta.Data.Results;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// What runs once at start-up after the schema is current: the demo data when <c>Demo:Enabled</c> is true; the levels
/// stored before the honest-ratings rule that the rule now leaves open are taken back (<see cref="StoredRatings"/>;
/// once per database, marked in <see cref="StartupSteps"/>, so nobody has to remember <c>openita rescore</c>); then fresh planner statistics
/// (<see cref="DatabaseStatistics"/>), so that a group's views start from the group on a database that was filled
/// while the application was stopped (the CLI, a restore).
/// </summary>
public static class StartupTasks
{
    /// <summary>The mark of the honest-ratings correction: it runs once per database (every later write follows the rule).</summary>
    public const string ClearUndecidedRatings = "ratings.clear-undecided.1";

    public static async Task RunStartupTasksAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await Features.Demo.DemoStartup.EnsureDemoAsync(app);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await using (await DatabaseSetup.UnderInstanceLockAsync(app, db, "ratings"))
        {
            await StartupSteps.RunOnceAsync(db, ClearUndecidedRatings, async cancellationToken =>
            {
                var cleared = await StoredRatings.ClearUndecidedAsync(db, scope.ServiceProvider.GetRequiredService<Core.Methodology.FrameworkCatalog>(),
                    cancellationToken);
                if (cleared > 0)
                {
                    app.Logger.LogInformation(
                        "{Count} stored result(s) had a rating level that their scores leave open under the current rule; the level was taken off (their pages show the possible levels)",
                        cleared);
                }
            }, scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping);
        }
        await DatabaseStatistics.RefreshAsync(db);
    }
}
