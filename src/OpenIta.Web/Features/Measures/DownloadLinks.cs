namespace OpenIta.Web.Features.Measures;

/// <summary>
/// The documents offered for an agency's year (partial _Downloads.cshtml, on the result page and the measures page):
/// the analysis (document (a) of issue 4) and, when a revision is shown, the measures document.
/// </summary>
/// <param name="HasAnalysis">Whether the year has a result that can be analysed.</param>
/// <param name="MeasuresRevision">The measures revision shown, when any.</param>
public sealed record DownloadLinks(string Slug, int Year, bool HasAnalysis, int? MeasuresRevision)
{
    public static readonly string[] Formats = ["docx", "pdf", "xlsx"];

    public string AnalysisPath(string format, bool thaiDigits) =>
        $"/agencies/{Slug}/results/{Year}/analysis.{format}" + (thaiDigits ? "?digits=thai" : "");

    public string ResultPath(string format, bool thaiDigits) =>
        $"/agencies/{Slug}/results/{Year}/result.{format}" + (thaiDigits ? "?digits=thai" : "");

    public string MeasuresPath(string format, bool thaiDigits) =>
        $"/agencies/{Slug}/results/{Year}/measures.{format}?revision={MeasuresRevision}" + (thaiDigits ? "&digits=thai" : "");
}
