using System.Globalization;
using OpenIta.Data.Oit;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.LinkChecks;

/// <summary>The words of the link checker's flags, Thai first.</summary>
public static class LinkFlagText
{
    /// <summary>How a broken link failed: the HTTP status, or what happened instead.</summary>
    public static string Outcome(OitUrlCheck check, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(lang);
        return check.Outcome switch
        {
            "HttpError" => lang.T("เซิร์ฟเวอร์ตอบ ", "the server answered ") + (check.Status?.ToString(CultureInfo.InvariantCulture) ?? "–"),
            "Unreachable" => lang.T("ติดต่อเว็บไซต์ไม่ได้", "the site could not be reached"),
            "Timeout" => lang.T("เว็บไซต์ตอบช้าเกินเวลา", "the site did not answer in time"),
            "TooManyRedirects" => lang.T("เปลี่ยนเส้นทางมากเกินไป", "too many redirects"),
            "Refused" => lang.T("ที่อยู่ไม่ใช่เว็บไซต์สาธารณะ", "not a public web address"),
            _ => lang.T("ตรวจไม่ผ่าน", "failed"),
        };
    }

    /// <summary>How many of an item's links carry a flag (broken, changed, outside the year).</summary>
    public static int Flagged(IEnumerable<OitUrlView> urls) =>
        urls.Count(u => u.Check is { } c && (c.Broken || c.Changed == true || c.OutsideYear == true));
}
