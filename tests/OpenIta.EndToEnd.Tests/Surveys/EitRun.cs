using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Demo;
using OpenIta.Data.Migrations;
using OpenIta.Data.Surveys;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.EndToEnd.Tests.Surveys;

/// <summary>
/// A database with the demo's FY2564 questionnaire and an open round of one agency (its IIT and EIT links, EIT being
/// answered after an SMS OTP up to FY2565), the settings of an application process that sends its codes to a file, and
/// the survey API as a respondent's phone calls it.
/// </summary>
internal sealed class EitRun : IAsyncDisposable
{
    public const string PhoneKey = "e2e-survey-phone-key-0123456789abcdef";
    public const string Agency = "eit-e2e";
    public const int Year = 2564;

    private EitRun(DatabaseEngine engine, string connectionString, string folder, PostgresServer? postgres)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Folder = folder;
        Postgres = postgres;
        SmsFile = Path.Combine(Directory.CreateTempSubdirectory("openita-e2e-sms-").FullName, "sms.txt");
    }

    public DatabaseEngine Engine { get; }
    public string ConnectionString { get; }

    /// <summary>The run's own folder (the SQLite file and its journal), apart from the SMS sink.</summary>
    public string Folder { get; }

    public PostgresServer? Postgres { get; }
    public string SmsFile { get; }
    public string IitLink { get; private set; } = "";
    public string EitLink { get; private set; } = "";

    public static async Task<EitRun> CreateAsync(DatabaseEngine engine)
    {
        var folder = Directory.CreateTempSubdirectory("openita-e2e-eit-").FullName;
        var postgres = engine == DatabaseEngine.Postgres ? PostgresServer.Start() : null;
        string connectionString;
        if (postgres is null)
        {
            connectionString = $"Data Source={Path.Combine(folder, "openita.db")}";
        }
        else
        {
            await using var connection = new NpgsqlConnection(postgres.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE eit", connection);
            await command.ExecuteNonQueryAsync();
            connectionString = postgres.ConnectionStringFor("eit");
        }
        var run = new EitRun(engine, connectionString, folder, postgres);
        await run.PrepareAsync();
        return run;
    }

    private async Task PrepareAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenItaDb(Engine, ConnectionString + (Engine == DatabaseEngine.Sqlite ? ";Pooling=False" : ""));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await SchemaMigrator.MigrateAsync(db);
        var agency = new Agency { Slug = Agency, NameTh = "หน่วยงานทดสอบแบบสอบถาม", Kind = AgencyKind.Department };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        await AgencyPaths.RebuildAsync(db);
        var actor = new Actor(null, "e2e");
        await Questionnaires.AddAsync(db, FrameworkCatalog.BuiltIn, Year, DemoSurveys.QuestionnaireYaml(), "e2e", "e2e", TimeProvider.System);
        await SurveyRounds.RegisterAsync(db, FrameworkCatalog.BuiltIn, agency, Year, 200, 1000, null, null, null, actor, TimeProvider.System);
        var round = await SurveyRounds.OpenAsync(db, FrameworkCatalog.BuiltIn, agency, Year, null, actor, TimeProvider.System);
        var links = db.SurveyLinks.Where(l => l.RoundId == round.Id).ToList();
        IitLink = links.Single(l => l.Instrument == Instrument.Iit).Token;
        EitLink = links.Single(l => l.Instrument == Instrument.Eit).Token;
    }

    /// <summary>The application's settings: this database, codes to <see cref="SmsFile"/>, generous limits (one test
    /// client is every respondent), and <paramref name="more"/>.</summary>
    public Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Engine"] = Engine == DatabaseEngine.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings__OpenIta"] = ConnectionString,
            ["Sms__Provider"] = "file",
            ["Sms__File"] = SmsFile,
            ["Surveys__PhoneKey"] = PhoneKey,
            ["Security__CounterKey"] = "e2e-survey-counter-key-0123456789",
            ["Surveys__Otp__PerAddressPerHour"] = "100000",
            ["Surveys__Otp__MessagesPerHour"] = "100000",
            ["Surveys__Limits__ResponsesPerAddressPerMinute"] = "100000",
            ["Surveys__Limits__ReadsPerAddressPerMinute"] = "100000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    public Task<AppProcess> StartAsync(params (string Key, string Value)[] more) =>
        AppProcess.StartAsync(Settings(more), TimeSpan.FromSeconds(120), "/health");

    /// <summary>Each question's options of a link, in the questionnaire's order.</summary>
    public static async Task<List<(string Code, List<string> Options)>> QuestionsAsync(HttpClient client, string link)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/public/surveys/{link}", UriKind.Relative)));
        return document.RootElement.GetProperty("questions").EnumerateArray()
            .Select(q => (q.GetProperty("code").GetString()!, q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()!).ToList()))
            .ToList();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>A code to <paramref name="phone"/>, read back from the SMS file, verified: the ticket.</summary>
    public async Task<string> TicketAsync(HttpClient client, string phone, string e164, bool oneWrongFirst = false)
    {
        using var asked = await PostJsonAsync(client, $"/api/v1/public/surveys/{EitLink}/otp", new { phone });
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, $"otp: {(int)asked.StatusCode} {await asked.Content.ReadAsStringAsync()}");
        var code = File.ReadLines(SmsFile).Last(l => l.StartsWith(e164 + "\t", StringComparison.Ordinal)).Split('\t')[1][..6];
        if (oneWrongFirst)
        {
            var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            using var refused = await PostJsonAsync(client, $"/api/v1/public/surveys/{EitLink}/verify", new { phone, code = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        using var verified = await PostJsonAsync(client, $"/api/v1/public/surveys/{EitLink}/verify", new { phone, code });
        Assert.True(verified.StatusCode == HttpStatusCode.OK, $"verify: {(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync()}");
        return (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Postgres?.Dispose();
        await Task.CompletedTask;
    }
}
