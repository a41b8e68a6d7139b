using OpenIta.Core.Text;

namespace OpenIta.Data.Oit;

/// <summary>How an OIT refusal is answered: the client's mistake (400), not allowed (403), not there (404), the state
/// or a newer version refuses it (409).</summary>
public enum OitRefusal
{
    BadInput = 400,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
}

/// <summary>A refused OIT change: which field, why in Thai and English, and how the web answers it.</summary>
public sealed class OitException(OitRefusal refusal, string field, string thai, string english) : Exception(english)
{
    public OitRefusal Refusal { get; } = refusal;

    /// <summary>The field of the API's JSON or the form (urls[1], score, version).</summary>
    public string Field { get; } = field;

    public string Thai { get; } = thai;

    public string English { get; } = english;

    public static OitException Bad(string field, string thai, string english) => new(OitRefusal.BadInput, field, thai, english);

    public static OitException Conflict(string field, string thai, string english) => new(OitRefusal.Conflict, field, thai, english);

    public static OitException Forbidden(string thai, string english) => new(OitRefusal.Forbidden, "", thai, english);

    public static OitException NotFound(string field, string thai, string english) => new(OitRefusal.NotFound, field, thai, english);

    /// <summary>Someone changed the row after the client read it.</summary>
    public static OitException Stale(string? by, long atUnixMs) => Conflict("version",
        $"ข้อนี้ถูกแก้ไขโดย {by ?? "ผู้อื่น"} หลังจากที่ท่านเปิดอ่าน กรุณาโหลดใหม่แล้วบันทึกอีกครั้ง",
        $"{by ?? "Someone else"} changed this item after you read it: reload and save again.");
}

/// <summary>One link as an owner enters it: the URL, and why it is used when it is not on the agency's website domain.</summary>
public sealed record OitLinkInput(string? Url, string? Exception = null);

/// <summary>
/// The rules of an OIT link (issue 13, item 1), the one place they live: an absolute http or https URL of at most
/// <see cref="OitModel.UrlMax"/> characters, on the agency's registered main website domain (or a name below it) unless
/// the owner states why not.
/// </summary>
public static class OitLinks
{
    /// <summary>The most links one item takes.</summary>
    public const int MaxPerItem = 20;

    /// <summary>The checked link, or a refusal naming <paramref name="field"/> (urls[1]).</summary>
    public static (string Url, string? Exception) Check(string field, OitLinkInput link, string? websiteDomain)
    {
        ArgumentNullException.ThrowIfNull(link);
        var text = link.Url?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw OitException.Bad(field, $"{field}: ลิงก์ว่าง", $"{field}: the link is empty.");
        }
        if (text.Length > OitModel.UrlMax)
        {
            throw OitException.Bad(field, $"{field}: ลิงก์ยาวเกิน {OitModel.UrlMax} ตัวอักษร", $"{field}: the link is longer than {OitModel.UrlMax} characters.");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || UserText.Check(text, OitModel.UrlMax) is not null || text.Any(char.IsWhiteSpace))
        {
            throw OitException.Bad(field,
                $"{field}: \"{Shown(text)}\" ไม่ใช่ลิงก์เต็มที่ขึ้นต้นด้วย http:// หรือ https://",
                $"{field}: \"{Shown(text)}\" is not an absolute http:// or https:// link.");
        }
        var reason = string.IsNullOrWhiteSpace(link.Exception) ? null : link.Exception.Trim();
        if (UserText.Check(reason, UserText.NoteMax) is { } bad)
        {
            throw OitException.Bad(field + ".exception", $"{field}: เหตุผลที่ใช้ลิงก์นอกเว็บไซต์หลัก {bad.Th}", $"{field}: the exception {bad.En}");
        }
        if (reason is null && !IsOnDomain(uri, websiteDomain))
        {
            throw OitException.Bad(field,
                $"{field}: {uri.Host} ไม่ใช่เว็บไซต์หลักของหน่วยงาน ({websiteDomain}) ระบุเหตุผลที่ใช้ลิงก์นี้ หรือใช้ลิงก์บนเว็บไซต์หลัก",
                $"{field}: {uri.Host} is not the agency's main website ({websiteDomain}): state why this link is used, or link to the main website.");
        }
        return (text, reason);
    }

    /// <summary>Whether the link is on the domain or a name below it; true when the agency registered no domain.</summary>
    public static bool IsOnDomain(Uri uri, string? websiteDomain)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (string.IsNullOrWhiteSpace(websiteDomain))
        {
            return true;
        }
        var domain = websiteDomain.Trim().TrimEnd('.').ToLowerInvariant();
        if (domain.StartsWith("www.", StringComparison.Ordinal))
        {
            domain = domain[4..];
        }
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

    /// <summary>A domain as an administrator registers it (www.opdc.go.th), or a refusal naming <c>websiteDomain</c>.</summary>
    public static string? Domain(string? text)
    {
        var domain = text?.Trim().TrimEnd('.').ToLowerInvariant() ?? "";
        if (domain.Length == 0)
        {
            return null;
        }
        if (domain.Length > OitModel.DomainMax || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal))
        {
            throw OitException.Bad("websiteDomain", $"\"{Shown(domain)}\" ไม่ใช่ชื่อโดเมน เช่น www.opdc.go.th", $"\"{Shown(domain)}\" is not a domain name such as www.opdc.go.th.");
        }
        return domain;
    }

    private static string Shown(string text) => UserText.Printable(text.Length > 80 ? text[..80] + "…" : text);
}
