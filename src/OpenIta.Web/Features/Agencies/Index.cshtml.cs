using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>The start page: every agency the user may read, with its latest result, and the group dashboards the user may see.</summary>
public sealed class IndexModel(OpenItaDb db, CurrentUser user, Plans.ToDoList toDo) : PageModel
{
    public sealed record Row(Agency Agency, int? LatestYear, int? LatestTotal, string? LatestRating);

    public List<Row> Rows { get; private set; } = [];

    /// <summary>Groups with a dashboard for this user: those they oversee (for an administrator, every group).</summary>
    public List<Agency> Dashboards { get; private set; } = [];

    /// <summary>The progress reports the user owes (a unit owner's or coordinator's to-do list).</summary>
    public IReadOnlyList<Plans.ToDoRow> ToDo { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var permissions = await user.PermissionsAsync(cancellationToken);
        ToDo = await toDo.ForAsync(permissions, cancellationToken);
        var agencies = await permissions.Readable(db.Agencies.AsNoTracking())
            .OrderBy(a => a.Path).Take(1000).ToListAsync(cancellationToken);
        var ids = agencies.Select(a => a.Id).ToList();
        var latest = await db.Results.AsNoTracking().Where(r => ids.Contains(r.AgencyId))
            .GroupBy(r => r.AgencyId)
            .Select(g => g.OrderByDescending(r => r.FiscalYear).Select(r => new { r.AgencyId, r.FiscalYear, r.TotalHundredths, r.RatingCode }).First())
            .ToListAsync(cancellationToken);
        var byAgency = latest.ToDictionary(l => l.AgencyId);
        var overseen = permissions.Grants.Where(g => g.Role == Role.Oversight).Select(g => g.AgencyId).ToList();
        Dashboards = await db.Agencies.AsNoTracking()
            .Where(a => (permissions.IsAdministrator || overseen.Contains(a.Id)) && db.Agencies.Any(c => c.ParentId == a.Id))
            .OrderBy(a => a.Path).Take(100).ToListAsync(cancellationToken);
        Rows = agencies.Select(a => byAgency.TryGetValue(a.Id, out var l)
            ? new Row(a, l.FiscalYear, l.TotalHundredths, l.RatingCode)
            : new Row(a, null, null, null)).ToList();
    }
}
