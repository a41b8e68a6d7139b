using System.Globalization;

namespace OpenIta.Web.Features.Plans;

/// <summary>The addresses of the plan pages and downloads, in one place.</summary>
public static class PlanPaths
{
    public static readonly string[] Formats = ["docx", "pdf", "xlsx"];

    public static string Plan(string slug) => $"/agencies/{slug}/plan";

    public static string Template(string slug) => $"/agencies/{slug}/plan/template.xlsx";

    public static string PlanOf(string slug, int planId) => string.Create(CultureInfo.InvariantCulture, $"/agencies/{slug}/plan?plan={planId}");

    public static string Round(string slug, int roundId) => string.Create(CultureInfo.InvariantCulture, $"/agencies/{slug}/plan/rounds/{roundId}");

    public static string Report(string slug, int roundId, string subject) =>
        Round(slug, roundId) + "/report?subject=" + Uri.EscapeDataString(subject);

    public static string Evidence(string slug, int evidenceId) => string.Create(CultureInfo.InvariantCulture, $"/agencies/{slug}/plan/evidence/{evidenceId}");

    /// <summary>The action plan document of a plan.</summary>
    public static string PlanDocument(string slug, int planId, string format, bool thaiDigits) =>
        string.Create(CultureInfo.InvariantCulture, $"/agencies/{slug}/plan/{planId}/plan.{format}") + (thaiDigits ? "?digits=thai" : "");

    /// <summary>The progress report (<c>progress</c>) or the measures implementation report (<c>measures-report</c>) of a round.</summary>
    public static string RoundDocument(string slug, int roundId, string document, string format, bool thaiDigits) =>
        Round(slug, roundId) + "/" + document + "." + format + (thaiDigits ? "?digits=thai" : "");

    public static string Group(string slug, int? year) =>
        $"/groups/{slug}/plans" + (year is { } y ? "?year=" + y.ToString(CultureInfo.InvariantCulture) : "");
}
