using OpenIta.Data.Users;

namespace OpenIta.Data.Agencies;

/// <summary>
/// A unit of an agency (หน่วยงานย่อย: ศปท., กองการเจ้าหน้าที่, กพบ. …), as the owners of plan items and measure steps
/// name it. <see cref="Name"/> is unique in its agency and is what a plan's <c>owners</c> and a measure's responsible
/// units write, compared exactly (after trimming), so that a unit owner reports on the items that name their unit.
/// </summary>
public sealed class AgencyUnit
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>The name plans use for the unit (ศปท., กพบ.); unique in the agency.</summary>
    public required string Name { get; set; }

    /// <summary>The unit's full name when <see cref="Name"/> is an abbreviation (ศูนย์ปฏิบัติการต่อต้านการทุจริต).</summary>
    public string? FullName { get; set; }

    public List<UnitOwner> Owners { get; set; } = [];
}

/// <summary>
/// A unit owned by a user with the <see cref="Role.UnitOwner"/> role in the unit's agency: the link is to that
/// membership, so that taking the role away takes the units with it. A unit may have several owners and an owner
/// several units.
/// </summary>
public sealed class UnitOwner
{
    public int Id { get; set; }
    public int MembershipId { get; set; }
    public Membership? Membership { get; set; }
    public int UnitId { get; set; }
    public AgencyUnit? Unit { get; set; }
}
