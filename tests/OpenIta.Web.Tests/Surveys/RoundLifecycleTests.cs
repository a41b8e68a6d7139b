using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Reports.Thai;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>A round's dates (the year's, overridden per group), the oversight's list of agencies below minimum, stale writes.</summary>
public sealed class RoundLifecycleTests
{
    [Fact]
    public async Task A_round_takes_its_nearest_group_s_dates_and_its_link_answers_404_after_them()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("province");
        await app.AddAgencyAsync("tambon", "province");
        await app.AddAgencyAsync("elsewhere");
        var today = ThaiTime.Today(TimeProvider.System);
        await app.WithDbAsync(async db =>
        {
            var province = await db.Agencies.SingleAsync(a => a.Slug == "province");
            await SurveyRounds.SetWindowAsync(db, 2567, null, today.AddDays(-30), today.AddDays(30), SurveyFixtures.Admin, TimeProvider.System);
            return await SurveyRounds.SetWindowAsync(db, 2567, province.Id, today.AddDays(-30), today.AddDays(-1), SurveyFixtures.Admin, TimeProvider.System);
        });
        var tambon = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        Assert.Equal(today.AddDays(-1), tambon.ClosesOn);
        var elsewhere = await app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "elsewhere");
            await SurveyRounds.RegisterAsync(db, SurveyFixtures.Catalog, agency, 2567, 5, 6, null, null, null, SurveyFixtures.Admin, TimeProvider.System);
            return await SurveyRounds.OpenAsync(db, SurveyFixtures.Catalog, agency, 2567, null, SurveyFixtures.Admin, TimeProvider.System);
        });
        Assert.Equal(today.AddDays(30), elsewhere.ClosesOn);

        var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/surveys/{await SurveyFixtures.LinkAsync(app, tambon.Id, Instrument.Iit)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/public/surveys/{await SurveyFixtures.LinkAsync(app, elsewhere.Id, Instrument.Iit)}")).StatusCode);
    }

    [Fact]
    public async Task Oversight_lists_the_group_s_open_rounds_below_a_minimum()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("province");
        await app.AddAgencyAsync("tambon", "province");
        await app.AddAgencyAsync("elsewhere");
        await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        await app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "elsewhere");
            await SurveyRounds.RegisterAsync(db, SurveyFixtures.Catalog, agency, 2567, 5, 6, null, null, null, SurveyFixtures.Admin, TimeProvider.System);
            return await SurveyRounds.OpenAsync(db, SurveyFixtures.Catalog, agency, 2567, null, SurveyFixtures.Admin, TimeProvider.System);
        });
        var below = await app.WithDbAsync(async db =>
        {
            var province = await db.Agencies.SingleAsync(a => a.Slug == "province");
            return await SurveyRounds.BelowMinimumAsync(db, SurveyFixtures.Catalog, province.Path, 2567);
        });
        var round = Assert.Single(below);
        Assert.Equal("tambon", round.Round.Agency!.Slug);
        Assert.Equal([Instrument.Iit, Instrument.Eit1, Instrument.Eit2], round.BelowMinimum.Select(m => m.Instrument));
    }

    [Fact]
    public async Task A_registration_from_a_stale_version_is_a_409()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("tambon");
        var round = await app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "tambon");
            return await SurveyRounds.RegisterAsync(db, SurveyFixtures.Catalog, agency, 2567, 5, 6, null, null, null, SurveyFixtures.Admin, TimeProvider.System);
        });
        var stale = await Assert.ThrowsAsync<SurveyException>(() => app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "tambon");
            return await SurveyRounds.RegisterAsync(db, SurveyFixtures.Catalog, agency, 2567, 7, 6, null, null, round.Version + 1, SurveyFixtures.Admin, TimeProvider.System);
        }));
        Assert.Equal(409, stale.Status);
        var negative = await Assert.ThrowsAsync<SurveyException>(() => app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "tambon");
            return await SurveyRounds.RegisterAsync(db, SurveyFixtures.Catalog, agency, 2567, -1, 6, null, null, null, SurveyFixtures.Admin, TimeProvider.System);
        }));
        Assert.Equal("internalStakeholders", negative.Field);
    }
}
