using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// What every measures page needs about one agency and results year: the agency (null when the user may not read it:
/// a 404), the user's permissions, the framework of the year, the analysis of the stored result when there is one
/// (for the scores and tiers of the items a measure answers, and for drafting), and the plan's revisions.
/// </summary>
public sealed class PlanContext
{
    private PlanContext(Agency agency, Permissions permissions, int year, Framework? framework)
    {
        Agency = agency;
        Permissions = permissions;
        Year = year;
        Framework = framework;
    }

    public Agency Agency { get; }
    public Permissions Permissions { get; }

    /// <summary>The Buddhist-Era year of the results the plan answers.</summary>
    public int Year { get; }

    /// <summary>The methodology of the year; null for a year OpenITA has no framework for.</summary>
    public Framework? Framework { get; }

    /// <summary>The analysis of the agency's result of the year; null without a (scorable) result.</summary>
    public AnalysisReport? Analysis { get; private set; }

    /// <summary>The OIT item scores of the result (item code → score), for measures linked to OIT items.</summary>
    public IReadOnlyDictionary<string, decimal> OitScores { get; private set; } = new Dictionary<string, decimal>();

    public bool CanEdit => Permissions.CanEditMeasures(Agency);
    public bool CanApprove => Permissions.CanApproveMeasures(Agency);
    public bool CanPublish => Permissions.CanPublishMeasures(Agency);
    public bool CanSeeDrafts => Permissions.CanSeeDraftMeasures(Agency);

    /// <summary>Every revision the user may see, newest first: all of them for the agency's own users, else the published ones.</summary>
    public IReadOnlyList<MeasurePlanRevision> Revisions { get; private set; } = [];

    /// <summary>The newest revision (whatever its status); null when there is none. Only for users who see drafts.</summary>
    public MeasurePlanRevision? Latest => CanSeeDrafts && Revisions.Count > 0 ? Revisions[0] : null;

    public string PagePath => $"/agencies/{Agency.Slug}/results/{Year}/measures";

    /// <summary>The context, or null when the agency does not exist, the user may not read it, or the year is out of range (404).</summary>
    public static async Task<PlanContext?> LoadAsync(string slug, int year, AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog,
        MeasurePlanStore store, CancellationToken cancellationToken)
    {
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe
            || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return null;
        }
        var context = new PlanContext(found.Agency, found.Permissions, year, catalog.Find(new FiscalYear(year)));
        var revisions = await store.RevisionsAsync(found.Agency.Id, year, cancellationToken);
        context.Revisions = context.CanSeeDrafts ? revisions : revisions.Where(r => r.Status == Core.Measures.PlanStatus.Published).ToList();
        await context.AnalyseAsync(db, catalog, cancellationToken);
        return context;
    }

    private async Task AnalyseAsync(OpenItaDb db, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        var stored = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.AgencyId == Agency.Id && r.FiscalYear == Year, cancellationToken);
        if (stored is null)
        {
            return;
        }
        try
        {
            var report = ResultReport.From(stored, catalog);
            var (earlier, _) = await ResultReport.EarlierAsync(db, Agency.Id, Year, catalog, cancellationToken);
            Analysis = report.Analyse(Agency.AnalysisSettings(), earlier);
            OitScores = new Dictionary<string, decimal>(report.Input.OitItems, StringComparer.OrdinalIgnoreCase);
        }
        catch (ScoreInputException)
        {
            // The result page says why the stored result cannot be scored; the measures are shown without scores.
        }
    }

    /// <summary>The score and tier of an item a measure answers, when the analysis knows it.</summary>
    public (decimal Score, Tier Tier)? ScoreOf(string code)
    {
        if (Analysis is null)
        {
            return null;
        }
        if (Analysis.Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)) is { } item)
        {
            return (item.Score, item.Tier);
        }
        return OitScores.TryGetValue(code, out var score) ? (score, Analysis.Settings.TierOf(score)) : null;
    }

    /// <summary>The Thai (or English) text of an item code in the year's framework, when known.</summary>
    public string? TextOf(string code, Lang lang)
    {
        if (Framework is null)
        {
            return null;
        }
        if (Framework.FindItem(code) is { } found && found.Item.TextTh is { } itemText)
        {
            return lang.T(itemText, found.Item.TextEn ?? itemText);
        }
        if (Framework.FindQuestion(code) is { TextTh: { } questionText } question)
        {
            return lang.T(questionText, question.TextEn ?? questionText);
        }
        return Framework.FindOitItem(code) is { TextTh: { } oitText } oit ? lang.T(oitText, oit.TextEn ?? oitText) : null;
    }

    /// <summary>The code as the framework writes it (I17, i11 …), or null when the year does not know it.</summary>
    public string? CanonicalCode(string code)
    {
        if (Framework is null)
        {
            return null;
        }
        if (Framework.FindQuestion(code) is { } question)
        {
            return question.Code;
        }
        if (Framework.FindItem(code) is { } found)
        {
            return found.Item.Code;
        }
        return Framework.FindOitItem(code)?.Code;
    }

    /// <summary>The user as the audit trail records them.</summary>
    public static PlanActor Actor(CurrentUser user) => new(user.Id, user.Name ?? "?");
}
