using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Account;

/// <summary>What a sign-in cookie and an API token open, and for how long.</summary>
public sealed class SessionsAndTokensTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_copied_session_cookie_stops_working_after_sign_out(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddUserAsync("someone");
        var browser = app.Client();
        var signedIn = await TestApp.SignInAsync(browser, "someone", TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("openita=", StringComparison.Ordinal)).Split(';')[0];

        var copy = app.Client();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        var token = await TestApp.AntiforgeryTokenAsync(browser, "/");
        var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await copy.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Signing in again works as before.
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "someone", TestApp.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_api_token_opens_the_api_but_not_the_pages_or_their_forms(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinatorId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "coordinator").Select(u => u.Id).SingleAsync());
        var token = await app.ApiClientAsync(coordinatorId);

        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/agencies/spm")).StatusCode);

        var page = await token.GetAsync("/agencies/spm/settings");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The form, with an anti-forgery token fetched the way a script would: nothing changes.
        var posted = await PostAsync(token, "/agencies/spm/settings", ("target", "50"), ("strengthAbove", ""), ("urgentBelow", ""));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Agencies.Where(a => a.Slug == "spm").Select(a => a.AnalysisTarget).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_token_s_last_use_is_written_at_most_once_a_minute(DatabaseEngine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, configure: TestHosting.With(clock));
        var api = await app.ApiClientAsync(await app.AddUserAsync("someone"));
        Task<long?> LastUsedAsync() => app.WithDbAsync(db => db.ApiTokens.Select(t => t.LastUsedAtUnixMs).SingleAsync());

        var first = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        Assert.Equal(first, await LastUsedAsync());

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        Assert.Equal(first, await LastUsedAsync()); // not written again within the minute

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), await LastUsedAsync());
    }

    [Fact]
    public async Task A_token_call_does_not_wait_behind_a_long_write_on_sqlite()
    {
        await using var app = await TestApp.StartAsync();
        var api = await app.ApiClientAsync(await app.AddUserAsync("someone"));

        // Another connection holds SQLite's write lock, as an import does while it writes.
        await using var writer = new SqliteConnection(app.ConnectionString);
        await writer.OpenAsync();
        await using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        var response = await api.GetAsync("/api/v1/agencies"); // the token's first use: its last use is due
        watch.Stop();
        await using (var rollback = writer.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        // Before: the last-use write waited for the lock (30 s), then 500 "database is locked".
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the call took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Null(await app.WithDbAsync(db => db.ApiTokens.Select(t => t.LastUsedAtUnixMs).SingleAsync()));
        // The next call writes it.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.ApiTokens.Select(t => t.LastUsedAtUnixMs).SingleAsync()));
    }

    [Fact]
    public async Task A_token_of_a_user_an_administrator_disabled_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.AddUserAsync("someone");
        var api = await app.ApiClientAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).LockoutEnd = DateTimeOffset.MaxValue;
            return 0;
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/agencies")).StatusCode);
    }
}
