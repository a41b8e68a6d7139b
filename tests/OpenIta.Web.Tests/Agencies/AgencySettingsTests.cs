using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Agencies;

/// <summary>An agency's own target and tier thresholds (issue 4, item 1): set by its coordinator, used by the analysis.</summary>
public sealed class AgencySettingsTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string Settings = "/agencies/spm/settings";
    private const string I3Urgent = @"<tr class=""tier-urgent\s*"" data-code=""I3"">";
    private const string I3ToImprove = @"<tr class=""tier-improve\s*"" data-code=""I3"">";

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_coordinator_sets_the_target_and_thresholds_and_the_analysis_uses_them(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");

        // Defaults: I3 (75.80) is urgent, below 85.
        Assert.Matches(I3Urgent, await coordinator.GetStringAsync("/agencies/spm/results/2565"));

        // Refused, naming the fields, and nothing saved.
        var bad = await PostAsync(coordinator, Settings, ("target", "101"), ("strengthAbove", "80"), ("urgentBelow", "abc"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Matches(@"data-field=""target"">[^<]*<span[^>]*>[^<]*</span>\s*<input[^>]*>\s*<span class=""error"">[^<]*101", page);
        Assert.Contains("abc", page, StringComparison.Ordinal);
        var crossed = await PostAsync(coordinator, Settings, ("target", ""), ("strengthAbove", "80"), ("urgentBelow", "85"));
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Agencies.Where(a => a.Slug == "spm").Select(a => a.AnalysisTarget).SingleAsync()));

        // Saved: target 93 (seed 004's), urgent below 75.
        var saved = await PostAsync(coordinator, Settings, ("target", "93"), ("strengthAbove", ""), ("urgentBelow", "75"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var agency = await app.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Slug == "spm"));
        Assert.Equal((93m, (decimal?)null, 75m), (agency.AnalysisTarget!.Value, agency.StrengthAbove, agency.UrgentBelow!.Value));

        // The result page now measures the gap to 93 (89.21 → 3.79) and I3 (75.80) is no longer urgent.
        var after = await coordinator.GetStringAsync("/agencies/spm/results/2565");
        Assert.Contains("3.79", after.Split("id=\"target-gap\"")[1], StringComparison.Ordinal);
        Assert.Matches(I3ToImprove, after);

        // Only the coordinator (or an administrator) changes them.
        var viewer = await app.SignedInAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(Settings)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(viewer, Settings, ("target", "50"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync(Settings)).StatusCode);
        Assert.Equal(93m, await app.WithDbAsync(db => db.Agencies.Where(a => a.Slug == "spm").Select(a => a.AnalysisTarget!.Value).SingleAsync()));
    }
}
