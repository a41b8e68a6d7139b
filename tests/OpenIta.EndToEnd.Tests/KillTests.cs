using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using OpenIta.Web.Infrastructure;
using Xunit;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 8: kill -9 of the application while results are imported and measures approved loses nothing that was
/// acknowledged and leaves nothing half done. The real application as its own process on a real SQLite file or
/// PostgreSQL server; an API client imports a large results file again and again while an executive approves plans
/// one after another; the application is killed (SIGKILL, its own process id) at several moments, restarted on the
/// same database, and the database checked after each kill.
/// </summary>
public sealed partial class KillTests
{
    private const string Password = "Kill-Test-Password-1";
    private const int ImportAgencies = 200;
    private const int Plans = 60;
    private const string Executive = "executive.kill";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long after the traffic starts each kill comes: early in a request, later, and well into the run.</summary>
    private static readonly int[] KillAfterMs = [300, 900, 1800];

    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Sqlite, DatabaseEngine.Postgres };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Kill_9_during_imports_and_approvals_loses_nothing_acknowledged_and_leaves_nothing_half_done(DatabaseEngine engine)
    {
        using var postgres = engine == DatabaseEngine.Postgres ? PostgresServer.Start() : null;
        var connectionString = await CreateDatabaseAsync(engine, postgres);
        var token = await PrepareAsync(engine, connectionString);

        var acknowledgedImport = 0;           // the newest import that answered 200
        var acknowledgedApprovals = new HashSet<int>(); // plans whose approval answered with the redirect to the plan
        var nextImport = 1;
        var nextPlan = 1;
        var killedMidImport = 0;
        foreach (var killAfter in KillAfterMs)
        {
            var app = await AppProcess.StartAsync(engine, connectionString, StartTimeout);
            await using (app)
            {
                await AssertConsistentAsync(engine, connectionString, acknowledgedImport, acknowledgedApprovals);
                using var executive = await SignInAsync(app);
                var approveToken = await AntiforgeryTokenAsync(executive, PlanPath(1));
                using var importer = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                importer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var stop = new CancellationTokenSource();

                async Task ImportAsync(int number)
                {
                    using var form = new MultipartFormDataContent();
                    form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(ImportCsv(number))), "file", "results.csv");
                    using var response = await importer.PostAsync(new Uri("/api/v1/imports/results", UriKind.Relative), form);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"import {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    acknowledgedImport = number;
                }
                async Task ApproveAsync(int plan)
                {
                    using var response = await executive.PostAsync(new Uri(PlanPath(plan) + "?handler=approve", UriKind.Relative),
                        new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["revision"] = "1",
                            ["Approval.Name"] = "นายทดสอบ ผู้บริหาร",
                            ["Approval.Position"] = "ผู้อำนวยการ",
                            ["Approval.Date"] = "30/11/2565",
                            ["Approval.MemoNumber"] = Memo(plan),
                            ["__RequestVerificationToken"] = approveToken,
                        }));
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"approval of plan {plan}: {(int)response.StatusCode}");
                    lock (acknowledgedApprovals)
                    {
                        acknowledgedApprovals.Add(plan);
                    }
                }

                // One of each before the clock starts: the application is warm, and something is acknowledged.
                await ImportAsync(nextImport++);
                await ApproveAsync(nextPlan++);
                var imports = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var inFlight = nextImport++;
                        try
                        {
                            await ImportAsync(inFlight);
                        }
                        catch (HttpRequestException)
                        {
                            return inFlight; // the application died under this import
                        }
                    }
                    return 0;
                });
                var approvals = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested && nextPlan <= Plans)
                    {
                        var plan = nextPlan++;
                        try
                        {
                            await ApproveAsync(plan);
                        }
                        catch (HttpRequestException)
                        {
                            return; // the application died under this approval
                        }
                    }
                });

                await Task.Delay(killAfter);
                await app.KillAsync();
                await stop.CancelAsync();
                if (await imports > 0)
                {
                    killedMidImport++;
                }
                await approvals;
            }
        }

        // After the last kill: a restart recovers the database, and it still holds exactly what was acknowledged.
        await using (await AppProcess.StartAsync(engine, connectionString, StartTimeout))
        {
            await AssertConsistentAsync(engine, connectionString, acknowledgedImport, acknowledgedApprovals);
        }
        Assert.True(killedMidImport >= KillAfterMs.Length - 1, $"only {killedMidImport} kills came during an import: the test did not test");
        Assert.True(acknowledgedApprovals.Count > KillAfterMs.Length, "no approval was acknowledged between the kills");
    }

    /// <summary>
    /// The import: every agency of the file has a result, all from the same file (their inputs are equal), at least as
    /// new as the newest acknowledged one, each with its full set of scores; or, before any import was acknowledged,
    /// possibly none at all. The approvals: each plan either approved with its memo number and exactly one "approved"
    /// audit row, or still submitted with neither; every acknowledged approval is there.
    /// </summary>
    private static async Task AssertConsistentAsync(DatabaseEngine engine, string connectionString, int acknowledgedImport, HashSet<int> acknowledgedApprovals)
    {
        await using var db = Open(engine, connectionString);
        var results = await db.Results.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.FiscalYear == 2565 && r.Agency!.Slug.StartsWith("imp-"))
            .Select(r => new { r.InputJson, r.TotalHundredths, Scores = r.Scores.Count })
            .ToListAsync();
        if (acknowledgedImport == 0 && results.Count == 0)
        {
            // nothing imported yet, and nothing half imported
        }
        else
        {
            Assert.Equal(ImportAgencies, results.Count);
            var files = results.Select(r => (r.InputJson, r.TotalHundredths, r.Scores)).Distinct().ToList();
            Assert.True(files.Count == 1, $"results of {files.Count} different imports (or scores out of step): a half-done import");
            Assert.True(files[0].Scores >= 10, $"a result with {files[0].Scores} scores");
            var number = ImportNumber(files[0].InputJson);
            Assert.True(number >= acknowledgedImport, $"import {acknowledgedImport} was acknowledged, but the database holds import {number}");
        }

        var plans = await db.MeasurePlans.AsNoTracking().Include(p => p.Agency)
            .Where(p => p.Agency!.Slug.StartsWith("plan-")).ToListAsync();
        var approvedEvents = (await db.PlanEvents.AsNoTracking().Where(e => e.Action == "approved").ToListAsync())
            .GroupBy(e => e.AgencyId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Plans, plans.Count);
        foreach (var plan in plans)
        {
            var number = int.Parse(plan.Agency!.Slug["plan-".Length..], CultureInfo.InvariantCulture);
            var events = approvedEvents.GetValueOrDefault(plan.AgencyId);
            if (plan.Status == PlanStatus.Approved)
            {
                Assert.Equal(Memo(number), plan.MemoNumber);
                Assert.Equal(1, events);
            }
            else
            {
                Assert.Equal(PlanStatus.Submitted, plan.Status);
                Assert.Null(plan.MemoNumber);
                Assert.Equal(0, events);
                lock (acknowledgedApprovals)
                {
                    Assert.DoesNotContain(number, acknowledgedApprovals);
                }
            }
        }
    }

    /// <summary>One row per import agency, every row with the same indicators; import n's indicator 1 is 10 + n/100
    /// (so that the file it came from can be read back from any row).</summary>
    private static string ImportCsv(int number)
    {
        var csv = new StringBuilder("agency,fiscal_year,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9,indicator_10\n");
        var first = (10m + number / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        for (var i = 1; i <= ImportAgencies; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"imp-{i:000},2565,{first},71.25,76.40,70.05,72.80,88.60,81.90,78.35,84.00,79.50\n");
        }
        return csv.ToString();
    }

    private static int ImportNumber(string inputJson)
    {
        var indicators = System.Text.Json.Nodes.JsonNode.Parse(inputJson)!["indicators"]!;
        return (int)Math.Round((indicators["1"]!.GetValue<decimal>() - 10m) * 100m);
    }

    private static string Memo(int plan) => string.Create(CultureInfo.InvariantCulture, $"ศปท. {plan:0000}/2565");

    private static string PlanPath(int plan) => string.Create(CultureInfo.InvariantCulture, $"/agencies/plan-{plan:000}/results/2565/measures");

    private static async Task<string> CreateDatabaseAsync(DatabaseEngine engine, PostgresServer? postgres)
    {
        if (engine == DatabaseEngine.Sqlite)
        {
            return $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("openita-kill-").FullName, "openita.db")}";
        }
        await using var connection = new NpgsqlConnection(postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE DATABASE killtest";
        await command.ExecuteNonQueryAsync();
        return postgres.ConnectionStringFor("killtest");
    }

    private static OpenItaDb Open(DatabaseEngine engine, string connectionString) =>
        DatabaseEngines.Create(engine, connectionString + (engine == DatabaseEngine.Sqlite ? ";Pooling=False" : ""));

    /// <summary>The schema, the import agencies, and the plan agencies each with a FY2565 result and a submitted plan
    /// (revision 1) that the executive may approve; an administrator's API token for the imports.</summary>
    private static async Task<string> PrepareAsync(DatabaseEngine engine, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenItaDb(engine, connectionString + (engine == DatabaseEngine.Sqlite ? ";Pooling=False" : ""));
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<OpenItaDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await SchemaMigrator.MigrateAsync(db);

        for (var i = 1; i <= ImportAgencies; i++)
        {
            db.Agencies.Add(new Agency { Slug = string.Create(CultureInfo.InvariantCulture, $"imp-{i:000}"), NameTh = $"หน่วยงานนำเข้า {i}", Kind = AgencyKind.Department });
        }
        var planAgencies = Enumerable.Range(1, Plans).Select(i => new Agency
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"plan-{i:000}"), NameTh = $"หน่วยงานมาตรการ {i}", Kind = AgencyKind.Department,
        }).ToList();
        db.Agencies.AddRange(planAgencies);
        await db.SaveChangesAsync();
        await AgencyPaths.RebuildAsync(db);
        foreach (var agency in planAgencies)
        {
            await ResultStore.StageAsync(db, agency, """{"fiscalYear": 2565, "indicators": {"1": 80.10, "2": 71.25, "3": 76.40, "4": 70.05, "5": 72.80, "6": 88.60, "7": 81.90, "8": 78.35, "9": 84.00, "10": 79.50}}""",
                "kill-test", TimeProvider.System, FrameworkCatalog.BuiltIn);
        }
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser { UserName = "admin.kill", DisplayName = "ผู้ดูแลระบบ", IsAdministrator = true };
        Assert.True((await users.CreateAsync(admin, Password)).Succeeded);
        var executive = new AppUser { UserName = Executive, DisplayName = "ผู้บริหาร" };
        Assert.True((await users.CreateAsync(executive, Password)).Succeeded);
        var store = new MeasurePlanStore(db, TimeProvider.System);
        var coordinator = new PlanActor(admin.Id, admin.UserName);
        foreach (var agency in planAgencies)
        {
            db.Memberships.Add(new Membership { UserId = executive.Id, AgencyId = agency.Id, Role = Role.Executive });
            var draft = await store.StartAsync(agency, MeasurePlan.Empty(new FiscalYear(2565)), coordinator);
            await store.ApplyAsync(draft.Id, PlanAction.Submit, coordinator);
        }
        await db.SaveChangesAsync();
        return await ApiTokenAuthentication.IssueAsync(db, TimeProvider.System, admin.Id, "kill test");
    }

    private static async Task<HttpClient> SignInAsync(AppProcess app)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = Executive,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"{path} has no anti-forgery token.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
