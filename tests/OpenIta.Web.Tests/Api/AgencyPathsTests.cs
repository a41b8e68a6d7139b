using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>
/// Issue 9 L12: adding an agency wrote every agency's path again (about a second at 27,000 agencies), in two saves
/// without a transaction. Now only the new agency's path is written, and a move rewrites only the moved subtree.
/// </summary>
public sealed class AgencyPathsTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Adding_or_moving_an_agency_writes_only_the_paths_that_change(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("district", "prov");
        await app.AddAgencyAsync("elsewhere", kind: AgencyKind.Province);
        await app.AddAgencyAsync("unrelated");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        // A marker no rebuild would keep: the path of an agency the calls below have nothing to do with.
        const string Marker = "/999999/";
        await app.WithDbAsync(async db => (await db.Agencies.SingleAsync(a => a.Slug == "unrelated")).Path = Marker);

        var created = await admin.PostAsync("/api/v1/agencies", ApiCalls.Json("""{"slug": "tambon", "nameTh": "ตำบล", "parent": "district"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var paths = await app.WithDbAsync(db => db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Slug, a => (a.Id, a.Path)));
        Assert.Equal($"/{paths["prov"].Id}/{paths["district"].Id}/{paths["tambon"].Id}/", paths["tambon"].Path);
        Assert.Equal(Marker, paths["unrelated"].Path);

        var moved = await admin.PutAsync("/api/v1/agencies/district", ApiCalls.Json("""{"nameTh": "อำเภอ", "parent": "elsewhere"}"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        paths = await app.WithDbAsync(db => db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Slug, a => (a.Id, a.Path)));
        Assert.Equal($"/{paths["elsewhere"].Id}/{paths["district"].Id}/", paths["district"].Path);
        Assert.Equal($"/{paths["elsewhere"].Id}/{paths["district"].Id}/{paths["tambon"].Id}/", paths["tambon"].Path);
        Assert.Equal(Marker, paths["unrelated"].Path);

        // Below itself is refused, nothing moved.
        var cycle = await admin.PutAsync("/api/v1/agencies/district", ApiCalls.Json("""{"nameTh": "อำเภอ", "parent": "tambon"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal(paths, await app.WithDbAsync(db => db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Slug, a => (a.Id, a.Path))));
    }
}
