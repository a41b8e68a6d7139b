using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>/api/v1/agencies: the readable agencies with filters; administrators add and move agencies.</summary>
public sealed class AgenciesApiTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_administrator_adds_and_moves_agencies_and_their_paths_follow(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));

        var province = await admin.PostAsync("/api/v1/agencies", ApiCalls.Json("""{"slug": "sakon-nakhon", "nameTh": "จังหวัดสกลนคร", "kind": "province", "province": "สกลนคร"}"""));
        Assert.Equal(HttpStatusCode.Created, province.StatusCode);
        Assert.Equal("/api/v1/agencies/sakon-nakhon", province.Headers.Location!.OriginalString);
        Assert.Equal("Province", (await ApiCalls.JsonOf(province)).GetProperty("kind").GetString());
        await admin.PostAsync("/api/v1/agencies", ApiCalls.Json("""{"slug": "district", "nameTh": "อำเภอ", "kind": "Other", "parent": "sakon-nakhon"}"""));
        var tambon = await admin.PostAsync("/api/v1/agencies", ApiCalls.Json(
            """{"slug": "maet-na-thom", "nameTh": "องค์การบริหารส่วนตำบลแมดนาท่ม", "abbreviation": "อบต.", "kind": "SubdistrictAdministration", "size": "Small", "province": "สกลนคร", "parent": "district"}"""));
        Assert.Equal(HttpStatusCode.Created, tambon.StatusCode);
        Assert.Equal("district", (await ApiCalls.JsonOf(tambon)).GetProperty("parent").GetString());

        // Moving the district moves the อบต. below it; the overseer of the province sees it through the path.
        await admin.PostAsync("/api/v1/agencies", ApiCalls.Json("""{"slug": "other-province", "nameTh": "จังหวัดอื่น", "kind": "Province"}"""));
        var moved = await admin.PutAsync("/api/v1/agencies/district", ApiCalls.Json("""{"nameTh": "อำเภอ", "nameEn": "District", "parent": "other-province"}"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("District", (await ApiCalls.JsonOf(moved)).GetProperty("nameEn").GetString());
        var paths = await app.WithDbAsync(db => db.Agencies.ToDictionaryAsync(a => a.Slug, a => a.Path));
        Assert.StartsWith(paths["other-province"], paths["maet-na-thom"], StringComparison.Ordinal);

        var overseer = await app.ApiClientAsync(await app.AddUserAsync("overseer", false, ("other-province", Role.Oversight)));
        var seen = await ApiCalls.JsonOf(await overseer.GetAsync("/api/v1/agencies"));
        Assert.Equal(["district", "maet-na-thom", "other-province"], seen.EnumerateArray().Select(a => a.GetProperty("slug").GetString()).ToList());
        var detail = await ApiCalls.JsonOf(await overseer.GetAsync("/api/v1/agencies/other-province"));
        Assert.True(detail.GetProperty("rights").GetProperty("oversee").GetBoolean());
        Assert.False(detail.GetProperty("rights").GetProperty("editResults").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_list_filters_by_kind_province_and_parent_within_what_the_user_may_read(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("a", "prov", AgencyKind.Municipality);
        await app.AddAgencyAsync("b", "prov", AgencyKind.SubdistrictAdministration);
        await app.AddAgencyAsync("c", "a", AgencyKind.SubdistrictAdministration);
        await app.AddAgencyAsync("hidden", "prov", AgencyKind.SubdistrictAdministration);
        await app.WithDbAsync(async db =>
        {
            await db.Agencies.Where(a => a.Slug == "b" || a.Slug == "c").ExecuteUpdateAsync(s => s.SetProperty(a => a.Province, "สกลนคร"));
            return 0;
        });
        var user = await app.ApiClientAsync(await app.AddUserAsync("viewer", false,
            ("prov", Role.Viewer), ("a", Role.Viewer), ("b", Role.Viewer), ("c", Role.Viewer)));

        async Task<List<string?>> Slugs(string query) =>
            (await ApiCalls.JsonOf(await user.GetAsync("/api/v1/agencies" + query))).EnumerateArray().Select(a => a.GetProperty("slug").GetString()).ToList();

        Assert.Equal(["a", "b", "c", "prov"], await Slugs(""));
        Assert.Equal(["b", "c"], await Slugs("?kind=subdistrictadministration"));
        Assert.Equal(["b", "c"], await Slugs("?province=สกลนคร"));
        Assert.Equal(["a", "b"], await Slugs("?parent=prov"));
        Assert.Equal(["b"], await Slugs("?parent=prov&kind=SubdistrictAdministration"));
        Assert.Empty(await Slugs("?parent=nowhere"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_list_is_paged_by_limit_and_offset_and_names_the_next_page(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.WithDbAsync(async db =>
        {
            await Dashboards.BulkResults.AddAsync(db, "prov", "n", 1_500, []);
            return 0;
        });
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));

        // The default page: 1,000 of the 1,501 agencies, in slug order, and a link to the rest.
        var first = await admin.GetAsync("/api/v1/agencies");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var slugs = (await ApiCalls.JsonOf(first)).EnumerateArray().Select(a => a.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(AgenciesApi.DefaultLimit, slugs.Count);
        Assert.Equal(slugs.Order(StringComparer.Ordinal), slugs);
        Assert.Equal("</api/v1/agencies?limit=1000&offset=1000>; rel=\"next\"", first.Headers.GetValues("Link").Single());

        var rest = await admin.GetAsync("/api/v1/agencies?limit=1000&offset=1000");
        var restSlugs = (await ApiCalls.JsonOf(rest)).EnumerateArray().Select(a => a.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(501, restSlugs.Count);
        Assert.False(rest.Headers.Contains("Link")); // the last page
        Assert.Empty(slugs.Intersect(restSlugs));

        // Filters are kept in the next page's link.
        var filtered = await admin.GetAsync("/api/v1/agencies?parent=prov&limit=2");
        Assert.Equal(2, (await ApiCalls.JsonOf(filtered)).GetArrayLength());
        Assert.Equal("</api/v1/agencies?parent=prov&limit=2&offset=2>; rel=\"next\"", filtered.Headers.GetValues("Link").Single());

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=5001", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset") })
        {
            var bad = await admin.GetAsync("/api/v1/agencies?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await ApiCalls.ProblemOf(bad)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }
}
