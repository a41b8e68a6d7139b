using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpenIta.Data;

/// <summary>The model on SQLite. Its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteOpenItaDb(DbContextOptions<SqliteOpenItaDb> options) : OpenItaDb(options);

/// <summary>The model on PostgreSQL. Its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresOpenItaDb(DbContextOptions<PostgresOpenItaDb> options) : OpenItaDb(options)
{
    /// <summary>"C" compares bytes, whatever collation the database was created with (a Thai ICU one, say).</summary>
    protected override string? ByteOrderCollation => "C";
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteOpenItaDb</c>: no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOpenItaDb>
{
    public SqliteOpenItaDb CreateDbContext(string[] args) =>
        new(DatabaseEngines.Options<SqliteOpenItaDb>(DatabaseEngine.Sqlite, "Data Source=design-time.db"));
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresOpenItaDb</c>: no database is opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOpenItaDb>
{
    public PostgresOpenItaDb CreateDbContext(string[] args) =>
        new(DatabaseEngines.Options<PostgresOpenItaDb>(DatabaseEngine.Postgres, "Host=127.0.0.1;Database=design-time"));
}
