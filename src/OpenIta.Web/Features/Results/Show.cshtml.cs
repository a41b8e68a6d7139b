using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>One agency's result for one fiscal year, analysed the way coordinators do it by hand (seed 000).</summary>
public sealed class ShowModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, Lang lang) : PageModel
{
    public Agency Agency { get; private set; } = null!;
    public AgencyResult Result { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>Null when the stored input no longer scores (a framework was corrected since): see <see cref="Problem"/>.</summary>
    public ResultReport? Report { get; private set; }

    public OpenIta.Core.Text.Message? Problem { get; private set; }

    /// <summary>The latest earlier year with a result, to compare with.</summary>
    public ResultReport? Previous { get; private set; }

    /// <summary>The analysis of the year (target gap, tiers, themes); null when the result cannot be scored.</summary>
    public AnalysisReport? Analysis { get; private set; }

    /// <summary>The target as the user typed it (<c>?target=</c>), shown again in the form; empty for the default.</summary>
    public string TargetText { get; private set; } = "";

    /// <summary>Why the target typed cannot be used (the pass mark is used instead); null when it can.</summary>
    public string? TargetProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, [FromQuery] string? target, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        CanEdit = found.Permissions.CanEditResults(Agency);
        var result = await db.Results.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == Agency.Id && r.FiscalYear == year, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        Result = result;
        try
        {
            Report = ResultReport.From(result, catalog);
        }
        catch (ScoreInputException e)
        {
            Problem = e.Describe(catalog.Find(new OpenIta.Core.Methodology.FiscalYear(year)));
            return Page();
        }
        var (earlierReports, latestYear) = await ResultReport.EarlierAsync(db, Agency.Id, year, catalog, cancellationToken);
        // The latest earlier year, when it scores (not an older one in its place: the table is headed by its year).
        Previous = earlierReports.FirstOrDefault(r => r.Card.Year.BuddhistEra == latestYear);
        Analysis = Report.Analyse(Agency.AnalysisSettings() with { Target = ParseTarget(target) ?? Agency.AnalysisTarget }, earlierReports);
        return Page();
    }

    /// <summary>A target from 0 to 100 with at most two decimals, or null (the pass mark) with <see cref="TargetProblem"/> set.</summary>
    private decimal? ParseTarget(string? text)
    {
        TargetText = text?.Trim() ?? "";
        if (TargetText.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(TargetText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && Score.IsValid(value) && decimal.Round(value, 2) == value)
        {
            return value;
        }
        TargetProblem = lang.T(
            "เป้าหมาย \"" + TargetText + "\" ใช้ไม่ได้: ต้องเป็นคะแนน 0 ถึง 100 (ทศนิยมไม่เกิน 2 ตำแหน่ง) จึงใช้เกณฑ์ผ่านแทน",
            "The target \"" + TargetText + "\" cannot be used: it must be a score from 0 to 100 (at most 2 decimals); the pass mark is used instead.");
        return null;
    }
}
