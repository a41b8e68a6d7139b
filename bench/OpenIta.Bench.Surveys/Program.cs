using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Demo;
using OpenIta.Data.Migrations;
using OpenIta.Data.Surveys;
using OpenIta.Testing;

// Survey responses per second (issue 12, item 10). Run by hand: docs/benchmarks.md, "Survey responses".
//   --engines sqlite,postgres  --requests 400 (per timed phase)  --clients 4  --pairs 3
//   --sizes 10000,1000000,10000000 (answers already stored)  --agencies 500 --window 20 (national window, PostgreSQL)
//   --breakdown 200 (one client: each step of a response alone, median µs)
var options = Args.Parse(args);
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Say($"# Survey responses, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
foreach (var engine in options.Engines)
{
    using var postgres = engine == DatabaseEngine.Postgres
        ? PostgresServer.Start([("fsync", "on"), ("synchronous_commit", "on"), ("full_page_writes", "on"), ("max_connections", "200")])
        : null;
    var connectionString = await Bench.CreateDatabaseAsync(engine, postgres);
    var setup = await Bench.PrepareAsync(engine, connectionString, 1);
    await using var app = new SurveyBenchApp(engine, connectionString);
    var client = app.CreateClient();
    var questions = await Bench.QuestionsAsync(client, setup.Links[0]);
    var body = Bench.Body(questions);
    Say($"\n## {engine} (durable: {(engine == DatabaseEngine.Postgres ? "fsync on, synchronous_commit on" : "SQLite rollback journal, synchronous FULL")}), {questions.Count} answers a response, {options.Clients} clients");

    // Warm both paths.
    await Bench.RunAsync(app, options.Clients, 40, i => ($"/api/v1/public/surveys/{setup.Links[0]}/responses", body));
    await Bench.RunAsync(app, options.Clients, 40, i => ("/bench/bare", body));

    Say("\n| stored answers | endpoint, responses/s (median of pairs) | bare insert, rows/s | endpoint ÷ bare |");
    Say("|---:|---:|---:|---:|");
    foreach (var size in options.Sizes)
    {
        await Bench.FillAsync(engine, connectionString, setup, questions.Count, size);
        var real = new List<double>();
        var bare = new List<double>();
        for (var pair = 0; pair < options.Pairs; pair++)
        {
            real.Add(await Bench.RunAsync(app, options.Clients, options.Requests, i => ($"/api/v1/public/surveys/{setup.Links[0]}/responses", body)));
            bare.Add(await Bench.RunAsync(app, options.Clients, options.Requests, i => ("/bench/bare", body)));
        }
        var ratios = real.Zip(bare, (r, b) => r / b).Order().ToList();
        Say(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {Bench.Median(real):F0} | {Bench.Median(bare):F0} | {Bench.Median(ratios):P0} (range {ratios[0]:P0}–{ratios[^1]:P0}) |"));
    }

    if (options.Breakdown > 0)
    {
        // Where a response's time goes: one client, one request after another (no queueing), median microseconds of each
        // step alone, in the order the endpoint runs them, beside the bare insert.
        var steps = await Breakdown.RunAsync(app, client, setup.Links[0], body, options.Breakdown);
        Say(string.Create(CultureInfo.InvariantCulture, $"\nOne client, {options.Breakdown} requests a step, median µs (range of 3 rounds):\n"));
        Say("| step | µs |");
        Say("|---|---:|");
        foreach (var (step, micros) in steps)
        {
            Say(string.Create(CultureInfo.InvariantCulture, $"| {step} | {Bench.Median(micros):F0} ({micros.Min():F0}–{micros.Max():F0}) |"));
        }
    }

    if (engine == DatabaseEngine.Postgres && options.Agencies > 0)
    {
        var national = await Bench.PrepareAsync(engine, connectionString, options.Agencies);
        var random = new Random(12);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        var rates = new List<double>();
        while (watch.Elapsed.TotalSeconds < options.WindowSeconds)
        {
            rates.Add(await Bench.RunAsync(app, options.Clients * 2, options.Requests,
                i => ($"/api/v1/public/surveys/{national.Links[random.Next(national.Links.Count)]}/responses", body)));
            sent += options.Requests;
        }
        var rate = sent / watch.Elapsed.TotalSeconds;
        Say(string.Create(CultureInfo.InvariantCulture,
            $"\nNational window, scaled: {sent:N0} responses over {options.Agencies:N0} agencies' links at random, {options.Clients * 2} clients, {watch.Elapsed.TotalSeconds:F0} s: {rate:F0} responses/s; 1.4 million respondents at this rate: {1_400_000 / rate / 60:F0} minutes of work."));
    }
}
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report.ToString());
}

internal sealed record Args(DatabaseEngine[] Engines, int Requests, int Clients, int Pairs, long[] Sizes, int Agencies, int WindowSeconds, int Breakdown, string? Out)
{
    public static Args Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Args(
            (Get("--engines") ?? "sqlite,postgres").Split(',').Select(DatabaseEngines.Parse).ToArray(),
            int.Parse(Get("--requests") ?? "400", CultureInfo.InvariantCulture),
            int.Parse(Get("--clients") ?? "4", CultureInfo.InvariantCulture),
            int.Parse(Get("--pairs") ?? "3", CultureInfo.InvariantCulture),
            (Get("--sizes") ?? "10000,1000000,10000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Get("--agencies") ?? "500", CultureInfo.InvariantCulture),
            int.Parse(Get("--window") ?? "20", CultureInfo.InvariantCulture),
            int.Parse(Get("--breakdown") ?? "0", CultureInfo.InvariantCulture),
            Get("--out"));
    }
}

internal sealed record Setup(List<string> Links, int RoundId, int QuestionnaireId);

/// <summary>The real application in-process (Production, the whole pipeline, no socket), plus one endpoint that is the
/// baseline: <c>POST /bench/bare</c> reads the same body and inserts it as one row, through the same database context and
/// connection settings, and answers 201 — what any durable insert behind ASP.NET Core costs on this engine and machine.</summary>
internal sealed class SurveyBenchApp(DatabaseEngine engine, string connectionString) : WebApplicationFactory<OpenIta.Web.Infrastructure.Lang>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Run from the repository (dotnet run --project): the web application's own folder is its content root.
        builder.UseContentRoot(Path.GetFullPath(Path.Combine("src", "OpenIta.Web")));
        builder.UseSetting("Database:Engine", engine == DatabaseEngine.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:OpenIta", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Surveys:Limits:ResponsesPerAddressPerMinute", "100000000");
        builder.UseSetting("Surveys:Limits:ReadsPerAddressPerMinute", "100000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BareEndpoint>());
    }

    private sealed class BareEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/bench/bare")
                {
                    await nextMiddleware(context);
                    return;
                }
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var payload = Encoding.UTF8.GetBytes(await reader.ReadToEndAsync());
                var db = context.RequestServices.GetRequiredService<OpenItaDb>();
                await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO bench_rows (\"Key\", \"Payload\") VALUES ({Guid.NewGuid()}, {payload})");
                context.Response.StatusCode = StatusCodes.Status201Created;
            });
            next(app);
        };
    }
}

internal static class Bench
{
    public static async Task<string> CreateDatabaseAsync(DatabaseEngine engine, PostgresServer? postgres)
    {
        if (postgres is null)
        {
            return $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("openita-bench-surveys-").FullName, "openita.db")}";
        }
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE DATABASE bench", connection);
        await command.ExecuteNonQueryAsync();
        return postgres.ConnectionStringFor("bench").Replace("Pooling=false", "Pooling=true", StringComparison.Ordinal);
    }

    /// <summary>The schema, the demo's FY2564 questionnaire, and <paramref name="agencies"/> agencies with an open round each.</summary>
    public static async Task<Setup> PrepareAsync(DatabaseEngine engine, string connectionString, int agencies)
    {
        await using var db = DatabaseEngines.Create(engine, connectionString);
        await SchemaMigrator.MigrateAsync(db);
        await db.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres
            ? "CREATE TABLE IF NOT EXISTS bench_rows (\"Key\" uuid PRIMARY KEY, \"Payload\" bytea NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS bench_rows (\"Key\" TEXT PRIMARY KEY, \"Payload\" BLOB NOT NULL) WITHOUT ROWID");
        if (!await db.Questionnaires.AnyAsync(q => q.FiscalYear == 2564))
        {
            await Questionnaires.AddAsync(db, FrameworkCatalog.BuiltIn, 2564, DemoSurveys.QuestionnaireYaml(), "bench", "bench", TimeProvider.System);
        }
        var actor = new Actor(null, "bench");
        var links = new List<string>();
        var first = await db.Agencies.CountAsync();
        AssessmentRound? round = null;
        for (var i = 0; i < agencies; i++)
        {
            var agency = new Agency { Slug = string.Create(CultureInfo.InvariantCulture, $"bench-{first + i}"), NameTh = $"หน่วยงาน {first + i}", Kind = AgencyKind.Department };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            await SurveyRounds.RegisterAsync(db, FrameworkCatalog.BuiltIn, agency, 2564, 200, 5000, null, null, null, actor, TimeProvider.System);
            round = await SurveyRounds.OpenAsync(db, FrameworkCatalog.BuiltIn, agency, 2564, null, actor, TimeProvider.System);
            links.Add(await db.SurveyLinks.Where(l => l.RoundId == round.Id && l.Instrument == Instrument.Iit).Select(l => l.Token).SingleAsync());
        }
        await AgencyPaths.RebuildAsync(db);
        return new Setup(links, round!.Id, round.QuestionnaireId!.Value);
    }

    public static async Task<List<(string Code, string Value)>> QuestionsAsync(HttpClient client, string link)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/public/surveys/{link}", UriKind.Relative)));
        return document.RootElement.GetProperty("questions").EnumerateArray()
            .Select(q => (q.GetProperty("code").GetString()!, q.GetProperty("options")[0].GetProperty("value").GetString()!)).ToList();
    }

    public static string Body(List<(string Code, string Value)> questions) =>
        JsonSerializer.Serialize(new { answers = questions.ToDictionary(q => q.Code, q => q.Value) });

    /// <summary>Stored answers up to <paramref name="answers"/>, as rows of the benchmark's round (raw SQL, not timed).</summary>
    public static async Task FillAsync(DatabaseEngine engine, string connectionString, Setup setup, int itemsPerResponse, long answers)
    {
        await using var db = DatabaseEngines.Create(engine, connectionString);
        var have = await db.SurveyResponses.LongCountAsync() * itemsPerResponse;
        var rows = Math.Max(0, (answers - have) / itemsPerResponse);
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        const long Batch = 200_000;
        for (long done = 0; done < rows; done += Batch)
        {
            var n = Math.Min(Batch, rows - done);
            await db.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres
                ? $"INSERT INTO survey_responses (\"Key\", \"RoundId\", \"Instrument\", \"QuestionnaireId\", \"Answers\", \"Day\") SELECT gen_random_uuid(), {setup.RoundId}, 'IIT', {setup.QuestionnaireId}, decode(repeat('01', {itemsPerResponse}), 'hex'), DATE '2021-01-15' FROM generate_series(1, {n})"
                : $"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) INSERT INTO survey_responses (\"Key\", \"RoundId\", \"Instrument\", \"QuestionnaireId\", \"Answers\", \"Day\") SELECT upper(hex(randomblob(16))), {setup.RoundId}, 'IIT', {setup.QuestionnaireId}, zeroblob({itemsPerResponse}), '2021-01-15' FROM s");
        }
        if (engine == DatabaseEngine.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE survey_responses");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (filled {rows:N0} rows to {answers:N0} answers in {watch.Elapsed.TotalSeconds:F0} s)"));
    }

    /// <summary><paramref name="requests"/> POSTs from <paramref name="clients"/> clients at once; each must answer 201. Returns per second.</summary>
    public static async Task<double> RunAsync(WebApplicationFactory<OpenIta.Web.Infrastructure.Lang> app, int clients, int requests, Func<int, (string Path, string Body)> request)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = app.CreateClient();
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var (path, body) = request(i);
                using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return requests / watch.Elapsed.TotalSeconds;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>Each step of a response timed alone, one after another, in a request's own scope: the two HTTP endpoints, then
/// the endpoint's database steps called directly (link look-up, questionnaire, the one-transaction submit) and the bare
/// insert called directly.</summary>
internal static class Breakdown
{
    public static async Task<List<(string Step, List<double> Micros)>> RunAsync(
        WebApplicationFactory<OpenIta.Web.Infrastructure.Lang> app, HttpClient client, string link, string body, int count)
    {
        var answers = JsonDocument.Parse(body).RootElement.GetProperty("answers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        var payload = Encoding.UTF8.GetBytes(body);
        var limit = new OpenIta.Data.Security.CounterLimit("bench-breakdown", TimeSpan.FromMinutes(1), int.MaxValue);
        async Task<double> Scoped(Func<OpenItaDb, Task> step)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
            var watch = Stopwatch.StartNew();
            await step(db);
            return watch.Elapsed.TotalMicroseconds;
        }
        async Task<double> Http(string path)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.Created ? watch.Elapsed.TotalMicroseconds : throw new InvalidOperationException(path);
        }
        SurveyLinkTarget? target = null;
        var steps = new (string Name, Func<Task<double>> Run)[]
        {
            ("HTTP: the endpoint, whole", () => Http($"/api/v1/public/surveys/{link}/responses")),
            ("HTTP: the bare insert, whole", () => Http("/bench/bare")),
            ("direct: link look-up (SurveyLinks.ResolveAsync)", () => Scoped(async db => target = await SurveyLinks.ResolveAsync(db, link, TimeProvider.System))),
            ("direct: questionnaire (Questionnaires.LoadAsync, cached) + encode answers", () => Scoped(async db =>
                (await Questionnaires.LoadAsync(db, FrameworkCatalog.BuiltIn, target!.QuestionnaireId!.Value, target.QuestionnaireSha256)).Encode(target.Instrument, answers))),
            ("direct: the one write (SurveyResponses.SubmitAsync: limit, insert, hour count, commit)", () => Scoped(async db =>
            {
                var questionnaire = await Questionnaires.LoadAsync(db, FrameworkCatalog.BuiltIn, target!.QuestionnaireId!.Value, target.QuestionnaireSha256);
                await SurveyResponses.SubmitAsync(db, questionnaire, target, answers, null, null, limit, TimeProvider.System);
            })),
            ("direct: the bare insert (one row, autocommit)", () => Scoped(async db =>
                await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO bench_rows (\"Key\", \"Payload\") VALUES ({Guid.NewGuid()}, {payload})"))),
        };
        var results = steps.Select(s => (s.Name, new List<double>())).ToList();
        for (var round = 0; round < 3; round++)
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var micros = new List<double>(count);
                for (var i = 0; i < count; i++)
                {
                    micros.Add(await steps[s].Run());
                }
                results[s].Item2.Add(Bench.Median(micros));
            }
        }
        return results;
    }
}
