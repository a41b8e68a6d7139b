using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenIta.Data;
using Xunit;

namespace OpenIta.EndToEnd.Tests.Surveys;

/// <summary>
/// Issue 12, item 11: the phone number is nowhere but in the SMS sink. The real application as its own process logs at
/// Trace (every category, JSON lines), respondents verify their phones (one wrong code each), answer, and one answers
/// again (409); then every column of every table is read back, every log line, and every byte of every file of the run
/// — the SQLite file and its journal, or PostgreSQL's whole data directory after a checkpoint — in every form the number
/// could take (9 national digits, as ASCII and as UTF-16).
/// </summary>
public sealed class EitPrivacyTests
{
    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Sqlite, DatabaseEngine.Postgres };

    private static readonly string[] Phones = ["0861234567", "0917654321", "0623456789"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_phone_is_in_no_table_log_or_file_of_the_run_but_the_sms_sink(DatabaseEngine engine)
    {
        await using var run = await EitRun.CreateAsync(engine);
        string output;
        await using (var app = await run.StartAsync(
            ("Logging__Console__FormatterName", "json"),
            ("Logging__LogLevel__Default", "Trace"),
            ("Logging__LogLevel__Microsoft.AspNetCore", "Trace"),
            ("Logging__LogLevel__Microsoft.EntityFrameworkCore", "Trace"),
            ("Surveys__Otp__PerPhoneIntervalSeconds", "1")))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var questions = await EitRun.QuestionsAsync(client, run.EitLink);
            var answers = questions.ToDictionary(q => q.Code, q => q.Options[^1]);
            foreach (var phone in Phones)
            {
                var ticket = await run.TicketAsync(client, phone, "+66" + phone[1..], oneWrongFirst: true);
                using var created = await EitRun.PostJsonAsync(client, $"/api/v1/public/surveys/{run.EitLink}/responses", new { ticket, answers });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
            // The first phone again, written another way: the code goes out, the verification is a 409.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            using var asked = await EitRun.PostJsonAsync(client, $"/api/v1/public/surveys/{run.EitLink}/otp", new { phone = "+66 86 123 4567" });
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            var code = File.ReadLines(run.SmsFile).Last().Split('\t')[1][..6];
            using var again = await EitRun.PostJsonAsync(client, $"/api/v1/public/surveys/{run.EitLink}/verify", new { phone = "0861234567", code });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.DoesNotContain("861234567", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            output = app.Output;
        }

        var needles = Phones.Select(p => p[1..]).ToList(); // the 9 digits every written form contains
        // The sink has them (so the search would find them), and the log has the events (so it was captured).
        var sink = await File.ReadAllTextAsync(run.SmsFile);
        Assert.All(needles, n => Assert.Contains(n, sink, StringComparison.Ordinal));
        Assert.Contains("\"EventId\":1045", output, StringComparison.Ordinal);
        Assert.Contains("Microsoft.EntityFrameworkCore", output, StringComparison.Ordinal); // Trace reached EF Core
        foreach (var needle in needles)
        {
            Assert.DoesNotContain(needle, output, StringComparison.Ordinal);
        }

        // Every column of every table.
        var cells = await AllCellsAsync(run);
        Assert.Contains(cells, c => c.Contains(EitRun.Agency, StringComparison.Ordinal));
        foreach (var needle in needles)
        {
            Assert.DoesNotContain(cells, c => c.Contains(needle, StringComparison.Ordinal));
        }

        // Every byte of every file of the run.
        if (run.Postgres is { } postgres)
        {
            await using var connection = new NpgsqlConnection(postgres.ConnectionString);
            await connection.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        var folder = run.Postgres?.Folder ?? run.Folder;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
        var agencyFound = false;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // a socket or lock file of the server
            }
            agencyFound |= bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(EitRun.Agency)) >= 0;
            foreach (var needle in needles)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) < 0, $"{needle} in {file}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) < 0, $"{needle} (UTF-16) in {file}");
            }
        }
        Assert.True(agencyFound, $"the agency's slug is in none of the {files.Count} files under {folder}: the scan read nothing");
    }

    /// <summary>Every value of every column of every table, as text (bytes as hex and as text).</summary>
    private static async Task<List<string>> AllCellsAsync(EitRun run)
    {
        await using DbConnection connection = run.Engine == DatabaseEngine.Postgres
            ? new NpgsqlConnection(run.ConnectionString)
            : new SqliteConnection(run.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = run.Engine == DatabaseEngine.Postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("survey_phone_keys", tables);
        var cells = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    cells.Add(value is byte[] bytes
                        ? Convert.ToHexString(bytes) + " " + Encoding.UTF8.GetString(bytes)
                        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
        return cells;
    }
}
