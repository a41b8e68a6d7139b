using System.Net;
using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Api;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// Minimum samples at their edges (DOMAIN.md §2.4, FY2567): everyone below 30 people, 20 % but at least 30 from 30 on,
/// 400 above 2,000; EIT part 2 takes 20 % of part 1's minimum, at least 20. Through the core and through the round's API.
/// </summary>
public sealed class MinimumSampleEdgeTests
{
    public static TheoryData<int, int, int> Edges => new()
    {
        { 29, 29, 20 },
        { 30, 30, 20 },
        { 2000, 400, 80 },
        { 2001, 400, 80 },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void The_core_gives_the_minimum_at_each_edge(int people, int minimum, int eit2)
    {
        var minimums = MinimumSamples.Compute(FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567)), people, people);
        Assert.Equal(minimum, minimums.Single(m => m.Instrument == Instrument.Iit).Minimum);
        Assert.Equal(minimum, minimums.Single(m => m.Instrument == Instrument.Eit1).Minimum);
        Assert.Equal(eit2, minimums.Single(m => m.Instrument == Instrument.Eit2).Minimum);
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task The_assessment_api_shows_the_minimum_at_each_edge(int people, int minimum, int eit2)
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("tambon");
        var coordinator = await app.AddUserAsync("coordinator", false, ("tambon", Role.Coordinator));
        await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, people, people);

        var response = await (await app.ApiClientAsync(coordinator)).GetAsync("/api/v1/agencies/tambon/assessments/2567");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var minimums = (await ApiCalls.JsonOf(response)).GetProperty("minimums");
        Assert.Equal(minimum, minimums.GetProperty("IIT").GetInt32());
        Assert.Equal(minimum, minimums.GetProperty("EIT1").GetInt32());
        Assert.Equal(eit2, minimums.GetProperty("EIT2").GetInt32());
    }
}
