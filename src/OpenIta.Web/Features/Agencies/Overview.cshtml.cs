using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Web.Features.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>An agency: who it is, its results year by year with the changes, and the groups the user may oversee.</summary>
public sealed class OverviewModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, Lang lang) : PageModel
{
    /// <param name="Report">Null when the stored input no longer scores; <paramref name="Problem"/> says why.</param>
    public sealed record Year(AgencyResult Result, ResultReport? Report, string? Problem);

    public Agency Agency { get; private set; } = null!;
    public Agency? Parent { get; private set; }
    public bool ParentReadable { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>Whether the user names the agency's units and their owners (/agencies/{slug}/units).</summary>
    public bool CanManageUnits { get; private set; }

    /// <summary>Groups whose dashboard the user may see: this agency when it has agencies below it, and those above it.</summary>
    public List<Agency> Dashboards { get; } = [];

    public List<Year> Years { get; private set; } = [];

    /// <summary>Fiscal years with a framework and no result yet, offered to those who may enter one.</summary>
    public List<int> YearsWithoutResult { get; private set; } = [];

    /// <summary>The years of the agency's assessment rounds (issue 12), and the newest framework year for its coordinator.</summary>
    public List<int> AssessmentYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        var permissions = found.Permissions;
        CanEdit = permissions.CanEditResults(Agency);
        CanManageUnits = permissions.CanManageUnits(Agency);

        var ancestorIds = Agency.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture)).Where(id => id != Agency.Id).ToList();
        var ancestors = await db.Agencies.AsNoTracking().Where(a => ancestorIds.Contains(a.Id)).ToListAsync(cancellationToken);
        Parent = ancestors.FirstOrDefault(a => a.Id == Agency.ParentId);
        ParentReadable = Parent is not null && permissions.CanRead(Parent);
        var hasChildren = await db.Agencies.AnyAsync(a => a.ParentId == Agency.Id, cancellationToken);
        if (hasChildren && permissions.CanOversee(Agency))
        {
            Dashboards.Add(Agency);
        }
        Dashboards.AddRange(ancestors.Where(permissions.CanOversee).OrderByDescending(a => a.Path.Length));

        var results = await db.Results.AsNoTracking().Where(r => r.AgencyId == Agency.Id)
            .OrderBy(r => r.FiscalYear).ToListAsync(cancellationToken);
        Years = results.Select(r =>
        {
            try
            {
                return new Year(r, ResultReport.From(r, catalog), null);
            }
            catch (ScoreInputException e)
            {
                return new Year(r, null, e.Describe().In(lang.IsEnglish));
            }
        }).ToList();
        var taken = results.Select(r => r.FiscalYear).ToHashSet();
        YearsWithoutResult = catalog.All.Select(f => f.Year.BuddhistEra).Where(y => !taken.Contains(y)).ToList();
        AssessmentYears = await db.AssessmentRounds.AsNoTracking().Where(r => r.AgencyId == Agency.Id).Select(r => r.FiscalYear).ToListAsync(cancellationToken);
        if (CanEdit && catalog.All.Count > 0)
        {
            AssessmentYears.Add(catalog.All.Max(f => f.Year.BuddhistEra));
        }
        AssessmentYears = [.. AssessmentYears.Distinct().OrderDescending()];
        return Page();
    }
}
