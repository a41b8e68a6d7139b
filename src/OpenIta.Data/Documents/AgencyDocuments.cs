using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Core.Scoring;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Results;
using OpenIta.Reports;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Documents;

/// <summary>A document built from the database, and what was left out of it (one line each, for stderr or a log).</summary>
public sealed record BuiltDocument(ReportDocument Document, IReadOnlyList<Message> Warnings);

/// <summary>
/// The one place that reads what an official document needs from the database and builds it (issue 4's documents:
/// the analysis, the measures, the results and a group's table). The web downloads and <c>openita docs</c> both ask
/// here, so a document is the same whichever way it is made; they only decide who may have it and how it is rendered.
/// Documents are dated by Thailand's clock (<see cref="ThaiTime"/>).
/// </summary>
public sealed partial class AgencyDocuments(OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock)
{
    /// <summary>The header of an agency's documents: its Thai name only, as a Thai official document is headed; its
    /// English name under it only when <paramref name="withEnglishName"/> asks for it and the agency has one.</summary>
    public static AnalysisAgency Header(Agency agency, bool withEnglishName = false)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return new(agency.NameTh, withEnglishName && !string.IsNullOrWhiteSpace(agency.NameEn) ? [agency.NameEn] : []);
    }

    /// <summary>
    /// The analysis of the agency's result of <paramref name="year"/>, compared with its latest earlier year that scores,
    /// against <paramref name="target"/> (default: the agency's own), dated today; null when it has no result that year.
    /// </summary>
    /// <exception cref="ScoreInputException">The stored result of the year cannot be scored (a framework changed).</exception>
    public async Task<BuiltDocument?> AnalysisAsync(Agency agency, int year, DigitStyle digits, decimal? target = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var results = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.FiscalYear <= year).ToListAsync(cancellationToken);
        var current = results.SingleOrDefault(r => r.FiscalYear == year);
        if (current is null)
        {
            return null;
        }
        var warnings = new List<Message>();
        var (report, card, framework) = Analyse(agency, current, results.Where(r => r.FiscalYear < year), target, warnings);
        var document = AnalysisDocument.Build(report, framework, card.Rating, Header(agency),
            new AnalysisDocumentOptions(digits, ThaiTime.Today(clock)),
            NaccRecommendation.For(MeasureCatalogue.BuiltIn, framework), card);
        return new BuiltDocument(document, warnings);
    }

    /// <summary>
    /// The measures document of one revision, with the scores and tiers of the agency's result of the year when it has
    /// one that scores; null when there is no framework for the year the plan answers.
    /// </summary>
    /// <exception cref="MeasurePlanException">The revision's stored plan is not valid.</exception>
    public Task<BuiltDocument?> MeasuresAsync(Agency agency, MeasurePlanRevision revision, DigitStyle digits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return MeasuresAsync(agency, revision, digits, revision.Approval(), cancellationToken);
    }

    private async Task<BuiltDocument?> MeasuresAsync(Agency agency, MeasurePlanRevision revision, DigitStyle digits, Approval? approval,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var plan = revision.Plan();
        if (catalog.Find(plan.ResultsYear) is not { } framework)
        {
            return null;
        }
        var warnings = new List<Message>();
        AnalysisReport? analysis = null;
        var result = await db.Results.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == agency.Id && r.FiscalYear == plan.ResultsYear.BuddhistEra, cancellationToken);
        if (result is not null)
        {
            try
            {
                analysis = Analyse(agency, result, [], null, warnings).Report;
            }
            catch (ScoreInputException e)
            {
                // As the measures pages do: the measures are shown without scores; the result page says why.
                warnings.Add(Message.Of("document.result-unscored",
                    "ผลการประเมินของ {agency} ปี {year} คำนวณคะแนนไม่ได้ จึงเขียนมาตรการโดยไม่มีคะแนน: {reason}",
                    "the result of {slug} for {year} cannot be scored, so the measures are written without scores: {reason}",
                    ("agency", agency.NameTh), ("slug", agency.Slug), ("year", result.FiscalYear), ("reason", e.Describe())));
            }
        }
        var options = new MeasuresDocumentOptions(digits, null, revision.Status, approval);
        return new BuiltDocument(MeasuresDocument.Build(plan, analysis, framework, Header(agency), options), warnings);
    }

    /// <summary>One agency's result of <paramref name="year"/>, every level with the framework's texts; null without one.</summary>
    /// <exception cref="ScoreInputException">The stored result cannot be scored.</exception>
    public async Task<BuiltDocument?> ResultAsync(Agency agency, int year, DigitStyle digits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var result = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.AgencyId == agency.Id && r.FiscalYear == year, cancellationToken);
        if (result is null)
        {
            return null;
        }
        var (input, card, _) = ResultStore.Score(result.InputJson, catalog);
        var framework = catalog.Get(input.Year);
        var document = ResultsDocument.Build(card, framework, Header(agency), new ResultsDocumentOptions(digits), input.OitItems);
        return new BuiltDocument(document, []);
    }

    /// <summary>The group's table: every agency at or below it with a result up to the year, by agency then year, from
    /// the stored totals and instrument scores (nothing is rescored).</summary>
    public async Task<ReportDocument> GroupTableAsync(Agency group, int upToYear, DigitStyle digits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rows = (await StoredResults.WithinAsync(db, group.Path, upToYear, catalog, cancellationToken))
            .Select(r => new GroupResultRow(r.NameTh, r.Slug, r.FiscalYear, r.Total, r.Rating, r.Instruments)).ToList();
        return ResultsDocument.BuildGroup(group.NameTh, rows, new ResultsDocumentOptions(digits));
    }

    /// <summary>The agency's action plan covering <paramref name="year"/>, dated today; null when it has none.</summary>
    /// <exception cref="PlanException">The stored plan is not valid.</exception>
    public async Task<BuiltDocument?> ActionPlanAsync(Agency agency, int year, DigitStyle digits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var row = await new PlanStore(db, clock).PlanForYearAsync(agency.Id, year, cancellationToken);
        return row is null
            ? null
            : new BuiltDocument(ActionPlanDocument.Build(row.Plan(), Header(agency), new ActionPlanDocumentOptions(digits, ThaiTime.Today(clock))), []);
    }

    /// <summary>
    /// The progress report of the agency's round of <paramref name="year"/> and <paramref name="period"/> ("6", "12",
    /// "q1" …) in seed 004's layout: the accepted entries, a closed round's corrections, the ITA KPIs read from the
    /// agency's stored total of the year. Null when the agency has no plan covering the year or no such round.
    /// </summary>
    public async Task<BuiltDocument?> ProgressReportAsync(Agency agency, int year, string period, DigitStyle digits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var store = new PlanStore(db, clock);
        var (plan, round) = await RoundAsync(store, agency, year, period, cancellationToken);
        if (plan is null || round is null)
        {
            return null;
        }
        var progress = await store.ProgressRoundAsync(round.Id, RoundPart.Items, cancellationToken: cancellationToken);
        var warnings = new List<Message>();
        var total = await ItaTotalAsync(agency, year, cancellationToken);
        if (total is null && plan.Kpis().Any(k => k.Kpi.Source == KpiSource.ItaTotal))
        {
            warnings.Add(Message.Of("document.no-ita-total",
                "{agency} ไม่มีคะแนนรวม ITA ของปี {year} ตัวชี้วัดที่อ่านจากคะแนนรวม ITA จึงเขียนว่ายังไม่ได้รายงาน",
                "{slug} has no scored ITA result for {year}: the KPIs read from the ITA total are written as not reported",
                ("agency", agency.NameTh), ("slug", agency.Slug), ("year", year)));
        }
        var options = new ProgressReportOptions(digits, ThaiTime.Today(clock), total);
        return new BuiltDocument(ProgressReportDocument.Build(plan, progress, Header(agency), options), warnings);
    }

    /// <summary>
    /// The measures implementation report of the round of <paramref name="year"/> and <paramref name="period"/>: the
    /// measures that ran that year (<see cref="PlanStore.MeasuresForAsync"/>) with their accepted entries. Null when the
    /// agency has no such round or no measures for the year.
    /// </summary>
    public Task<BuiltDocument?> MeasuresReportAsync(Agency agency, int year, string period, DigitStyle digits,
        CancellationToken cancellationToken = default) =>
        MeasuresReportAsync(agency, year, period, digits, publishedOnly: false, cancellationToken);

    private async Task<BuiltDocument?> MeasuresReportAsync(Agency agency, int year, string period, DigitStyle digits, bool publishedOnly,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var store = new PlanStore(db, clock);
        var (_, round) = await RoundAsync(store, agency, year, period, cancellationToken);
        var measures = publishedOnly
            ? await store.PublishedMeasuresForAsync(agency.Id, year, cancellationToken)
            : await store.MeasuresForAsync(agency.Id, year, cancellationToken);
        if (round is null || measures is null)
        {
            return null;
        }
        var progress = await store.ProgressRoundAsync(round.Id, RoundPart.Measures, cancellationToken: cancellationToken);
        var options = new ProgressReportOptions(digits, ThaiTime.Today(clock), await ItaTotalAsync(agency, year, cancellationToken));
        return new BuiltDocument(MeasuresReportDocument.Build(measures, progress, Header(agency), options), []);
    }

    private static async Task<(ActionPlan? Plan, ProgressRoundRow? Round)> RoundAsync(PlanStore store, Agency agency, int year, string period,
        CancellationToken cancellationToken)
    {
        var round = await store.RoundForAsync(agency.Id, year, period, cancellationToken);
        if (round is null)
        {
            return (null, null);
        }
        var row = await store.FindPlanAsync(agency.Id, round.PlanId, cancellationToken);
        return (row?.Plan(), round);
    }

    /// <summary>The agency's stored ITA total of the year (exact), for the KPIs that read it; null without a scored result.</summary>
    private async Task<decimal?> ItaTotalAsync(Agency agency, int year, CancellationToken cancellationToken)
    {
        var exact = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.FiscalYear == year)
            .Select(r => r.TotalExact).SingleOrDefaultAsync(cancellationToken);
        return decimal.TryParse(exact, NumberStyles.Number, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    private (AnalysisReport Report, ScoreCard Card, Framework Framework) Analyse(
        Agency agency, AgencyResult current, IEnumerable<AgencyResult> before, decimal? target, List<Message> warnings)
    {
        var (input, card, _) = ResultStore.Score(current.InputJson, catalog);
        var framework = catalog.Get(input.Year);
        var earlier = new List<ScoreCard>();
        foreach (var result in before)
        {
            try
            {
                earlier.Add(ResultStore.Score(result.InputJson, catalog).Card);
            }
            catch (ScoreInputException e)
            {
                warnings.Add(Message.Of("document.comparison-left-out",
                    "ผลการประเมินของ {agency} ปี {year} คำนวณคะแนนไม่ได้ จึงไม่นำมาเปรียบเทียบ: {reason}",
                    "the result of {slug} for {year} is left out of the comparison: {reason}",
                    ("agency", agency.NameTh), ("slug", agency.Slug), ("year", result.FiscalYear), ("reason", e.Describe())));
            }
        }
        var settings = agency.AnalysisSettings() with { Target = target ?? agency.AnalysisTarget };
        return (ResultAnalysis.Analyse(framework, card, settings, earlier, input.OitItems), card, framework);
    }

    /// <summary>
    /// The A4 poster of the agency's survey links of <paramref name="year"/> (IIT, and EIT part 1 — EIT up to FY2565 —
    /// when the round has it): null when the round has no live link. <paramref name="urlOf"/> makes a link's public
    /// address from its token (the web knows its own address).
    /// </summary>
    public async Task<ReportDocument?> SurveyPosterAsync(Agency agency, int year, Func<string, string> urlOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(urlOf);
        var links = await db.SurveyLinks.AsNoTracking()
            .Where(l => l.Round!.AgencyId == agency.Id && l.Round.FiscalYear == year && l.RevokedAtUnixMs == null)
            .Select(l => new { l.Token, l.Instrument })
            .ToListAsync(cancellationToken);
        var poster = new List<PosterLink>();
        if (links.FirstOrDefault(l => l.Instrument == Instrument.Iit) is { } iit)
        {
            poster.Add(new PosterLink("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
                "สำหรับบุคลากรของหน่วยงานที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี", urlOf(iit.Token)));
        }
        if (links.FirstOrDefault(l => l.Instrument is Instrument.Eit1 or Instrument.Eit) is { } eit)
        {
            poster.Add(new PosterLink("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
                "สำหรับผู้รับบริการและผู้มาติดต่อหน่วยงาน", urlOf(eit.Token),
                eit.Instrument == Instrument.Eit1 ? "ยืนยันตัวตนด้วยรหัสผ่านครั้งเดียว (OTP) ทางข้อความสั้นถึงโทรศัพท์มือถือ หนึ่งหมายเลขตอบได้ครั้งเดียว" : null));
        }
        return poster.Count == 0 ? null : SurveyPosterDocument.Build(agency.NameTh, year, poster);
    }
}
