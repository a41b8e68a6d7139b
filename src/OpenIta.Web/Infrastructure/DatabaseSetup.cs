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

    /// <summary>Brings the database to the current schema before the first request.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var ran = await SchemaMigrator.MigrateAsync(db);
        if (ran.Count > 0)
        {
            var migrations = string.Join(", ", ran);
            app.Logger.LogInformation("Database schema upgraded: {Migrations}", migrations);
        }
    }
}
