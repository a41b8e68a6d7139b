using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Users;

/// <summary>
/// Who may see and change which agency. The one place the rules live; every page and endpoint asks it.
/// <list type="bullet">
/// <item>An administrator reads and changes everything.</item>
/// <item>Any role in an agency reads that agency.</item>
/// <item>Oversight of a group reads the group and every agency below it (a ministry, a province).</item>
/// <item>Only a coordinator (ศปท.) of the agency, or an administrator, enters and imports its results.</item>
/// <item>Measures: the coordinator (or an administrator) writes and submits them; only an executive of the agency
/// approves them (an approval is the head of the agency's act, so not even an administrator may); the coordinator or the
/// executive publishes. Drafts and unpublished revisions are seen only by the agency's own users (any role in the
/// agency) and administrators; oversight sees published revisions only.</item>
/// <item>Assessors (<see cref="Role.Assessor"/>) of a group and fiscal year read the group and every agency below it (any
/// year), and score the OIT items of those agencies in their year only (<see cref="IsAssessorOf"/>); they see published
/// measures only, like oversight.</item>
/// <item>People: only administrators add users, give and remove roles, disable users and issue password-reset links
/// (<see cref="UserAccounts"/>); every user changes their own password, and only their own.</item>
/// </list>
/// </summary>
public sealed record Permissions(string UserId, bool IsAdministrator, IReadOnlyList<Permissions.Grant> Grants)
{
    /// <param name="FiscalYear">The year of an assessor's grant; null for every other role.</param>
    public sealed record Grant(int AgencyId, string Path, Role Role, int? FiscalYear = null)
    {
        /// <summary>Whether the grant reaches every agency below its own (oversight and assessors of a group).</summary>
        public bool CoversGroup => Role is Role.Oversight or Role.Assessor;
    }

    /// <summary>A unit the user owns through their unit-owner role in its agency (<c>AgencyUnit</c>).</summary>
    public sealed record OwnedUnit(int AgencyId, string Name);

    public static Permissions None { get; } = new("", false, []);

    /// <summary>The units the user owns, by agency; read with the grants by <see cref="ForAsync"/>.</summary>
    public IReadOnlyList<OwnedUnit> Units { get; init; } = [];

    /// <summary>A group (or agency) the user assesses in a fiscal year (issue 12: EIT part 2 entry, the rounds' counts).</summary>
    public sealed record Assessment(int AgencyId, string Path, int FiscalYear);

    /// <summary>What the user assesses; read with the grants by <see cref="ForAsync"/>.</summary>
    public IReadOnlyList<Assessment> Assessing { get; init; } = [];

    /// <summary>Whether the user is an assessor of the agency (its group or itself) in the year: enters EIT part 2, sees the round.</summary>
    public bool CanAssess(Agency agency, int fiscalYear)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return IsAdministrator || Assessing.Any(a => a.FiscalYear == fiscalYear && agency.Path.StartsWith(a.Path, StringComparison.Ordinal));
    }

    /// <summary>Whether the user sees an agency's assessment round of a year: whoever reads the agency, and its assessors.</summary>
    public bool CanSeeAssessment(Agency agency, int fiscalYear) => CanRead(agency) || CanAssess(agency, fiscalYear);

    /// <summary>Whether the user registers, opens and closes the agency's round and sees its live preview: the coordinator and administrators.</summary>
    public bool CanRunAssessment(Agency agency) => CanEditResults(agency);

    public bool CanRead(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return IsAdministrator || Grants.Any(g => g.AgencyId == agency.Id
            || (g.CoversGroup && agency.Path.StartsWith(g.Path, StringComparison.Ordinal)));
    }

    /// <summary>Whether the user assesses the agency in <paramref name="fiscalYear"/>: an assessor of a group at or above
    /// it for that year. Not administrators: a score is the assessor's own judgement.</summary>
    public bool IsAssessorOf(Agency agency, int fiscalYear)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return Grants.Any(g => g.Role == Role.Assessor && g.FiscalYear == fiscalYear
            && agency.Path.StartsWith(g.Path, StringComparison.Ordinal));
    }

    /// <summary>Whether the user assesses anything in any year (has an assessor's grant).</summary>
    public bool IsAssessor => Grants.Any(g => g.Role == Role.Assessor);

    public bool CanEditResults(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return IsAdministrator || Grants.Any(g => g.AgencyId == agency.Id && g.Role == Role.Coordinator);
    }

    public bool CanEditMeasures(Agency agency) => CanEditResults(agency);

    public bool CanApproveMeasures(Agency agency) => HasRole(agency, Role.Executive);

    public bool CanPublishMeasures(Agency agency) => CanEditMeasures(agency) || CanApproveMeasures(agency);

    /// <summary>Whether the user sees revisions that are not published: the agency's own users and administrators.</summary>
    public bool CanSeeDraftMeasures(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return IsAdministrator || Grants.Any(g => g.AgencyId == agency.Id && !g.CoversGroup);
    }

    /// <summary>Whether the user writes the agency's action plan, reviews and accepts what units report, closes rounds and
    /// corrects closed ones: the coordinator and administrators.</summary>
    public bool CanManagePlans(Agency agency) => CanEditResults(agency);

    /// <summary>Whether the user names the agency's units and their owners: the coordinator and administrators.</summary>
    public bool CanManageUnits(Agency agency) => CanEditResults(agency);

    /// <summary>Whether the user reports progress on anything of the agency (the coordinator, or a unit owner for their
    /// units): whether they have a to-do list.</summary>
    public bool CanReportProgress(Agency agency) => CanManagePlans(agency) || HasRole(agency, Role.UnitOwner);

    /// <summary>The names of the units the user owns in the agency (empty without the unit-owner role there).</summary>
    public IReadOnlySet<string> UnitsOwnedIn(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return HasRole(agency, Role.UnitOwner)
            ? Units.Where(u => u.AgencyId == agency.Id).Select(u => u.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the user writes the progress of something whose owners are <paramref name="owners"/> (a plan item's
    /// owners, a measure's responsible units and its steps' owners): the coordinator and administrators always; a unit
    /// owner when one of the owners is a unit they own.
    /// </summary>
    public bool CanReportOn(Agency agency, IEnumerable<string> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (CanManagePlans(agency))
        {
            return true;
        }
        var mine = UnitsOwnedIn(agency);
        return mine.Count > 0 && owners.Any(o => mine.Contains(o.Trim()));
    }

    /// <summary>Whether the user writes the progress of a measure: its responsible units or any step's owners name a unit
    /// they own (or they manage the agency's plans).</summary>
    public bool CanReportOnMeasure(Agency agency, Core.Measures.Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return CanReportOn(agency, MeasureOwners(measure));
    }

    /// <summary>Who owns a measure: its responsible units and every step's owners.</summary>
    public static IEnumerable<string> MeasureOwners(Core.Measures.Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.ResponsibleUnits.Concat(measure.Steps.SelectMany(s => s.Owners));
    }

    /// <summary>Whether the user oversees a group: sees its dashboard.</summary>
    public bool CanOversee(Agency group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return IsAdministrator || Grants.Any(g => g.Role == Role.Oversight && group.Path.StartsWith(g.Path, StringComparison.Ordinal));
    }

    /// <summary>Whether the user administers people: users, their roles, disabling, password-reset links.</summary>
    public bool CanManagePeople => IsAdministrator;

    /// <summary>Whether the user may change the password of <paramref name="userId"/>: their own only (others get a reset link).</summary>
    public bool CanChangePasswordOf(string userId) => UserId.Length > 0 && string.Equals(UserId, userId, StringComparison.Ordinal);

    public bool HasRole(Agency agency, Role role)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return Grants.Any(g => g.AgencyId == agency.Id && g.Role == role);
    }

    /// <summary>The agencies the user may read, as a query both engines run in SQL (LIKE 'path%').</summary>
    public IQueryable<Agency> Readable(IQueryable<Agency> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        if (IsAdministrator)
        {
            return agencies;
        }
        var direct = Grants.Select(g => g.AgencyId).Distinct().ToList();
        var agency = Expression.Parameter(typeof(Agency), "a");
        Expression readable = Expression.Call(
            Expression.Constant(direct), typeof(List<int>).GetMethod(nameof(List<int>.Contains))!,
            Expression.Property(agency, nameof(Agency.Id)));
        var compare = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;
        var agencyPath = Expression.Property(agency, nameof(Agency.Path));
        foreach (var path in Grants.Where(g => g.CoversGroup).Select(g => g.Path).Distinct())
        {
            // Path within the group's range (AgencyPaths.Range): answered from the index on both engines.
            var (from, to) = AgencyPaths.Range(path);
            readable = Expression.OrElse(readable, Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(agencyPath, compare, Expression.Constant(from)), Expression.Constant(0)),
                Expression.LessThan(Expression.Call(agencyPath, compare, Expression.Constant(to)), Expression.Constant(0))));
        }
        return agencies.Where(Expression.Lambda<Func<Agency, bool>>(readable, agency));
    }

    /// <summary>The permissions of a user, read from the database.</summary>
    public static async Task<Permissions> ForAsync(OpenItaDb db, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (userId is null)
        {
            return None;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsAdministrator }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return None;
        }
        var grants = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new Grant(m.AgencyId, m.Agency!.Path, m.Role, m.FiscalYear)).ToListAsync(cancellationToken);
        var units = await db.UnitOwners.AsNoTracking()
            .Where(o => o.Membership!.UserId == userId && o.Membership.Role == Role.UnitOwner)
            .Select(o => new OwnedUnit(o.Unit!.AgencyId, o.Unit.Name)).ToListAsync(cancellationToken);
        var assessing = await db.SurveyAssessors.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new Assessment(a.AgencyId, a.Agency!.Path, a.FiscalYear)).ToListAsync(cancellationToken);
        return new Permissions(userId, user.IsAdministrator, grants) { Units = units, Assessing = assessing };
    }
}
