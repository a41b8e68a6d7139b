using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Reports;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Bench.Docs;

/// <summary>
/// The documents of one agency and year, built the way the web application and the CLI build them: the analysis of
/// its result, and its measures — the given plan, or one drafted from the catalogue out of its weak items.
/// </summary>
internal static class AgencyDocuments
{
    /// <summary>The document date: fixed, so every run renders the same text.</summary>
    public static readonly DateOnly Date = new(2022, 11, 28);

    public static IReadOnlyList<ReportDocument> Build(
        FrameworkCatalog catalog, string nameTh, string inputJson, MeasurePlan? plan = null, Approval? approval = null)
    {
        var input = ScoreInputReader.Read(inputJson, catalog.Find).Input;
        var framework = catalog.Get(input.Year);
        var card = ScoringEngine.Score(framework, input);
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, [], input.OitItems);
        plan ??= MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, DraftOptions.Default).Plan;
        var agency = new AnalysisAgency(nameTh);
        return
        [
            AnalysisDocument.Build(analysis, framework, card.Rating, agency, new AnalysisDocumentOptions(DigitStyle.Thai, Date)),
            MeasuresDocument.Build(plan, analysis, framework, agency, new MeasuresDocumentOptions(
                DigitStyle.Thai, Date, approval is null ? PlanStatus.Draft : PlanStatus.Published, approval)),
        ];
    }
}
