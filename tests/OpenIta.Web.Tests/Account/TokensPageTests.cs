using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Account;

/// <summary>/account/tokens: a signed-in user makes a named token (seen once), lists and revokes their own tokens.</summary>
public sealed partial class TokensPageTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_user_makes_a_token_uses_it_and_revokes_it(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var browser = await app.SignedInAsync("coordinator");

        var made = await CreateAsync(browser, "ระบบรายงาน", "30");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Contains("no-store", made.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var html = await made.Content.ReadAsStringAsync();
        var token = NewToken().Match(html).Groups[1].Value;
        Assert.StartsWith("oita_", token, StringComparison.Ordinal);

        var api = app.Client();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies/spm")).StatusCode);

        var stored = await app.WithDbAsync(db => db.ApiTokens.SingleAsync());
        Assert.Equal("ระบบรายงาน", stored.Name);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.InRange(stored.ExpiresAtUnixMs!.Value - stored.CreatedAtUnixMs, TimeSpan.FromDays(30).TotalMilliseconds, TimeSpan.FromDays(30).TotalMilliseconds);

        var list = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("ระบบรายงาน", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal); // seen once

        var revoked = await PostAsync(browser, $"/account/tokens?handler=revoke&id={stored.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/agencies/spm")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task A_token_that_never_expires_and_a_nameless_token()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddUserAsync("someone");
        var browser = await app.SignedInAsync("someone");
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(browser, "forever", "")).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.ApiTokens.SingleAsync())).ExpiresAtUnixMs);

        var nameless = await CreateAsync(browser, "  ", "30");
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        var oddLifetime = await CreateAsync(browser, "odd", "12");
        Assert.Equal(HttpStatusCode.BadRequest, oddLifetime.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task Nobody_revokes_or_sees_another_users_tokens()
    {
        await using var app = await TestApp.StartAsync();
        var ownerId = await app.AddUserAsync("owner");
        await app.AddUserAsync("intruder");
        var owner = await app.ApiClientAsync(ownerId);
        var tokenId = await app.WithDbAsync(db => db.ApiTokens.Select(t => t.Id).SingleAsync());

        var intruder = await app.SignedInAsync("intruder");
        Assert.DoesNotContain(">test<", await intruder.GetStringAsync("/account/tokens"), StringComparison.Ordinal);
        await PostAsync(intruder, $"/account/tokens?handler=revoke&id={tokenId}", []);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/frameworks")).StatusCode);
    }

    [Fact]
    public async Task The_page_needs_a_browser_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        var anonymous = await app.Client().GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var withToken = await app.ApiClientAsync(await app.AddUserAsync("someone"));
        Assert.NotEqual(HttpStatusCode.OK, (await withToken.GetAsync("/account/tokens")).StatusCode);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient browser, string name, string days) =>
        PostAsync(browser, "/account/tokens?handler=create", new() { ["Name"] = name, ["Days"] = days });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TestApp.AntiforgeryTokenAsync(browser, "/account/tokens");
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("data-testid=\"new-token\">(oita_[A-Za-z0-9_-]+)<")]
    private static partial Regex NewToken();
}
