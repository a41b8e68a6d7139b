using System.Net;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Account;

public sealed class SignInTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_user_signs_in_and_sees_the_start_page(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", OpenIta.Data.Users.Role.Coordinator));

        var anonymous = app.Client();
        var start = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith("/account/login", start.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var client = await app.SignedInAsync("coordinator");
        var page = await client.GetStringAsync("/");
        Assert.Contains("หน่วยงาน spm", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_installation_points_from_the_sign_in_page_to_setup()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Contains("href=\"/setup\"", await app.Client().GetStringAsync("/account/login"), StringComparison.Ordinal);

        await app.AddUserAsync("someone");
        Assert.DoesNotContain("href=\"/setup\"", await app.Client().GetStringAsync("/account/login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        await using var app = await TestApp.StartAsync();
        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // A different name each time: this is the limit of one address, not the back-off of one name.
            statuses.Add((await TestApp.SignInAsync(client, $"nobody{i}", "wrong-password-1")).StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddUserAsync("someone");
        var response = await app.Client().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "someone",
            ["Password"] = TestApp.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_the_openapi_document_is_served()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("OpenITA API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
