using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the engine from configuration: SQLite (a file) by default, PostgreSQL for teams.</summary>
public static class DatabaseEngines
{
    /// <summary>Configures <paramref name="options"/> for the engine and its connection string.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseEngine engine, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return engine switch
        {
            DatabaseEngine.Postgres => options.UseNpgsql(connectionString),
            _ => options.UseSqlite(connectionString),
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

    public static OpenItaDb Create(DatabaseEngine engine, string connectionString)
    {
        var options = new DbContextOptionsBuilder<OpenItaDb>();
        options.Use(engine, connectionString);
        return new OpenItaDb(options.Options);
    }
}
