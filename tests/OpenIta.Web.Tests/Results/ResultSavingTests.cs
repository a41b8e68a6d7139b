using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>Issue 9 L5: a post of the result form that lacks its fields wipes nothing.</summary>
public sealed class ResultSavingTests
{
    [Fact]
    public async Task Posting_the_result_form_with_only_the_anti_forgery_token_is_refused_and_keeps_the_figures()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("obt");
        await app.AddUserAsync("admin", true);
        await ResultPagesTests.StoreAsync(app, "obt", """
            {"fiscalYear": 2567,
             "indicators": {"1": 95.05, "2": 96.57, "3": 99.24, "4": 84.76, "5": 97.52, "6": 98.52, "7": 98.84, "8": 96.11},
             "subIndicators": {"9.1": 95, "9.2": 95, "9.3": 95, "9.4": 95, "9.5": 95, "10.1": 100, "10.2": 100}}
            """);
        var before = await app.WithDbAsync(db => db.Results.Select(r => new { r.InputJson, r.TotalHundredths, Scores = r.Scores.Count() }).SingleAsync());
        var client = await app.SignedInAsync("admin");
        const string path = "/agencies/obt/results/2567/edit";
        var token = await TestApp.AntiforgeryTokenAsync(client, path);

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await app.WithDbAsync(db => db.Results.Select(r => new { r.InputJson, r.TotalHundredths, Scores = r.Scores.Count() }).SingleAsync());
        Assert.Equal(before, after);
        Assert.Contains("value=\"84.76\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the form shows the stored figures
    }

    [Fact]
    public async Task A_field_left_out_of_a_post_keeps_its_stored_value_and_a_field_sent_empty_is_cleared()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        await ResultPagesTests.StoreAsync(app, "spm", """
            {"fiscalYear": 2565, "indicators": {"1": 85.84, "2": 74.30, "3": 78.71, "4": 74.27, "5": 75.26, "6": 90.94, "7": 85.74, "8": 82.34, "9": 100, "10": 100},
             "published": {"total": 89.21, "rating": "A"}}
            """);
        var client = await app.SignedInAsync("coordinator");
        const string path = "/agencies/spm/results/2565/edit";
        var token = await TestApp.AntiforgeryTokenAsync(client, path);

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["indicators.2"] = "80", ["published.rating"] = "",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var input = await app.WithDbAsync(db => db.Results.Select(r => r.InputJson).SingleAsync());
        Assert.Contains("\"2\": 80", input, StringComparison.Ordinal);
        Assert.Contains("\"1\": 85.84", input, StringComparison.Ordinal);
        Assert.Contains("\"total\": 89.21", input, StringComparison.Ordinal);
        Assert.DoesNotContain("rating", input, StringComparison.Ordinal);
    }
}
