using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Oit;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Dashboards;

/// <summary>
/// The OIT readiness of a group's agencies for one fiscal year (issue 13, item 4), for those who oversee the group:
/// per agency, whether the set is submitted, the items with links, the links the link checker found broken, the items
/// scored, clarified and confirmed (<see cref="OitReadiness"/>), and the totals. Years: those whose framework lists OIT
/// items; by default the newest in which an agency of the group wrote anything. The group's assessors of a year see
/// that year's page (their home page links to it), and are offered only the years they assess.
/// </summary>
public sealed class GroupOitModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, IOitUrlChecks checks) : GroupPageModel(lookup)
{
    public const int ListLimit = 1000;

    public IReadOnlyList<int> Years { get; private set; } = [];
    public int? Year { get; private set; }
    public int AgencyCount { get; private set; }
    public IReadOnlyList<OitReadinessLine> Lines { get; private set; } = [];

    public int Submitted => Lines.Count(l => l.Submitted);
    public int WithLinks => Lines.Sum(l => l.WithLinks);
    public int Items => Lines.Sum(l => l.Items);
    public int Checked => Lines.Sum(l => l.Checked);
    public int Broken => Lines.Sum(l => l.Broken);
    public int Scored => Lines.Sum(l => l.Scored);
    public int Clarified => Lines.Sum(l => l.Clarified);

    public async Task<IActionResult> OnGetAsync(string slug, int? year, CancellationToken cancellationToken)
    {
        if (await OverseeAsync(slug, cancellationToken, year) is { } refused)
        {
            return refused;
        }
        // An assessor who does not oversee the group is offered only the years they assess it (the others are refused).
        Years = [.. catalog.All.Where(f => f.OitItems.Count > 0).Select(f => f.Year.BuddhistEra)
            .Where(y => Oversees || Permissions.CanAssess(Group, y)).OrderDescending()];
        var groupId = Group.Id;
        var ids = db.Agencies.AsNoTracking().Within(Group.Path).Where(a => a.Id != groupId).Select(a => a.Id);
        AgencyCount = await ids.CountAsync(cancellationToken);
        var written = await db.OitSets.AsNoTracking().Where(s => ids.Contains(s.AgencyId)).Select(s => (int?)s.FiscalYear)
            .MaxAsync(cancellationToken);
        Year = year is { } asked && Years.Contains(asked) ? asked : written is { } w && Years.Contains(w) ? w : Years.Count > 0 ? Years[0] : null;
        if (Year is not { } selected)
        {
            return Page();
        }
        var framework = catalog.Get(new FiscalYear(selected));
        Lines = await OitReadiness.OfGroupAsync(db, checks, Group, selected, framework.OitItems.Count, ListLimit, cancellationToken);
        return Page();
    }
}
