using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenIta.Data;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace OpenIta.EndToEnd.Tests.Surveys;

/// <summary>
/// Issue 12, item 11: kill -9 of the application during a stream of survey submissions loses no response it
/// acknowledged (201), and leaves no EIT response without its phone's mark or a mark without its response. The real
/// application as its own process on a real SQLite file or PostgreSQL server; two clients send IIT responses, each
/// response's answers spelling its own number (so that each acknowledged one can be found again), a third verifies
/// phones and sends EIT responses with their tickets; the application is killed (SIGKILL, its own process id) at
/// several moments, restarted on the same database, and the database checked after each kill.
/// </summary>
public sealed class SurveyKillTests
{
    private static readonly int[] KillAfterMs = [400, 1200, 2500];

    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Sqlite, DatabaseEngine.Postgres };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Kill_9_during_survey_submissions_loses_no_acknowledged_response(DatabaseEngine engine)
    {
        await using var run = await EitRun.CreateAsync(engine);
        List<(string Code, List<string> Options)> questions = [];
        var acknowledged = new List<int>();     // IIT response numbers answered 201
        var acknowledgedEit = 0;
        var next = 0;
        var phone = 0;
        var diedInFlight = 0;
        foreach (var killAfter in KillAfterMs)
        {
            await using var app = await run.StartAsync();
            await AssertKeptAsync(run, questions, acknowledged, acknowledgedEit);
            using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            if (questions.Count == 0)
            {
                questions = await EitRun.QuestionsAsync(client, run.IitLink);
            }

            async Task<bool> SendAsync(int number)
            {
                var answers = Answers(questions, number);
                using var response = await EitRun.PostJsonAsync(client, $"/api/v1/public/surveys/{run.IitLink}/responses", new { answers });
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"response {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                lock (acknowledged)
                {
                    acknowledged.Add(number);
                }
                return true;
            }

            // One before the clock starts: the application is warm, and its row is read back as its answers spell it.
            await SendAsync(Interlocked.Increment(ref next));
            await AssertKeptAsync(run, questions, acknowledged, acknowledgedEit);

            using var stop = new CancellationTokenSource();
            var iit = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await SendAsync(Interlocked.Increment(ref next));
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref diedInFlight);
                        return;
                    }
                }
            })).ToList();
            var eit = Task.Run(async () =>
            {
                var eitQuestions = await EitRun.QuestionsAsync(client, run.EitLink);
                var answers = eitQuestions.ToDictionary(q => q.Code, q => q.Options[0]);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var n = Interlocked.Increment(ref phone);
                        var local = string.Create(CultureInfo.InvariantCulture, $"09{n:00000000}");
                        var ticket = await run.TicketAsync(client, local, "+66" + local[1..]);
                        using var response = await EitRun.PostJsonAsync(client, $"/api/v1/public/surveys/{run.EitLink}/responses", new { ticket, answers });
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        Interlocked.Increment(ref acknowledgedEit);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            });

            await Task.Delay(killAfter);
            await app.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(iit);
            await eit;
        }

        await using (await run.StartAsync())
        {
            await AssertKeptAsync(run, questions, acknowledged, acknowledgedEit);
        }
        Assert.True(diedInFlight >= KillAfterMs.Length, $"only {diedInFlight} submissions were in flight at a kill: the test did not test");
        Assert.True(acknowledged.Count > 3 * KillAfterMs.Length, $"only {acknowledged.Count} responses acknowledged");
        Assert.True(acknowledgedEit > 0, "no EIT response was acknowledged");
    }

    /// <summary>Answers that spell <paramref name="number"/> digit by digit, each question's options as its digits.</summary>
    private static Dictionary<string, string> Answers(List<(string Code, List<string> Options)> questions, int number)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = number;
        foreach (var (code, options) in questions)
        {
            answers[code] = options[rest % options.Count];
            rest /= options.Count;
        }
        Assert.Equal(0, rest); // the questionnaire has room for the number
        return answers;
    }

    /// <summary>The stored cells of an answer vector: 1 + the index of each answer, in the questionnaire's order.</summary>
    private static string Cells(List<(string Code, List<string> Options)> questions, int number)
    {
        var answers = Answers(questions, number);
        return Convert.ToHexString(questions.Select(q => (byte)(1 + q.Options.IndexOf(answers[q.Code]))).ToArray());
    }

    /// <summary>Every acknowledged IIT response is stored; EIT responses and phone marks are as many as each other, and
    /// at least as many as were acknowledged.</summary>
    private static async Task AssertKeptAsync(EitRun run, List<(string Code, List<string> Options)> questions, List<int> acknowledged, int acknowledgedEit)
    {
        await using DbConnection connection = run.Engine == DatabaseEngine.Postgres
            ? new NpgsqlConnection(run.ConnectionString)
            : new SqliteConnection(run.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var eit = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Instrument\", \"Answers\" FROM survey_responses";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetString(0) == "IIT")
                {
                    stored.Add(Convert.ToHexString((byte[])reader.GetValue(1)));
                }
                else
                {
                    eit++;
                }
            }
        }
        await using var marks = connection.CreateCommand();
        marks.CommandText = "SELECT COUNT(*) FROM survey_phone_keys";
        var phoneKeys = Convert.ToInt32(await marks.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        int[] expected;
        lock (acknowledged)
        {
            expected = [.. acknowledged];
        }
        var lost = expected.Where(n => !stored.Contains(Cells(questions, n))).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged responses lost (of {expected.Length}): {string.Join(", ", lost.Take(20))}");
        Assert.True(stored.Count >= expected.Length, $"{stored.Count} stored, {expected.Length} acknowledged");
        Assert.Equal(eit, phoneKeys);
        Assert.True(eit >= acknowledgedEit, $"{eit} EIT responses stored, {acknowledgedEit} acknowledged");
    }
}
