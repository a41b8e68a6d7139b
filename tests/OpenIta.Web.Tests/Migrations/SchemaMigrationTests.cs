using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Migrations;

/// <summary>
/// The EF Core migrations of each engine build the model's schema; a database made by the numbered scripts of earlier
/// releases is carried over with its data; instances starting together migrate once; group ranges hold on a database
/// created with a Thai collation.
/// </summary>
public sealed class SchemaMigrationTests
{
    private static readonly string[] EfTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    public static TheoryData<DatabaseEngine, int> EnginesAndScriptVersions => new()
    {
        { DatabaseEngine.Sqlite, 1 }, { DatabaseEngine.Sqlite, 3 }, { DatabaseEngine.Sqlite, LegacySchema.LastVersion },
        { DatabaseEngine.Postgres, 1 }, { DatabaseEngine.Postgres, 3 }, { DatabaseEngine.Postgres, LegacySchema.LastVersion },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_model_has_no_change_that_no_migration_carries(DatabaseEngine engine)
    {
        // A connection string that is never opened: the check compares the model with the last migration's snapshot.
        using var db = DatabaseEngines.Create(engine, engine == DatabaseEngine.Postgres ? "Host=127.0.0.1;Database=none" : "Data Source=:memory:");
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{engine}: the model has changes that no migration carries; add one with dotnet ef migrations add (README: schema changes)");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_migrations_build_every_table_and_column_of_the_model(DatabaseEngine engine)
    {
        await using var db = DatabaseEngines.Create(engine, await TestDatabases.CreateAsync(engine));
        var ran = await SchemaMigrator.MigrateAsync(db);
        Assert.Equal(SchemaMigrator.Known(db), ran);
        Assert.True(await SchemaMigrator.IsCurrentAsync(db));

        var columns = await ColumnsAsync(db, engine);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                Assert.True(columns.ContainsKey((table, property.GetColumnName())), $"{engine}: {table}.{property.GetColumnName()} is in the model but not in the database");
            }
        }
        var modelTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();
        Assert.All(columns.Keys.Select(c => c.Table).Distinct().Except(EfTables), t => Assert.Contains(t, modelTables));
    }

    [Theory]
    [MemberData(nameof(EnginesAndScriptVersions))]
    public async Task A_database_made_by_the_numbered_scripts_is_carried_over_at_start_with_its_data(DatabaseEngine engine, int version)
    {
        var connectionString = await TestDatabases.CreateAsync(engine);
        await using (var old = DatabaseEngines.Create(engine, connectionString))
        {
            await LegacySchema.BuildAsync(old, version);
            // Rows written by that release (SQL: today's model has columns the older versions lack).
            await old.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres
                ? "INSERT INTO agencies (\"Slug\", \"NameTh\", \"Kind\", \"Path\", \"IsSynthetic\") VALUES ('old', 'หน่วยงานเดิม', 'Other', '/1/', false)"
                : "INSERT INTO agencies (\"Slug\", \"NameTh\", \"Kind\", \"Path\", \"IsSynthetic\") VALUES ('old', 'หน่วยงานเดิม', 'Other', '/1/', 0)");
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO results (\"AgencyId\", \"FiscalYear\", \"InputJson\", \"DiscrepancyCount\", \"UpdatedAtUnixMs\") SELECT \"Id\", 2565, '{{\"fiscalYear\": 2565}}', 0, 0 FROM agencies");
        }

        // Starting the application carries it over and applies what it lacks.
        await using (var app = await TestApp.StartAsync(engine, connectionString))
        {
            var (agency, results, applied, tokens) = await app.WithDbAsync(async db => (
                await db.Agencies.SingleAsync(),
                await db.Results.CountAsync(),
                await SchemaMigrator.AppliedAsync(db),
                await db.ApiTokens.CountAsync()));
            Assert.Equal("หน่วยงานเดิม", agency.NameTh);
            Assert.Equal(1, results);
            Assert.Equal(0, tokens); // the table version 2 added is there
            Assert.Null(agency.AnalysisTarget); // and the columns of version 4
            await app.WithDbAsync(async db =>
            {
                Assert.Equal(SchemaMigrator.Known(db), applied);
                return 0;
            });
        }

        // The carried-over schema is the one a new database gets, column for column and index for index.
        await using var carried = DatabaseEngines.Create(engine, connectionString);
        await using var fresh = DatabaseEngines.Create(engine, await TestDatabases.CreateAsync(engine));
        await SchemaMigrator.MigrateAsync(fresh);
        Assert.Equal(await DescribeAsync(fresh, engine), await DescribeAsync(carried, engine));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Instances_that_start_together_on_an_empty_database_migrate_it_once(DatabaseEngine engine)
    {
        var connectionString = await TestDatabases.CreateAsync(engine);
        var contexts = Enumerable.Range(0, 4).Select(_ => DatabaseEngines.Create(engine, connectionString)).ToList();
        try
        {
            await Task.WhenAll(contexts.Select(db => Task.Run(() => SchemaMigrator.MigrateAsync(db))));
            Assert.Equal(SchemaMigrator.Known(contexts[0]), await SchemaMigrator.AppliedAsync(contexts[0]));
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Instances_that_start_together_on_a_scripted_database_carry_it_over_once(DatabaseEngine engine)
    {
        var connectionString = await TestDatabases.CreateAsync(engine);
        await using (var old = DatabaseEngines.Create(engine, connectionString))
        {
            await LegacySchema.BuildAsync(old, LegacySchema.LastVersion);
        }
        var contexts = Enumerable.Range(0, 4).Select(_ => DatabaseEngines.Create(engine, connectionString)).ToList();
        try
        {
            await Task.WhenAll(contexts.Select(db => Task.Run(() => SchemaMigrator.MigrateAsync(db))));
            Assert.Equal(SchemaMigrator.Known(contexts[0]), await SchemaMigrator.AppliedAsync(contexts[0]));
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Group_ranges_compare_paths_byte_by_byte_on_a_Thai_collated_PostgreSQL_database()
    {
        await using var db = DatabaseEngines.Create(DatabaseEngine.Postgres, await TestDatabases.CreateAsync(DatabaseEngine.Postgres, thaiCollation: true));
        await SchemaMigrator.MigrateAsync(db);
        // The database really orders text the Thai way: punctuation is ignored at the first level, so "/15/" sorts
        // between "/1/5/" and "/1/5/23/", which is what broke the ranges.
        var collation = await db.Database.SqlQueryRaw<string>("SELECT datcollate AS \"Value\" FROM pg_database WHERE datname = current_database()").SingleAsync();
        var icu = await db.Database.SqlQueryRaw<string>("SELECT daticulocale AS \"Value\" FROM pg_database WHERE datname = current_database()").SingleAsync();
        Assert.Equal("th-TH", icu);
        Assert.True(await db.Database.SqlQueryRaw<bool>("SELECT ('/15/' < '/1/5/23/') AS \"Value\"").SingleAsync(), $"the database ({collation}, ICU {icu}) should order text the Thai way");

        foreach (var path in new[] { "/1/", "/1/5/", "/1/5/23/", "/15/", "/1/50/", "/2/" })
        {
            db.Agencies.Add(new Agency { Slug = "a" + path.Replace('/', '-'), NameTh = path, Kind = AgencyKind.Department, Path = path });
        }
        await db.SaveChangesAsync();

        var within = await db.Agencies.Within("/1/5/").Select(a => a.Path).OrderBy(p => p).ToListAsync();
        Assert.Equal(["/1/5/", "/1/5/23/"], within);
        var plan = string.Join('\n', await db.Database.SqlQueryRaw<string>(
            "EXPLAIN SELECT \"Path\" FROM agencies WHERE \"Path\" >= '/1/5/' AND \"Path\" < '/1/50'").ToListAsync());
        Assert.DoesNotContain("COLLATE", plan, StringComparison.Ordinal); // the column's own collation, no cast around it
    }

    private static async Task<Dictionary<(string Table, string Column), string>> ColumnsAsync(OpenItaDb db, DatabaseEngine engine)
    {
        var result = new Dictionary<(string, string), string>();
        await ReadAsync(db, engine == DatabaseEngine.Postgres
            ? "SELECT table_name, column_name, data_type || ' ' || COALESCE(character_maximum_length::text, '') || ' ' || is_nullable || ' ' || COALESCE(collation_name, '') || ' ' || COALESCE(numeric_precision::text, '') || ',' || COALESCE(numeric_scale::text, '') FROM information_schema.columns WHERE table_schema = 'public'"
            : "SELECT m.name, p.name, p.type || ' ' || p.\"notnull\" || ' ' || p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            reader => result[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2));
        return result;
    }

    /// <summary>Every column with its type, every index with its definition, sorted: two databases with the same schema describe alike.</summary>
    private static async Task<string> DescribeAsync(OpenItaDb db, DatabaseEngine engine)
    {
        var lines = (await ColumnsAsync(db, engine))
            .Where(c => !EfTables.Contains(c.Key.Table))
            .Select(c => $"{c.Key.Table}.{c.Key.Column}: {c.Value}").ToList();
        await ReadAsync(db, engine == DatabaseEngine.Postgres
            ? "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%'"
            : "SELECT name, COALESCE(sql, 'auto ' || tbl_name) FROM sqlite_master WHERE type = 'index' AND tbl_name NOT LIKE '\\_\\_EF%' ESCAPE '\\'",
            reader => lines.Add($"index {reader.GetString(0)}: {Normalise(reader.GetString(1))}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string Normalise(string sql) => sql.Replace("\"", "", StringComparison.Ordinal).Replace("IF NOT EXISTS ", "", StringComparison.Ordinal);

    private static async Task ReadAsync(OpenItaDb db, string sql, Action<DbDataReader> row)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                row(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
