using System.Globalization;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// The public addresses (issue 13, item 5), in one place. They are built from what is stable across instances,
/// restarts and databases restored elsewhere: the agency's slug, the fiscal year, and the revision number or the
/// round's period, never a database id. The measures of year Y are those that run in Y (answering the results of Y − 1).
/// </summary>
public static class PublicPaths
{
    /// <summary>The formats a public document is offered in.</summary>
    public static readonly string[] Formats = ["pdf", "docx"];

    public static string Agency(string slug) => "/public/agencies/" + slug;

    public static string Year(string slug, int year) => Agency(slug) + "/" + N(year);

    public static string Measures(string slug, int year, int revision) => Year(slug, year) + "/measures/" + N(revision);

    public static string MeasuresDocument(string slug, int year, int revision, string format, bool thaiDigits) =>
        Measures(slug, year, revision) + "/measures." + format + Digits(thaiDigits);

    /// <summary>The published action plan covering the year (its first year is the address it is listed under).</summary>
    public static string Plan(string slug, int year) => Year(slug, year) + "/plan";

    public static string PlanDocument(string slug, int year, string format, bool thaiDigits) => Plan(slug, year) + "/plan." + format + Digits(thaiDigits);

    public static string Progress(string slug, int year, string period) => Year(slug, year) + "/progress/" + period;

    /// <summary>A published round's progress report (<c>progress</c>) or measures implementation report (<c>measures-report</c>).</summary>
    public static string ProgressDocument(string slug, int year, string period, string document, string format, bool thaiDigits) =>
        Progress(slug, year, period) + "/" + document + "." + format + Digits(thaiDigits);

    /// <summary>The agency's OIT of a year as submitted: the page, the JSON feed and the fragment agency websites embed.</summary>
    public static string Oit(string slug, int year) => Agency(slug) + "/oit/" + N(year);

    public static string OitFeed(string slug, int year) => Oit(slug, year) + ".json";

    public static string OitEmbed(string slug, int year) => Oit(slug, year) + "/embed";

    /// <summary>The language link of the public pages: sets the language and comes back to <paramref name="returnUrl"/>.</summary>
    public static string Language(string lang, string returnUrl) =>
        "/public/language?lang=" + lang + "&returnUrl=" + Uri.EscapeDataString(returnUrl);

    private static string Digits(bool thai) => thai ? "?digits=thai" : "";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
