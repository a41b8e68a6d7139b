using System.Globalization;
using OpenIta.Reports.Thai;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The language of a request: Thai first, English on request (the <c>lang</c> cookie, set by the switch in the header).
/// Pages write both texts where they stand (<c>@Lang.T("ผลการประเมิน", "Results")</c>), so a reader of the code sees the
/// Thai and the English side by side.
/// </summary>
public sealed class Lang(IHttpContextAccessor accessor)
{
    public const string Cookie = "lang";

    public bool IsEnglish =>
        string.Equals(accessor.HttpContext?.Request.Cookies[Cookie], "en", StringComparison.Ordinal);

    public string Code => IsEnglish ? "en" : "th";

    /// <summary>Remembers the reader's language for a year (the switch in the header; the public pages' link).</summary>
    public static void Remember(HttpResponse response, string? lang, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);
        response.Cookies.Append(Cookie, lang == "en" ? "en" : "th", new CookieOptions
        {
            Expires = clock.GetUtcNow().AddYears(1),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
    }

    public string T(string thai, string english) => IsEnglish ? english : thai;

    /// <summary>A message of the core (engine warnings and errors, validation, audit rows) in the request's language.</summary>
    public string Of(Core.Text.Message? message) => message?.In(IsEnglish) ?? "";

    /// <summary>A fiscal year the Thai way (ปีงบประมาณ พ.ศ. 2567) or "FY2567 (2023–24)".</summary>
    public string FiscalYear(int buddhistEra) => IsEnglish
        ? string.Create(CultureInfo.InvariantCulture, $"FY{buddhistEra} ({buddhistEra - 544}–{(buddhistEra - 543) % 100:00})")
        : string.Create(CultureInfo.InvariantCulture, $"ปีงบประมาณ พ.ศ. {buddhistEra}");

    /// <summary>The date of an instant in Thailand, the Thai way in the Buddhist Era (22 พฤศจิกายน 2569), or in English.</summary>
    public string Date(DateTimeOffset when) => Date(when, IsEnglish);

    /// <summary>As <see cref="Date(DateTimeOffset)"/>, in the language given (a page whose language is its address's).</summary>
    public static string Date(DateTimeOffset when, bool english)
    {
        var date = ThaiTime.DateOf(when);
        return english ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : ThaiDates.Full(date);
    }

    /// <summary>A score as shown everywhere: two decimals, half-up.</summary>
    public static string Score(decimal? score) => Core.Scoring.Score.Display(score) ?? "–";
}
