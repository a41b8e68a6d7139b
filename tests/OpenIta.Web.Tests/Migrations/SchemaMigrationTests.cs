using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Migrations;

/// <summary>The versioned SQL scripts build the model's schema, and an older database upgrades keeping its data.</summary>
public sealed class SchemaMigrationTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_scripts_build_every_table_and_column_of_the_model(DatabaseEngine engine)
    {
        await using var db = DatabaseEngines.Create(engine, await TestDatabases.CreateAsync(engine));
        var ran = await SchemaMigrator.MigrateAsync(db);
        Assert.Equal(SchemaMigrator.Scripts(engine).Select(s => s.Version), ran);

        var columns = await Columns(db, engine);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName();
                Assert.True(columns.Contains((table, column)), $"{engine}: {table}.{column} is in the model but no script creates it");
            }
        }
        // And nothing more: every table of the scripts is in the model.
        var modelTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();
        Assert.All(columns.Select(c => c.Table).Distinct().Where(t => t != "schema_versions"), t => Assert.Contains(t, modelTables));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_older_database_upgrades_at_start_and_keeps_its_data(DatabaseEngine engine)
    {
        var connectionString = await TestDatabases.CreateAsync(engine);
        await using (var old = DatabaseEngines.Create(engine, connectionString))
        {
            Assert.Equal([1], await SchemaMigrator.MigrateAsync(old, upTo: 1));
            // Rows written as version 1 had them (SQL: today's model has columns version 1 lacks).
            await old.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres
                ? "INSERT INTO agencies (\"Slug\", \"NameTh\", \"Kind\", \"Path\", \"IsSynthetic\") VALUES ('old', 'หน่วยงานเดิม', 'Other', '/1/', false)"
                : "INSERT INTO agencies (\"Slug\", \"NameTh\", \"Kind\", \"Path\", \"IsSynthetic\") VALUES ('old', 'หน่วยงานเดิม', 'Other', '/1/', 0)");
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO results (\"AgencyId\", \"FiscalYear\", \"InputJson\", \"DiscrepancyCount\", \"UpdatedAtUnixMs\") SELECT \"Id\", 2565, '{{\"fiscalYear\": 2565}}', 0, 0 FROM agencies");
        }

        // Starting the application runs what the database lacks.
        await using var app = await TestApp.StartAsync(engine, connectionString);
        var (agency, results, versions, tokens) = await app.WithDbAsync(async db => (
            await db.Agencies.SingleAsync(),
            await db.Results.CountAsync(),
            await SchemaMigrator.AppliedAsync(db),
            await db.ApiTokens.CountAsync()));
        Assert.Equal("หน่วยงานเดิม", agency.NameTh);
        Assert.Equal(1, results);
        Assert.Equal(SchemaMigrator.Scripts(engine).Select(s => s.Version), versions);
        Assert.Equal(0, tokens); // the table version 2 added is there
        Assert.Null(agency.AnalysisTarget); // and the columns of version 4
    }

    private static async Task<HashSet<(string Table, string Column)>> Columns(OpenItaDb db, DatabaseEngine engine)
    {
        var result = new HashSet<(string, string)>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = engine == DatabaseEngine.Postgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }
        return result;
    }
}
