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
            _ => options.UseSqlite(connectionString,
                sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
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
