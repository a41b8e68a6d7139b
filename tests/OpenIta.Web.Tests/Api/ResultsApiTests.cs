using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>The main flows of the results API, with an API token, on both database engines.</summary>
public sealed class ResultsApiTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_coordinator_puts_seed_000_and_reads_it_back(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var coordinator = await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.ApiClientAsync(coordinator);

        var put = await client.PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json(ApiCalls.Spm2565));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var card = await ApiCalls.JsonOf(put);
        Assert.Equal("89.21", card.GetProperty("totalDisplay").GetString());
        Assert.Equal("A", card.GetProperty("rating").GetProperty("code").GetString());
        Assert.True(card.GetProperty("passed").GetBoolean());
        Assert.Equal("77.68", card.GetProperty("instruments").GetProperty("IIT").GetProperty("display").GetString());
        Assert.Equal("86.34", card.GetProperty("instruments").GetProperty("EIT").GetProperty("display").GetString());
        Assert.Equal("100.00", card.GetProperty("instruments").GetProperty("OIT").GetProperty("display").GetString());

        var list = await ApiCalls.JsonOf(await client.GetAsync("/api/v1/agencies/spm/results"));
        var year = Assert.Single(list.EnumerateArray());
        Assert.Equal(2565, year.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(89.206m, year.GetProperty("total").GetDecimal()); // exact: 0.3·77.68 + 0.3·86.34 + 0.4·100
        Assert.Equal("89.21", year.GetProperty("totalDisplay").GetString());
        Assert.Equal("A", year.GetProperty("rating").GetString());
        Assert.True(year.GetProperty("passed").GetBoolean());
        Assert.Equal("coordinator", year.GetProperty("updatedBy").GetString());

        var get = await client.GetAsync("/api/v1/agencies/spm/results/2565");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var stored = await ApiCalls.JsonOf(get);
        Assert.Equal(85.84m, stored.GetProperty("input").GetProperty("indicators").GetProperty("1").GetDecimal());
        Assert.Equal("A", stored.GetProperty("input").GetProperty("published").GetProperty("rating").GetString());
        Assert.Equal("89.21", stored.GetProperty("scoreCard").GetProperty("totalDisplay").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("scoreError").ValueKind);

        // Saved through ResultStore: the levels are in SQL, as hundredths.
        var iit = await app.WithDbAsync(db => db.ResultScores.Where(s => s.Code == "IIT").Select(s => s.Hundredths).SingleAsync());
        Assert.Equal(7768, iit);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Putting_a_year_again_replaces_it_and_delete_removes_it_with_its_scores(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var client = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json(ApiCalls.Spm2565))).StatusCode);
        var second = await client.PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json("""{"fiscalYear": 2565, "total": 70}"""));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("70.00", (await ApiCalls.JsonOf(second)).GetProperty("totalDisplay").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Results.CountAsync()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/agencies/spm/results/2565")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/agencies/spm/results/2565")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/agencies/spm/results/2565")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ResultScores.CountAsync()));
    }

    [Fact]
    public async Task Score_answers_exactly_what_the_cli_prints_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.ApiClientAsync(await app.AddUserAsync("someone"));
        var response = await client.PostAsync("/api/v1/score", ApiCalls.Json(ApiCalls.Spm2565));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var cli = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "OpenIta.Cli.Tests", "Approved", "score-spm-2565-json.approved.txt"));
        Assert.Equal(cli.TrimEnd(), (await response.Content.ReadAsStringAsync()).TrimEnd());
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task The_browser_cookie_reads_and_scores_but_cannot_change_anything()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var browser = await app.SignedInAsync("coordinator");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/agencies/spm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/score", ApiCalls.Json(ApiCalls.Spm2565))).StatusCode);

        var put = await browser.PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json(ApiCalls.Spm2565));
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("Bearer", put.Headers.WwwAuthenticate.Single().Scheme);
        await ApiCalls.ProblemOf(put);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.DeleteAsync("/api/v1/agencies/spm/results/2565")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Groups_summary_counts_in_sql_what_the_agencies_below_have(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("province", kind: OpenIta.Data.Agencies.AgencyKind.Province);
        foreach (var slug in new[] { "a", "b", "c", "d" })
        {
            await app.AddAgencyAsync(slug, "province");
        }
        await app.AddAgencyAsync("a-unit", "a");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        foreach (var (slug, total) in new[] { ("a", "90.5"), ("b", "84.99"), ("a-unit", "86"), ("c", "40") })
        {
            var put = await admin.PutAsync($"/api/v1/agencies/{slug}/results/2567", ApiCalls.Json($$"""{"fiscalYear": 2567, "total": {{total}}}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        await admin.PutAsync("/api/v1/agencies/d/results/2566", ApiCalls.Json("""{"fiscalYear": 2566, "total": 99}"""));
        var overseer = await app.ApiClientAsync(await app.AddUserAsync("overseer", false, ("province", Role.Oversight)));

        var response = await overseer.GetAsync("/api/v1/groups/province/summary?year=2567");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await ApiCalls.JsonOf(response);
        Assert.Equal(5, summary.GetProperty("agencies").GetInt32());
        Assert.Equal(4, summary.GetProperty("withResults").GetInt32());
        Assert.Equal(2, summary.GetProperty("passed").GetInt32());
        Assert.Equal(50m, summary.GetProperty("passRatePercent").GetDecimal());
        Assert.Equal(75.37m, summary.GetProperty("averageTotal").GetDecimal()); // (90.50 + 84.99 + 86.00 + 40.00) / 4 = 75.3725
        var ranked = summary.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("slug").GetString()).ToList();
        Assert.Equal(["a", "a-unit", "b", "c", "d"], ranked);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rows")[4].GetProperty("total").ValueKind);

        var latest = await ApiCalls.JsonOf(await overseer.GetAsync("/api/v1/groups/province/summary"));
        Assert.Equal(2567, latest.GetProperty("fiscalYear").GetInt32());
        var below = await ApiCalls.JsonOf(await overseer.GetAsync("/api/v1/groups/a/summary?year=2567"));
        Assert.Equal(1, below.GetProperty("agencies").GetInt32());
    }
}
