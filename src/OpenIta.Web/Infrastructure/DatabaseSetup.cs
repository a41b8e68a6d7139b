using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Migrations;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The database: SQLite by default (a file under <c>data/</c>), PostgreSQL when <c>Database:Engine</c> is
/// <c>postgres</c>; the connection string comes from <c>ConnectionStrings:OpenIta</c> (or the environment variable
/// <c>ConnectionStrings__OpenIta</c>), never from the code.
/// </summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddOpenItaDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var engine = DatabaseEngines.Parse(configuration["Database:Engine"]);
        var connectionString = configuration.GetConnectionString("OpenIta");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (engine == DatabaseEngine.Postgres)
            {
                throw new InvalidOperationException("Database:Engine is postgres: set ConnectionStrings:OpenIta (for example the environment variable ConnectionStrings__OpenIta).");
            }
            var path = Path.GetFullPath(configuration["Database:Path"] ?? Path.Combine("data", "openita.db"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connectionString = $"Data Source={path}";
        }
        services.AddOpenItaDb(engine, connectionString);
        return services;
    }

    /// <summary>
    /// Takes the <see cref="InstanceLock"/> <paramref name="step"/> for one start-up step, logging how long another
    /// instance made this one wait.
    /// </summary>
    public static async Task<IAsyncDisposable> UnderInstanceLockAsync(WebApplication app, OpenItaDb db, string step)
    {
        ArgumentNullException.ThrowIfNull(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        var held = await InstanceLock.AcquireAsync(db, step, app.Lifetime.ApplicationStopping);
        SecurityLog.StartupLockWaited(app.Logger, step, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        return held;
    }

    /// <summary>Brings the database to the current schema before the first request.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        // Instances starting together on one database: SchemaMigrator migrates under a lock, the others find nothing to do.
        var ran = await SchemaMigrator.MigrateAsync(db, app.Lifetime.ApplicationStopping);
        if (ran.Count > 0)
        {
            var migrations = string.Join(", ", ran);
            app.Logger.LogInformation("Database schema upgraded: {Migrations}", migrations);
        }
    }
}
