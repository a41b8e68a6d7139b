using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenIta.Data;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the engine from configuration: SQLite (a file) by default, PostgreSQL for teams.</summary>
public static class DatabaseEngines
{
    /// <summary>
    /// Configures <paramref name="options"/> for the engine and its connection string. A list in a query
    /// (<c>ids.Contains(x)</c>) is sent as one parameter (a JSON array on SQLite, an array on PostgreSQL), not as one
    /// parameter per item, EF Core 10's default: that default fails past SQLite's 32,766 variables ("too many SQL
    /// variables") and makes a new query plan for every list length.
    /// </summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseEngine engine, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return engine switch
        {
            DatabaseEngine.Postgres => options.UseNpgsql(connectionString,
                npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
            // A migration that rebuilds a SQLite table (to add a foreign key) turns the connection's foreign-key checks
            // off around its transaction, which EF reports as a warning at every new database's first start. The pragma
            // belongs to the connection, not the file: a process that dies there leaves nothing half-done, so the
            // warning is logged at Debug.
            _ => options.UseSqlite(connectionString,
                    sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)))
                .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, Surveys.OtpSqliteTables>(),
        };
    }

    public static DatabaseEngine Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseEngine.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseEngine.Postgres,
        _ => throw new ArgumentException($"Database:Engine '{name}' is not sqlite or postgres.", nameof(name)),
    };

    public static DatabaseEngine Of(OpenItaDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseEngine.Postgres,
            _ => DatabaseEngine.Sqlite,
        };
    }

    /// <summary>A context of the engine's own type (each engine has its own migrations), outside dependency injection.</summary>
    /// <param name="configure">More options (an interceptor, say), after the engine's.</param>
    public static OpenItaDb Create(DatabaseEngine engine, string connectionString, Action<DbContextOptionsBuilder>? configure = null) => engine switch
    {
        DatabaseEngine.Postgres => new PostgresOpenItaDb(Options<PostgresOpenItaDb>(engine, connectionString, configure)),
        _ => new SqliteOpenItaDb(Options<SqliteOpenItaDb>(engine, connectionString, configure)),
    };

    internal static DbContextOptions<T> Options<T>(DatabaseEngine engine, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
        where T : OpenItaDb
    {
        var options = new DbContextOptionsBuilder<T>();
        options.Use(engine, connectionString);
        configure?.Invoke(options);
        return options.Options;
    }

    /// <summary>Registers <see cref="OpenItaDb"/> (scoped) as the engine's own context type.</summary>
    public static IServiceCollection AddOpenItaDb(this IServiceCollection services, DatabaseEngine engine, string connectionString) => engine switch
    {
        DatabaseEngine.Postgres => services.AddDbContext<OpenItaDb, PostgresOpenItaDb>(options => options.Use(engine, connectionString)),
        _ => services.AddDbContext<OpenItaDb, SqliteOpenItaDb>(options => options.Use(engine, connectionString)),
    };
}
