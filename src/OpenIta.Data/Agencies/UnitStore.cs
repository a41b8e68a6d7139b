using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Text;
using OpenIta.Data.Users;

namespace OpenIta.Data.Agencies;

/// <summary>A change to units the rules refuse (a name used twice, a unit of another agency, an owner without the
/// unit-owner role): a 4xx to clients, Thai and English.</summary>
public sealed class UnitException(string th, string en) : Exception(en)
{
    public string Th { get; } = th;
    public string En { get; } = en;
}

/// <summary>A unit with the users who own it.</summary>
public sealed record UnitView(int Id, string Name, string? FullName, IReadOnlyList<UnitOwnerView> Owners);

/// <summary>One owner of a unit: the user and the unit-owner membership the ownership hangs on.</summary>
public sealed record UnitOwnerView(string UserId, string? UserName, string DisplayName, int MembershipId);

/// <summary>
/// An agency's units and who owns them: what the user administration pages and the plan import call. Who may call it
/// is the caller's <see cref="Permissions.CanManageUnits"/>; this class keeps the rules of the data (a name unique in
/// the agency and a valid <see cref="UserText"/> name; owners hold the unit-owner role of the unit's agency).
/// </summary>
public sealed class UnitStore(OpenItaDb db)
{
    /// <summary>The agency's units by name, each with its owners.</summary>
    public async Task<IReadOnlyList<UnitView>> UnitsAsync(int agencyId, CancellationToken cancellationToken = default)
    {
        var units = await db.AgencyUnits.AsNoTracking().Where(u => u.AgencyId == agencyId)
            .Select(u => new
            {
                u.Id,
                u.Name,
                u.FullName,
                Owners = u.Owners.Select(o => new UnitOwnerView(o.Membership!.UserId, o.Membership.User!.UserName, o.Membership.User.DisplayName, o.MembershipId)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. units.OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new UnitView(u.Id, u.Name, u.FullName, [.. u.Owners.OrderBy(o => o.DisplayName, StringComparer.Ordinal)]))];
    }

    /// <summary>The names of the units the user owns in the agency (through their unit-owner role).</summary>
    public async Task<IReadOnlyList<string>> OwnedUnitNamesAsync(string userId, int agencyId, CancellationToken cancellationToken = default) =>
        await db.UnitOwners.AsNoTracking()
            .Where(o => o.Membership!.UserId == userId && o.Membership.AgencyId == agencyId && o.Membership.Role == Role.UnitOwner)
            .Select(o => o.Unit!.Name).OrderBy(n => n).ToListAsync(cancellationToken);

    /// <summary>Adds a unit; refused when the name is not a valid name or the agency has a unit of that name.</summary>
    public async Task<AgencyUnit> AddAsync(Agency agency, string name, string? fullName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var unit = new AgencyUnit { AgencyId = agency.Id, Name = CheckName(name), FullName = CheckFullName(fullName) };
        await UniqueAsync(agency.Id, unit.Name, null, cancellationToken);
        db.AgencyUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    /// <summary>
    /// Renames a unit. Plans name their owners by text, so items that named the old name no longer name the unit: the
    /// page that renames says so.
    /// </summary>
    public async Task<AgencyUnit> RenameAsync(int unitId, string name, string? fullName = null, CancellationToken cancellationToken = default)
    {
        var unit = await LoadAsync(unitId, cancellationToken);
        var trimmed = CheckName(name);
        await UniqueAsync(unit.AgencyId, trimmed, unit.Id, cancellationToken);
        unit.Name = trimmed;
        unit.FullName = CheckFullName(fullName);
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    /// <summary>Removes a unit and its ownerships (the plans that name it keep the name as text).</summary>
    public async Task RemoveAsync(int unitId, CancellationToken cancellationToken = default)
    {
        db.AgencyUnits.Remove(await LoadAsync(unitId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the units of <paramref name="unitIds"/> the ones the user owns in the agency (others are let go). The user
    /// must hold the unit-owner role of the agency, and every unit must be the agency's.
    /// </summary>
    public async Task SetOwnedUnitsAsync(string userId, int agencyId, IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        var membership = await db.Memberships
            .SingleOrDefaultAsync(m => m.UserId == userId && m.AgencyId == agencyId && m.Role == Role.UnitOwner, cancellationToken)
            ?? throw new UnitException("ผู้ใช้นี้ไม่มีบทบาทเจ้าของหน่วยงานย่อยในหน่วยงานนี้ กรุณากำหนดบทบาทก่อน",
                "This user does not hold the unit-owner role of the agency; give the role first.");
        var wanted = unitIds.Distinct().ToList();
        var units = await db.AgencyUnits.Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.AgencyId }).ToListAsync(cancellationToken);
        if (units.Count != wanted.Count || units.Any(u => u.AgencyId != agencyId))
        {
            throw new UnitException("หน่วยงานย่อยที่เลือกไม่ใช่ของหน่วยงานนี้", "A chosen unit is not one of this agency's.");
        }
        var current = await db.UnitOwners.Where(o => o.MembershipId == membership.Id).ToListAsync(cancellationToken);
        db.UnitOwners.RemoveRange(current.Where(o => !wanted.Contains(o.UnitId)));
        db.UnitOwners.AddRange(wanted.Where(id => current.All(o => o.UnitId != id)).Select(id => new UnitOwner { MembershipId = membership.Id, UnitId = id }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the units of <paramref name="names"/> the agency does not have yet (a plan's owners, on import);
    /// not saved: the caller saves with what it imports.</summary>
    public async Task<IReadOnlyList<AgencyUnit>> AddMissingAsync(int agencyId, IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.AgencyUnits.Where(u => u.AgencyId == agencyId).Select(u => u.Name).ToListAsync(cancellationToken);
        var added = wanted.Except(known, StringComparer.Ordinal).Select(n => new AgencyUnit { AgencyId = agencyId, Name = CheckName(n) }).ToList();
        db.AgencyUnits.AddRange(added);
        return added;
    }

    private async Task UniqueAsync(int agencyId, string name, int? except, CancellationToken cancellationToken)
    {
        if (await db.AgencyUnits.AnyAsync(u => u.AgencyId == agencyId && u.Name == name && u.Id != except, cancellationToken))
        {
            throw new UnitException($"มีหน่วยงานย่อยชื่อ \"{name}\" อยู่แล้ว", $"The agency already has a unit named \"{name}\".");
        }
    }

    private async Task<AgencyUnit> LoadAsync(int unitId, CancellationToken cancellationToken) =>
        await db.AgencyUnits.SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new KeyNotFoundException($"No unit {unitId}.");

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new UnitException("กรุณาระบุชื่อหน่วยงานย่อย", "A unit needs a name.");
        }
        var trimmed = name.Trim();
        return UserText.Check(trimmed, UserText.ShortMax) is { } problem
            ? throw new UnitException("ชื่อหน่วยงานย่อย" + problem.Th, "The unit's name " + problem.En)
            : trimmed;
    }

    private static string? CheckFullName(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return null;
        }
        var trimmed = fullName.Trim();
        return UserText.Check(trimmed, UserText.NameMax) is { } problem
            ? throw new UnitException("ชื่อเต็มของหน่วยงานย่อย" + problem.Th, "The unit's full name " + problem.En)
            : trimmed;
    }
}
