using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Setup;

/// <summary>/setup makes the first administrator while there is no user at all, and is gone (404) afterwards.</summary>
public sealed class SetupPageTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_first_visitor_makes_the_administrator_then_the_page_is_gone(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var browser = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/setup")).StatusCode);

        var mismatch = await PostAsync(browser, "admin", "first-password-1", "second-password-2");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var weak = await PostAsync(browser, "admin", "short", "short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));

        var made = await PostAsync(browser, "admin", TestApp.Password, TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var admin = await app.WithDbAsync(db => db.Users.SingleAsync());
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.IsAdministrator);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode); // signed in

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);
        var late = app.Client();
        var token = await TestApp.AntiforgeryTokenAsync(late, "/account/login");
        var second = await late.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "intruder", ["Password"] = TestApp.Password, ["ConfirmPassword"] = TestApp.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_database_with_a_user_has_no_setup_page()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddUserAsync("someone");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/setup")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string userName, string password, string confirm)
    {
        var token = await TestApp.AntiforgeryTokenAsync(browser, "/setup");
        return await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ConfirmPassword"] = confirm,
            ["__RequestVerificationToken"] = token,
        }));
    }
}
