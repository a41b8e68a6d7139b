using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Results.ResultPagesTests;

namespace OpenIta.Web.Tests.Results;

/// <summary>The analysis on the result page (issue 4, item 1): target gap and levers, tiers, themes.</summary>
public sealed partial class ResultAnalysisPageTests
{
    /// <summary>Seed 000 as the contract takes it: its indicators and the low question scores it lists.</summary>
    private static string Seed000WithQuestions()
    {
        var seed = JsonNode.Parse(File.ReadAllText(
            Path.Combine(RepositoryPaths.Root, "tests", "OpenIta.Core.Tests", "Seeds", "seed000-spm-2565.json")))!;
        return new JsonObject
        {
            ["fiscalYear"] = 2565,
            ["indicators"] = seed["indicators"]!.DeepClone(),
            ["questions"] = seed["questions"]!.DeepClone(),
        }.ToJsonString();
    }

    private static async Task<(TestApp App, HttpClient Client)> Seed000Async(string json)
    {
        var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        await StoreAsync(app, "spm", json);
        return (app, await app.SignedInAsync("coordinator"));
    }

    [Fact]
    public async Task Seed_000_reaches_the_pass_mark_by_default_and_is_3_79_short_of_93()
    {
        var (app, client) = await Seed000Async(Example("spm-2565.json"));
        await using var _ = app;

        var byDefault = Section(await client.GetStringAsync("/agencies/spm/results/2565"), "target-gap");
        Assert.Matches(@"id=""gap-target"">\s*<strong>85\.00</strong>", byDefault);
        Assert.Contains("<dd id=\"gap-total\">89.21</dd>", byDefault, StringComparison.Ordinal);
        Assert.Matches(@"id=""gap"">[\s\S]*?ถึงเป้าหมายแล้ว[\s\S]*?<strong>\+4\.21</strong>", byDefault);
        Assert.Contains("<form method=\"get\"", byDefault, StringComparison.Ordinal);

        var page = await client.GetStringAsync("/agencies/spm/results/2565?target=93");
        var gap = Section(page, "target-gap");
        Assert.Matches(@"id=""gap-target"">\s*<strong>93\.00</strong>", gap);
        Assert.Matches(@"id=""gap"">[\s\S]*?ยังขาดอีก[\s\S]*?<strong>3\.79</strong>", gap);
        Assert.Contains("value=\"93\"", gap, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"target-problem\"", page, StringComparison.Ordinal);

        // Levers: OIT's two indicators first (0.40 / 2 = 0.20 of total per point), then EIT (0.10), then IIT (0.06).
        var levers = Levers(gap);
        Assert.Equal(10, levers.Count);
        Assert.Equal([("9", "OIT", "0.20"), ("10", "OIT", "0.20")], levers.Take(2).Select(l => (l.Number, l.Instrument, l.Sensitivity)));
        Assert.All(levers.Skip(2).Take(3), l => Assert.Equal(("EIT", "0.10"), (l.Instrument, l.Sensitivity)));
        Assert.All(levers.Skip(5), l => Assert.Equal(("IIT", "0.06"), (l.Instrument, l.Sensitivity)));
        // OIT is at 100: it cannot close the gap. Indicator 8 (82.34, the lowest of EIT) needs 3.79 / 0.10 = 37.90:
        // more than its room, so it cannot either; no single indicator can.
        Assert.Contains("ตัวนี้ตัวเดียวไม่พอ", levers[0].Needed, StringComparison.Ordinal);
        Assert.Equal("8", levers[2].Number);
        Assert.Contains("ตัวนี้ตัวเดียวไม่พอ", levers[2].Needed, StringComparison.Ordinal);

        // A target within reach of one indicator: 90 is 0.79 short; indicator 8 needs +7.90 (to 90.24).
        var near = Levers(Section(await client.GetStringAsync("/agencies/spm/results/2565?target=90"), "target-gap"));
        Assert.Matches(@"\+7\.90[\s\S]*?90\.24", near.Single(l => l.Number == "8").Needed);
        Assert.Matches(@"\+13\.17", near.Single(l => l.Number == "4").Needed); // 0.79 / 0.06 = 13.1666… rounded up
    }

    [Fact]
    public async Task The_low_questions_of_seed_000_are_urgent_with_their_texts()
    {
        var (app, client) = await Seed000Async(Seed000WithQuestions());
        await using var _ = app;

        var page = await client.GetStringAsync("/agencies/spm/results/2565");
        Assert.Contains("<div class=\"figure\" id=\"total\">89.21</div>", page, StringComparison.Ordinal);
        var tiers = Section(page, "tiers");
        Assert.Contains("เร่งด่วน: ต่ำกว่า 85 · ที่ต้องพัฒนา: 85–92 · จุดแข็ง: มากกว่า 92", tiers, StringComparison.Ordinal);
        var urgent = Regex.Match(tiers, @"<table class=""data questions"" data-tier=""tier-urgent"">[\s\S]*?</table>");
        Assert.True(urgent.Success, "no urgent table");
        var codes = Regex.Matches(urgent.Value, @"data-code=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        // Every one of the 29 questions the seed lists as low (all under 85), the lowest first: I7 at 56.51.
        Assert.Equal(29, codes.Count);
        Assert.Equal("I7", codes[0]);
        Assert.Contains("E14", codes);
        Assert.Matches(@"data-code=""I7"">[\s\S]*?<td class=""num"">56\.51</td>", urgent.Value);
        Assert.DoesNotContain("data-tier=\"tier-improve\"", tiers, StringComparison.Ordinal);
        Assert.DoesNotContain("data-tier=\"tier-strength\"", tiers, StringComparison.Ordinal);
        // FY2565 has no theme mapping: no theme section.
        Assert.DoesNotContain("id=\"themes\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_in_each_tier_are_listed_with_the_framework_text()
    {
        var (app, client) = await Seed000Async("""
            {"fiscalYear": 2565,
             "indicators": {"1": 85.84, "2": 74.30, "3": 78.71, "4": 74.27, "5": 75.26, "6": 90.94, "7": 85.74, "8": 82.34, "9": 100, "10": 100},
             "questions": {"I1": 74.31, "I2": 88.50, "E1": 95.10}}
            """);
        await using var _ = app;

        var tiers = Section(await client.GetStringAsync("/agencies/spm/results/2565"), "tiers");
        Assert.Matches(@"data-tier=""tier-urgent"">[\s\S]*?data-code=""I1""[\s\S]*?74\.31[\s\S]*?</table>", tiers);
        Assert.Matches(@"data-tier=""tier-improve"">[\s\S]*?data-code=""I2""[\s\S]*?88\.50[\s\S]*?</table>", tiers);
        Assert.Matches(@"data-tier=""tier-strength"">[\s\S]*?data-code=""E1""[\s\S]*?95\.10[\s\S]*?</table>", tiers);
        Assert.DoesNotContain("ไม่ทราบข้อความของข้อนี้", tiers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FY2567_shows_the_seven_themes()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("obt");
        await app.AddUserAsync("admin", true);
        await StoreAsync(app, "obt", """
            {"fiscalYear": 2567,
             "indicators": {"1": 95.05, "2": 96.57, "3": 99.24, "4": 84.76, "5": 97.52, "6": 98.52, "7": 98.84, "8": 96.11},
             "subIndicators": {"9.1": 95, "9.2": 95, "9.3": 95, "9.4": 95, "9.5": 95, "10.1": 100, "10.2": 100},
             "oitItems": {"O10": 0, "O11": 100}}
            """);
        var client = await app.SignedInAsync("admin");

        var themes = Section(await client.GetStringAsync("/agencies/obt/results/2567"), "themes");
        Assert.Equal(7, Regex.Count(themes, @"data-theme=""\d"""));
        // Theme 1 lists O10, scored 0: it has weaknesses. Others have unscored items: not decided.
        Assert.Matches(@"data-theme=""1"">[\s\S]*?status-weak[\s\S]*?O10", themes);
        Assert.Matches(@"data-theme=""2"">[\s\S]*?status-unknown", themes);
        Assert.Contains("ยังสรุปไม่ได้", themes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("150")]
    [InlineData("-5")]
    [InlineData("93.456")]
    public async Task A_bad_target_is_a_message_and_the_pass_mark_is_used(string target)
    {
        var (app, client) = await Seed000Async(Example("spm-2565.json"));
        await using var _ = app;

        var response = await client.GetAsync("/agencies/spm/results/2565?target=" + Uri.EscapeDataString(target));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gap = Section(await response.Content.ReadAsStringAsync(), "target-gap");
        Assert.Matches(@"id=""target-problem"">[^<]*ใช้ไม่ได้", gap);
        Assert.Contains(WebUtility.HtmlEncode(target), gap, StringComparison.Ordinal);
        Assert.Matches(@"id=""gap-target"">\s*<strong>85\.00</strong>", gap);
    }

    [Fact]
    public async Task A_user_of_another_agency_gets_404_whatever_the_target()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("tceb");
        await app.AddUserAsync("other", false, ("tceb", Role.Coordinator));
        await StoreAsync(app, "spm", Example("spm-2565.json"));
        var client = await app.SignedInAsync("other");

        foreach (var path in new[] { "/agencies/spm/results/2565?target=93", "/agencies/spm/results/2565?target=abc" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task The_analysis_speaks_English_on_request()
    {
        var (app, client) = await Seed000Async(Example("spm-2565.json"));
        await using var _ = app;
        client.DefaultRequestHeaders.Add("Cookie", "lang=en");

        var page = await client.GetStringAsync("/agencies/spm/results/2565?target=93");
        Assert.Contains("Target gap", page, StringComparison.Ordinal);
        Assert.Contains("cannot alone", Section(page, "target-gap"), StringComparison.Ordinal);
        Assert.Contains("Urgent / to improve / strengths", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.OrdinalIgnoreCase);
    }

    private static List<(string Number, string Instrument, string Sensitivity, string Needed)> Levers(string gap) =>
        LeverRow().Matches(gap)
            .Select(m => (m.Groups["n"].Value, m.Groups["i"].Value, m.Groups["s"].Value, m.Groups["needed"].Value))
            .ToList();

    [GeneratedRegex(@"data-lever=""(?<n>\d+)"" data-instrument=""(?<i>\w+)"">[\s\S]*?class=""num sensitivity"">(?<s>[\d.]+)</td>\s*<td class=""needed"">(?<needed>[\s\S]*?)</td>")]
    private static partial Regex LeverRow();
}
