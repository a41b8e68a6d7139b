using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Dashboards;

/// <summary>
/// Issue 8 and L11: a group's dashboard, API summary and export cost what the group has, not what the database has.
/// Every SQL command they send is explained (SQLite's EXPLAIN QUERY PLAN, with the parameters it was sent with) in a
/// database where the group is small and the rest of the country large: each one starts from the group's agencies (the
/// Path index) and none reads the national indexes of the year's results or of the indicator scores.
/// </summary>
public sealed class GroupQueryPlanTests
{
    private static readonly string[] NationalIndexes = ["IX_results_FiscalYear_TotalHundredths", "IX_result_scores_Level_Code"];

    /// <summary>
    /// "nation" with "prov" (40 agencies) and "big" (3,000 agencies) below it, each agency with results of FY2565–2567, filled
    /// before the application starts, as a database restored or filled by the CLI: only the start-up refresh of the
    /// statistics has seen the data.
    /// </summary>
    private static async Task<TestApp> NationAsync()
    {
        var connectionString = await TestDatabases.CreateAsync(DatabaseEngine.Sqlite);
        await using (var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connectionString))
        {
            await SchemaMigrator.MigrateAsync(db);
            db.Agencies.Add(new Agency { Slug = "nation", NameTh = "ประเทศ", Kind = AgencyKind.Other });
            await AgencyPaths.RebuildAsync(db);
            var nation = await db.Agencies.SingleAsync(a => a.Slug == "nation");
            db.Agencies.Add(new Agency { Slug = "prov", NameTh = "จังหวัด", Kind = AgencyKind.Province, ParentId = nation.Id });
            db.Agencies.Add(new Agency { Slug = "big", NameTh = "จังหวัดใหญ่", Kind = AgencyKind.Province, ParentId = nation.Id });
            await AgencyPaths.RebuildAsync(db);
            await BulkResults.AddAsync(db, "prov", "p", 40, [2565, 2566, 2567]);
            await BulkResults.AddAsync(db, "big", "b", 3000, [2565, 2566, 2567]);
        }
        return await TestApp.StartAsync(DatabaseEngine.Sqlite, connectionString);
    }

    [Fact]
    public async Task A_provinces_dashboard_summary_and_export_start_from_its_agencies_not_from_the_nations_results()
    {
        await using var app = await NationAsync();
        await app.AddUserAsync("admin", administrator: true);
        var browser = await app.SignedInAsync("admin");
        var api = await app.ApiClientAsync(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync()));
        var dataSource = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
        using var recorder = new SqlRecorder(dataSource);

        foreach (var (client, path) in new[]
                 {
                     (browser, "/groups/prov?year=2567"), (browser, "/groups/prov"), (api, "/api/v1/groups/prov/summary?year=2567"),
                     (api, "/api/v1/groups/prov/summary"), (browser, "/groups/prov/results.xlsx?year=2567"),
                 })
        {
            recorder.Take();
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (path == "/groups/prov?year=2567")
            {
                var page = await response.Content.ReadAsStringAsync();
                Assert.Matches(@"data-figure=""with-results"">\s*40\s*<", page); // the province's own, not the nation's
            }
            var commands = recorder.Take().Where(c => Regex.IsMatch(c.Sql, @"\b(results|result_scores)\b")).ToList();
            Assert.NotEmpty(commands);
            foreach (var command in commands)
            {
                var plan = await ExplainAsync(app.ConnectionString, command);
                var why = $"GET {path}:\n{command.Sql}\n-- plan:\n{plan}";
                Assert.True(plan.Contains("IX_agencies_Path", StringComparison.Ordinal), $"not driven from the group's agencies: {why}");
                // A scan of a subquery's own rows (a co-routine, a materialised view) is fine; of a table, it is not.
                var subqueries = Regex.Matches(plan, @"(?:CO-ROUTINE|MATERIALIZE) (\S+)").Select(m => m.Groups[1].Value).ToHashSet();
                var scanned = Regex.Matches(plan, @"\bSCAN (\S+)").Select(m => m.Groups[1].Value).Where(n => n != "CONSTANT" && !subqueries.Contains(n));
                Assert.False(scanned.Any(), $"scans a table: {why}");
                foreach (var index in NationalIndexes)
                {
                    Assert.False(plan.Contains(index, StringComparison.Ordinal), $"reads the national index {index}: {why}");
                }
            }
        }
    }

    private static async Task<string> ExplainAsync(string connectionString, SqlRecorder.Command command)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add($"{reader.GetInt32(0)} {reader.GetInt32(1)} {reader.GetString(3)}");
        }
        return string.Join('\n', lines);
    }
}
