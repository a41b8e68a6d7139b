using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>Issue 11: an agency's units, their owners, and what a unit owner may report on.</summary>
public sealed class UnitsTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_unit_name_is_unique_in_its_agency_but_not_across_agencies(DatabaseEngine engine)
    {
        var database = await PlanDb.CreateAsync(engine);
        var spm = await database.AgencyAsync("spm");
        var other = await database.AgencyAsync("other");
        await using var db = database.Open();
        var units = new UnitStore(db);
        await units.AddAsync(spm, " ศปท. ", "ศูนย์ปฏิบัติการต่อต้านการทุจริต");
        var twice = await Assert.ThrowsAsync<UnitException>(() => units.AddAsync(spm, "ศปท."));
        Assert.Contains("มีหน่วยงานย่อยชื่อ \"ศปท.\" อยู่แล้ว", twice.Th, StringComparison.Ordinal);
        await units.AddAsync(other, "ศปท.");
        var blank = await Assert.ThrowsAsync<UnitException>(() => units.AddAsync(spm, "  "));
        Assert.Equal("กรุณาระบุชื่อหน่วยงานย่อย", blank.Th);
        var listed = await units.UnitsAsync(spm.Id);
        Assert.Equal("ศปท.", Assert.Single(listed).Name);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_unit_owner_reports_only_on_what_names_a_unit_they_own(DatabaseEngine engine)
    {
        var database = await PlanDb.CreateAsync(engine);
        var spm = await database.AgencyAsync("spm");
        var owner = await database.UserAsync("owner", ("spm", Role.UnitOwner));
        var coordinator = await database.UserAsync("coordinator", ("spm", Role.Coordinator));
        var viewer = await database.UserAsync("viewer", ("spm", Role.Viewer));
        await using (var db = database.Open())
        {
            var units = new UnitStore(db);
            var cpt = await units.AddAsync(spm, "ศปท.");
            await units.AddAsync(spm, "กพบ.");
            await units.SetOwnedUnitsAsync(owner, spm.Id, [cpt.Id]);
            var refused = await Assert.ThrowsAsync<UnitException>(() => units.SetOwnedUnitsAsync(viewer, spm.Id, [cpt.Id]));
            Assert.StartsWith("ผู้ใช้นี้ไม่มีบทบาทเจ้าของหน่วยงานย่อย", refused.Th, StringComparison.Ordinal);
            Assert.Equal(["ศปท."], await units.OwnedUnitNamesAsync(owner, spm.Id));
        }

        var ownerRights = await database.PermissionsAsync(owner);
        Assert.True(ownerRights.CanReportOn(spm, ["กพบ.", "ศปท."]));
        Assert.False(ownerRights.CanReportOn(spm, ["กพบ."]));
        Assert.False(ownerRights.CanReportOn(spm, []));
        Assert.True(ownerRights.CanReportProgress(spm));
        Assert.False(ownerRights.CanManagePlans(spm));
        var measure = new Measure(1, "มาตรการ", MeasureKind.Improve, [], [], null,
            [new MeasureStep("ขั้นที่ ๑", ["กพบ."]), new MeasureStep("ขั้นที่ ๒", ["ศปท."])], new Timeline([]), [], null, null);
        Assert.True(ownerRights.CanReportOnMeasure(spm, measure));
        Assert.False(ownerRights.CanReportOnMeasure(spm, measure with { Steps = [new MeasureStep("ขั้นที่ ๑", ["กพบ."])] }));

        Assert.True((await database.PermissionsAsync(coordinator)).CanReportOn(spm, ["กพบ."]));
        Assert.False((await database.PermissionsAsync(viewer)).CanReportOn(spm, ["ศปท."]));
        Assert.False((await database.PermissionsAsync(viewer)).CanReportProgress(spm));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Taking_the_unit_owner_role_away_takes_the_units_with_it(DatabaseEngine engine)
    {
        var database = await PlanDb.CreateAsync(engine);
        var spm = await database.AgencyAsync("spm");
        var owner = await database.UserAsync("owner", ("spm", Role.UnitOwner), ("spm", Role.Viewer));
        await using (var db = database.Open())
        {
            var units = new UnitStore(db);
            var cpt = await units.AddAsync(spm, "ศปท.");
            await units.SetOwnedUnitsAsync(owner, spm.Id, [cpt.Id]);
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == owner && m.Role == Role.UnitOwner));
            await db.SaveChangesAsync();
            Assert.Empty(await db.UnitOwners.ToListAsync());
        }
        Assert.False((await database.PermissionsAsync(owner)).CanReportOn(spm, ["ศปท."]));
    }
}
