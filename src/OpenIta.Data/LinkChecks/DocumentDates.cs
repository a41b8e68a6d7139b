using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.LinkChecks;

/// <summary>
/// The dates a fetched document carries, where they can be read: a PDF's metadata (the Info dictionary's CreationDate
/// and ModDate, and XMP's CreateDate and ModifyDate, where they are not inside a compressed stream); an HTML page's or
/// a text's Thai dates in its text (<see cref="ThaiDateText"/>: "๑ ตุลาคม ๒๕๖๖", "1 ต.ค. 2566"…), read in the page's
/// charset (UTF-8, or TIS-620 / windows-874 as older Thai sites still serve). Other documents give none.
/// </summary>
public static partial class DocumentDates
{
    private const int Chunk = 1 << 20;
    private const int Overlap = 128;

    /// <summary>The distinct dates read, earliest first; empty when none can be read.</summary>
    public static async Task<IReadOnlyList<DateOnly>> ReadAsync(Stream body, string? mediaType, string? charset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var head = new byte[8];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        body.Seek(0, SeekOrigin.Begin);
        var dates = IsPdf(mediaType, head.AsSpan(0, headLength))
            ? await PdfDatesAsync(body, cancellationToken)
            : IsText(mediaType) ? await TextDatesAsync(body, mediaType, charset, cancellationToken) : [];
        return dates.Distinct().Order().ToList();
    }

    private static bool IsPdf(string? mediaType, ReadOnlySpan<byte> head) =>
        string.Equals(mediaType, "application/pdf", StringComparison.OrdinalIgnoreCase) || head.StartsWith("%PDF-"u8);

    private static bool IsText(string? mediaType) =>
        mediaType is null || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(mediaType, "application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Scans the whole file in chunks (the Info dictionary may be anywhere), bytes read as Latin-1.</summary>
    private static async Task<List<DateOnly>> PdfDatesAsync(Stream body, CancellationToken cancellationToken)
    {
        var dates = new List<DateOnly>();
        var buffer = new byte[Chunk + Overlap];
        var carried = 0;
        while (true)
        {
            var read = await body.ReadAtLeastAsync(buffer.AsMemory(carried, Chunk), Chunk, throwOnEndOfStream: false, cancellationToken);
            var length = carried + read;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            foreach (Match m in PdfDate().Matches(text))
            {
                if (read < Chunk || m.Index < length - Overlap) // one that starts in the overlap is read with the next chunk
                {
                    AddDate(dates, m);
                }
            }
            if (read < Chunk)
            {
                return dates;
            }
            Buffer.BlockCopy(buffer, length - Overlap, buffer, 0, Overlap); // a key split between two chunks is read whole
            carried = Overlap;
        }
    }

    private static void AddDate(List<DateOnly> dates, Match m)
    {
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (year is >= 1950 and <= 2150 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            dates.Add(new DateOnly(year, month, day));
        }
    }

    private static async Task<IReadOnlyList<DateOnly>> TextDatesAsync(Stream body, string? mediaType, string? charset, CancellationToken cancellationToken)
    {
        // Thai in UTF-8 is three bytes a character: this reads as many characters as ThaiDateText does.
        var buffer = new byte[ThaiDateText.MaxChars * 3];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var html = mediaType is null || !mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
        var encoding = EncodingOf(charset ?? (html ? MetaCharset(buffer.AsSpan(0, Math.Min(length, 4096))) : null));
        var text = encoding.GetString(buffer, 0, length);
        return ThaiDateText.Find(html ? TextOf(text) : text);
    }

    /// <summary>The words of an HTML page: no scripts, styles or tags; entities decoded.</summary>
    internal static string TextOf(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " "));

    /// <summary>The charset a page names in its head (<c>&lt;meta charset&gt;</c> or http-equiv), if any.</summary>
    private static string? MetaCharset(ReadOnlySpan<byte> head)
    {
        var m = MetaCharsetPattern().Match(Encoding.Latin1.GetString(head));
        return m.Success ? m.Groups["charset"].Value : null;
    }

    /// <summary>UTF-8 unless the page names another; Thai's TIS-620 family is read as windows-874 (a superset).</summary>
    internal static Encoding EncodingOf(string? charset)
    {
        var name = charset?.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is null or "" or "utf-8" or "utf8")
        {
            return Encoding.UTF8;
        }
        if (name is "tis-620" or "tis620" or "windows-874" or "x-windows-874" or "iso-8859-11" or "cp874")
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(874) ?? Encoding.UTF8;
        }
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8; // a charset nobody knows: read as UTF-8
        }
    }

    [GeneratedRegex(@"(?:/(?:CreationDate|ModDate)\s*\(D:|xmp:(?:CreateDate|ModifyDate)\s*(?:>|=\s*[""']))(?<year>[0-9]{4})-?(?<month>[0-9]{2})-?(?<day>[0-9]{2})", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 5000)]
    private static partial Regex PdfDate();

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?(?<charset>[A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MetaCharsetPattern();
}
