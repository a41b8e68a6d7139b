using Microsoft.AspNetCore.Identity;

namespace OpenIta.Data.Users;

/// <summary>A person who signs in. What they may see and do comes from <see cref="Membership"/> rows.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Sees and changes everything, manages users and agencies.</summary>
    public bool IsAdministrator { get; set; }

    public List<Membership> Memberships { get; set; } = [];
}

/// <summary>A user's role in one agency (or, for oversight, in a group and every agency below it).</summary>
public sealed class Membership
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }
    public Role Role { get; set; }

    /// <summary>The fiscal year (BE) an <see cref="Role.Assessor"/> assesses; required for assessors, null for every other role.</summary>
    public int? FiscalYear { get; set; }
}

/// <summary>The roles of DOMAIN.md: who works on an agency's ITA and who oversees it.</summary>
public enum Role
{
    /// <summary>ศปท.: enters and imports results, writes the analysis and measures.</summary>
    Coordinator,

    /// <summary>Owns a unit's measures and reports their progress.</summary>
    UnitOwner,

    /// <summary>Approves (the head of the agency or a delegate).</summary>
    Executive,

    /// <summary>Reads the agency's results.</summary>
    Viewer,

    /// <summary>Oversees a group (a ministry, a province): reads every agency below it.</summary>
    Oversight,

    /// <summary>Assesses a group (an agency, a ministry, a province) in one fiscal year (<see cref="Membership.FiscalYear"/>):
    /// reads every agency below it and scores their OIT items of that year.</summary>
    Assessor,
}

/// <summary>A token for the REST API. Only a hash is stored; the token is shown once, when it is made.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public long? ExpiresAtUnixMs { get; set; }
    public long? LastUsedAtUnixMs { get; set; }
}
