using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenIta.Data;
using OpenIta.Data.Migrations;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using Xunit;
using Xunit.Abstractions;

namespace OpenIta.EndToEnd.Tests.Instances;

/// <summary>
/// Two real application processes started at the same moment on one empty database, as behind a load balancer: both
/// become ready on one schema, a user signed in on one is signed in on the other, and the sign-in limit counts the
/// attempts made on both. The logs are JSON lines without user names or addresses.
/// </summary>
public sealed partial class TwoInstancesTests(ITestOutputHelper output)
{
    private const string Admin = "first.admin";
    private const string Password = "correct-horse-42";

    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Postgres, DatabaseEngine.Sqlite };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_instances_started_together_share_the_schema_the_sign_in_and_the_limits(DatabaseEngine engine)
    {
        using var postgres = engine == DatabaseEngine.Postgres ? PostgresServer.Start() : null;
        var folder = Directory.CreateTempSubdirectory("openita-instances-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Security__CounterKey"] = "two-instances-test-counter-key-0123456789",
        };
        string connectionString;
        if (postgres is not null)
        {
            connectionString = postgres.ConnectionStringFor("openita");
            await using var admin = new NpgsqlConnection(postgres.ConnectionString);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE openita", admin);
            await create.ExecuteNonQueryAsync();
            settings["Database__Engine"] = "postgres";
            settings["ConnectionStrings__OpenIta"] = connectionString;
        }
        else
        {
            var path = Path.Combine(folder, "openita.db");
            connectionString = $"Data Source={path};Pooling=False";
            settings["Database__Engine"] = "sqlite";
            settings["Database__Path"] = path;
        }

        var watch = Stopwatch.StartNew();
        var starting = new[]
        {
            AppProcess.StartAsync(settings, TimeSpan.FromSeconds(60), "/health/ready"),
            AppProcess.StartAsync(settings, TimeSpan.FromSeconds(60), "/health/ready"),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }
            throw;
        }
        await using var one = await starting[0];
        await using var two = await starting[1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}: both instances ready in {watch.ElapsedMilliseconds} ms"));

        // One schema: each script ran once.
        await using (var db = DatabaseEngines.Create(engine, connectionString))
        {
            Assert.Equal(SchemaMigrator.Known(db), await SchemaMigrator.AppliedAsync(db));
        }
        using (var client = new HttpClient())
        {
            var ready = JsonDocument.Parse(await client.GetStringAsync(two.Url("/health/ready"))).RootElement;
            Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        // Both instances make their first anti-forgery token at once (each may create a data-protection key).
        using (var first = new HttpClient())
        using (var second = new HttpClient())
        {
            await Task.WhenAll(first.GetStringAsync(one.Url("/account/login")), second.GetStringAsync(two.Url("/account/login")));
        }

        // The first administrator, on instance one; then instance two knows the cookie.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var setupForm = await browser.GetStringAsync(one.Url("/setup"));
        var setup = await browser.PostAsync(one.Url("/setup"), Form(setupForm,
            ("UserName", Admin), ("DisplayName", "ผู้ดูแลระบบ"), ("Password", Password), ("ConfirmPassword", Password)));
        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        var onTwo = await browser.GetAsync(two.Url("/"));
        Assert.Equal(HttpStatusCode.OK, onTwo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(two.Url("/setup"))).StatusCode);

        // The sign-in limit of one address counts across both instances: ten attempts, then 429 on either. Each form
        // comes from the other instance (its anti-forgery token, too, is read with the shared key ring).
        using var guesser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var (instance, other) = i % 2 == 0 ? (one, two) : (two, one);
            var form = await guesser.GetStringAsync(other.Url("/account/login"));
            var attempt = await guesser.PostAsync(instance.Url("/account/login"), Form(form,
                ("UserName", $"guess.{i}"), ("Password", "wrong-password-1")));
            statuses.Add(attempt.StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);

        // Structured logs: JSON lines with the event's name and fields, no user name and no address in clear.
        await Task.Delay(500); // the console logger writes on its own thread
        var events = one.Output.Split('\n').Concat(two.Output.Split('\n'))
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var signIns = events.Where(e => e.GetProperty("EventId").GetInt32() is >= 1001 and <= 1003).ToList();
        Assert.Contains(signIns, e => e.GetProperty("Category").GetString()!.EndsWith("LoginModel", StringComparison.Ordinal));
        Assert.Equal(10, signIns.Count(e => e.GetProperty("EventId").GetInt32() == 1002));
        Assert.Single(signIns, e => e.GetProperty("EventId").GetInt32() == 1003);
        foreach (var line in signIns.Select(e => e.GetRawText()))
        {
            Assert.DoesNotContain("guess.", line, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", line, StringComparison.Ordinal);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}: whole test {watch.ElapsedMilliseconds} ms"));
        SqliteConnection.ClearAllPools();
    }

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields)
    {
        var token = TokenField().Match(html);
        Assert.True(token.Success, "the page has no anti-forgery token");
        return new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
