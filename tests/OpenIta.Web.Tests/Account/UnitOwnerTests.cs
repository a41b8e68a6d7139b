using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Measures;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Account;

/// <summary>
/// The unit-owner role's meaning in the web: the agency's units and who owns them (/agencies/{slug}/units), measures
/// naming units, and a unit owner's start page listing the measures of their units.
/// </summary>
public sealed class UnitOwnerTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_unit_owner_sees_the_measures_of_their_units_on_the_start_page(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        await app.AddUserAsync("unitowner2", false, ("spm", Role.UnitOwner));
        var coordinator = await app.SignedInAsync("coordinator");
        const string Units = "/agencies/spm/units";

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Units + "/add", ("name", "ศปท."), ("fullName", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Units + "/add", ("name", "กพบ."))).StatusCode);
        var twice = await PostAsync(coordinator, Units + "/add", ("name", "กพบ."));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("มีหน่วยงานย่อยชื่อ", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var units = await app.WithDbAsync(db => db.AgencyUnits.ToDictionaryAsync(u => u.Name, u => u.Id.ToString(CultureInfo.InvariantCulture)));
        var owner = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "unitowner").Select(u => u.Id).SingleAsync());
        var owner2 = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "unitowner2").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Units + "/owner", ("user", owner), ("units", units["ศปท."]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Units + "/owner", ("user", owner2), ("units", units["กพบ."]))).StatusCode);
        // Owning units needs the unit-owner role: a 400 in Thai, nothing written.
        var viewerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "viewer").Select(u => u.Id).SingleAsync());
        var notOwner = await PostAsync(coordinator, Units + "/owner", ("user", viewerId), ("units", units["ศปท."]));
        Assert.Equal(HttpStatusCode.BadRequest, notOwner.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.UnitOwners.CountAsync()));

        // A measure naming ศปท. (responsible units "ศปท." and "กองกลาง").
        await ReadyAsync(coordinator);
        var mine = await (await app.SignedInAsync("unitowner")).GetStringAsync("/");
        Assert.Contains("id=\"my-measures\"", mine, StringComparison.Ordinal);
        Assert.Contains(ReadyTitle, mine, StringComparison.Ordinal);
        var notMine = await (await app.SignedInAsync("unitowner2")).GetStringAsync("/");
        Assert.Contains("id=\"my-measures\"", notMine, StringComparison.Ordinal);
        Assert.DoesNotContain(ReadyTitle, notMine, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"my-measures\"", await coordinator.GetStringAsync("/"), StringComparison.Ordinal);

        // The editor ticks ศปท. from the agency's units and keeps กองกลาง, which is not one, as free text.
        var editor = await coordinator.GetStringAsync(await EditPathAsync(app, 1));
        Assert.Matches("<input type=\"checkbox\" name=\"UnitPick\" value=\"ศปท.\" checked=\"checked\"", editor);
        Assert.Matches("<input type=\"checkbox\" name=\"UnitPick\" value=\"กพบ.\" />", editor);
        Assert.Matches("<textarea name=\"Units\" rows=\"3\">กองกลาง</textarea>", editor);

        // Renamed, the unit no longer matches what the measure wrote; removed, its ownerships go with it.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"{Units}/rename?unit={units["ศปท."]}", ("name", "ศปท.ใหม่"))).StatusCode);
        Assert.DoesNotContain(ReadyTitle, await (await app.SignedInAsync("unitowner")).GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"{Units}/remove?unit={units["ศปท."]}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.UnitOwners.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_the_coordinator_and_administrators_manage_an_agency_s_units(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        await app.WithDbAsync(async db =>
        {
            db.AgencyUnits.Add(new AgencyUnit { AgencyId = await db.Agencies.Where(a => a.Slug == "other").Select(a => a.Id).SingleAsync(), Name = "ของผู้อื่น" });
            return 0;
        });
        var otherUnit = await app.WithDbAsync(db => db.AgencyUnits.Select(u => u.Id).SingleAsync());
        var expected = new Dictionary<string, (HttpStatusCode Page, HttpStatusCode Add)>
        {
            ["admin"] = (HttpStatusCode.OK, HttpStatusCode.Redirect),
            ["coordinator"] = (HttpStatusCode.OK, HttpStatusCode.Redirect),
            ["unitowner"] = (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ["executive"] = (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ["viewer"] = (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ["oversight"] = (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ["stranger"] = (HttpStatusCode.NotFound, HttpStatusCode.NotFound),
        };
        var failures = new List<string>();
        foreach (var (user, (page, add)) in expected)
        {
            var client = await app.SignedInAsync(user);
            var got = ((await client.GetAsync("/agencies/spm/units")).StatusCode, (await PostAsync(client, "/agencies/spm/units/add", ("name", "หน่วย " + user))).StatusCode);
            if (got != (page, add))
            {
                failures.Add($"{user}: expected {(int)page}/{(int)add}, got {(int)got.Item1}/{(int)got.Item2}");
            }
        }
        Assert.Empty(failures);
        Assert.Equal(["หน่วย admin", "หน่วย coordinator"], await app.WithDbAsync(db => db.AgencyUnits.Where(u => u.Agency!.Slug == "spm").Select(u => u.Name).OrderBy(n => n).ToListAsync()));
        // Another agency's unit through spm's page: not found, not renamed.
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, $"/agencies/spm/units/rename?unit={otherUnit}", ("name", "ยึด"))).StatusCode);
        Assert.Equal("ของผู้อื่น", await app.WithDbAsync(db => db.AgencyUnits.Where(u => u.Id == otherUnit).Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public void The_measure_form_reads_the_ticked_units_then_the_free_text()
    {
        var form = MeasureForm.From(new FormCollection(new Dictionary<string, StringValues>
        {
            ["UnitPick"] = new(["กพบ.", "ศปท."]),
            ["Units"] = "กองกลาง\nทุกส่วนราชการ",
        }));
        Assert.Equal("กพบ.\nศปท.\nกองกลาง\nทุกส่วนราชการ", form.Units);
        var (picked, others) = form.UnitsAgainst(["ศปท.", "กพบ.", "สลก."]);
        Assert.Equal(["กพบ.", "ศปท."], picked.Order(StringComparer.Ordinal));
        Assert.Equal("กองกลาง\nทุกส่วนราชการ", others);
    }
}
