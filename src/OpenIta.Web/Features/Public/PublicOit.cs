using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Publishing;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// The JSON feed of an agency's submitted OIT (docs/public-oit-feed.md): a stable shape, fields only added. <see cref="Page"/>
/// is the public page's path on this site (relative: the request's Host header never goes into a cached answer).
/// </summary>
public sealed record OitFeed(OitFeedAgency Agency, int FiscalYear, DateTimeOffset SubmittedAt, string Page, IReadOnlyList<OitFeedItem> Items);

public sealed record OitFeedAgency(string Slug, string Name, string? NameEn);

public sealed record OitFeedItem(string Code, string? SubIndicator, string? SubIndicatorName, string? Title, string? TitleEn, IReadOnlyList<OitFeedUrl> Urls);

public sealed record OitFeedUrl(string Url, bool Clarification);

/// <summary>
/// What agency websites (the CMS modules of anchors §D) read instead of keeping the OIT list by hand (issue 13, item 5):
/// <list type="bullet">
/// <item><c>GET /public/agencies/{slug}/oit/{year}.json</c>: the feed (<see cref="OitFeed"/>); an unknown agency or
/// year, or a set not submitted yet, is a 404 problem+json, whoever asks.</item>
/// <item><c>GET /public/agencies/{slug}/oit/{year}/embed[?lang=en]</c>: a small self-contained HTML list (its own
/// style, no script, no image, links opening outside the frame), which any site may frame: the only response with
/// framing allowed (<see cref="SecurityHeaders.AllowFraming"/>). Its language is the address's, not a cookie's (a
/// framed page gets no cookie of ours).</item>
/// </list>
/// Both may be read by any origin (<c>Access-Control-Allow-Origin: *</c>, no credentials) and cached by shared caches
/// for five minutes (then revalidated with the ETag of <see cref="PublicResponses"/>).
/// </summary>
public static class PublicOit
{
    public const string CacheControl = "public, max-age=300";

    /// <summary>The fragment's style, kept small; allowed by its hash in the fragment's Content-Security-Policy.</summary>
    private const string Style =
        "body{margin:0;font:15px/1.5 'Sarabun','Noto Sans Thai','Loma',sans-serif;color:#1a1a1a;background:#fff}"
        + "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}"
        + "th{background:#f3f5f8}td.code{white-space:nowrap;font-weight:600}a{color:#0b57d0;word-break:break-all}"
        + "ul{margin:0;padding-left:1.1em}p{margin:6px 8px;font-size:13px;color:#555}";

    private static readonly string StyleHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    /// <summary>The fragment's policy: nothing but its own style, framed by anyone, no form, no base.</summary>
    public static readonly string EmbedPolicy =
        "default-src 'none'; style-src " + StyleHash + "; frame-ancestors *; form-action 'none'; base-uri 'none'";

    public static RouteGroupBuilder MapPublicOit(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/agencies/{slug}/oit/{year:int}.json", FeedAsync);
        group.MapGet("/agencies/{slug}/oit/{year:int}/embed", EmbedAsync);
        return group;
    }

    private static async Task<IResult> FeedAsync(string slug, int year, HttpContext context, OpenItaDb db, Publications publications,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (await PublicEndpoints.AgencyAsync(db, slug, cancellationToken) is not { } agency
            || await publications.OitAsync(agency.Id, year, cancellationToken) is not { } oit)
        {
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status404NotFound };
            ApiProblemMessages.Attach(problem, Message.Of("public.oit.not-found",
                $"ไม่พบข้อมูล OIT ที่หน่วยงาน {slug} ส่งแล้วของปีงบประมาณ พ.ศ. {year.ToString(CultureInfo.InvariantCulture)}",
                $"No submitted OIT of {slug} for FY{year.ToString(CultureInfo.InvariantCulture)}."));
            return TypedResults.Problem(problem);
        }
        context.Response.Headers.CacheControl = CacheControl;
        var items = oit.Items.Select(i => new OitFeedItem(i.Code, i.SubIndicator, i.SubIndicatorTh, i.TitleTh, i.TitleEn,
            [.. i.Urls.Select(u => new OitFeedUrl(u.Url, u.FromClarification))])).ToList();
        return TypedResults.Json(new OitFeed(new OitFeedAgency(agency.Slug, agency.NameTh, agency.NameEn), oit.FiscalYear,
            DateTimeOffset.FromUnixTimeMilliseconds(oit.SubmittedAtUnixMs), PublicPaths.Oit(agency.Slug, year), items));
    }

    private static async Task<IResult> EmbedAsync(string slug, int year, string? lang, HttpContext context, OpenItaDb db, Publications publications,
        CancellationToken cancellationToken)
    {
        if (await PublicEndpoints.AgencyAsync(db, slug, cancellationToken) is not { } agency
            || await publications.OitAsync(agency.Id, year, cancellationToken) is not { } oit)
        {
            return TypedResults.NotFound();
        }
        var english = lang == "en";
        string T(string th, string en) => english ? en : th;
        var e = HtmlEncoder.Default;
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"").Append(english ? "en" : "th").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(e.Encode(T("การเปิดเผยข้อมูลสาธารณะ (OIT) ", "Open data (OIT) ") + agency.NameTh))
            .Append("</title><style>").Append(Style).Append("</style></head><body><table><thead><tr><th>")
            .Append(e.Encode(T("ข้อ", "Item"))).Append("</th><th>").Append(e.Encode(T("ข้อมูล", "Information"))).Append("</th><th>")
            .Append(e.Encode(T("ลิงก์", "Links"))).Append("</th></tr></thead><tbody>");
        foreach (var item in oit.Items)
        {
            html.Append("<tr id=\"").Append(e.Encode(item.Code)).Append("\"><td class=\"code\">").Append(e.Encode(item.Code)).Append("</td><td>")
                .Append(e.Encode((english ? item.TitleEn ?? item.TitleTh : item.TitleTh) ?? "–")).Append("</td><td>");
            if (item.Urls.Count == 0)
            {
                html.Append('–');
            }
            else
            {
                html.Append("<ul>");
                foreach (var url in item.Urls)
                {
                    html.Append("<li><a href=\"").Append(e.Encode(url.Url)).Append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                        .Append(e.Encode(url.Url)).Append("</a></li>");
                }
                html.Append("</ul>");
            }
            html.Append("</td></tr>");
        }
        var page = PublicPaths.Oit(agency.Slug, year);
        html.Append("</tbody></table><p>").Append(e.Encode(T("ข้อมูลที่หน่วยงานส่งผ่าน OpenITA เมื่อ ", "Submitted through OpenITA on ")))
            .Append(e.Encode(Lang.Date(DateTimeOffset.FromUnixTimeMilliseconds(oit.SubmittedAtUnixMs), english)))
            .Append(" · <a href=\"").Append(e.Encode(page)).Append("\" target=\"_blank\" rel=\"noopener\">")
            .Append(e.Encode(T("ดูหน้าเต็ม", "Full page"))).Append("</a></p></body></html>");
        SecurityHeaders.AllowFraming(context, EmbedPolicy);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
