using System.Net;
using System.Text.RegularExpressions;

namespace OpenIta.Web.Tests.Language;

/// <summary>
/// What a Thai page must not show a reader, outside the language switch:
/// <list type="bullet">
/// <item><b>An English sentence</b>: three or more Latin words in a row (a word is Latin letters, with inner hyphens or
/// apostrophes: <c>maet-na-thom</c> is one word), separated only by spaces, commas, parentheses or quotes. Digits,
/// Thai, colons, slashes and full stops break a run. Before counting, the proper names and acronyms of
/// <see cref="AllowedNames"/> are taken out (they break a run too): the assessment's own names, file formats, and
/// "No Gift Policy", which is the seeds' own Thai text.</item>
/// <item><b>A field path</b> of the input contract: <c>instruments.EIT</c>, <c>indicators.4</c>, <c>responses.IIT[0]</c>,
/// <c>total:</c>, or any camelCase identifier (<c>subIndicators</c>, <c>fiscalYear</c>).</item>
/// <item><b>A file name or our own sources</b>: <c>name.json</c> (and .yaml, .md, .cs, .txt, .docx, .pdf, .xlsx, .csv),
/// <c>seed 003</c>, <c>research</c>, <c>frameworks/</c>, <c>README</c>.</item>
/// </list>
/// </summary>
public static partial class ThaiText
{
    /// <summary>
    /// Names that are not English sentences however they stand: the assessment's and the product's names, file formats,
    /// NACC's grade names up to FY2565 (AA … F, which the Thai scale itself uses), and names in the seed agencies' own
    /// Thai texts (their measures name "No Gift Policy", "On The Job Training", Messenger, Live Chat, Facebook, Youtube;
    /// seed 004's progress report names a "KM Field Visit" and the ePCOS system):
    /// the agencies' data, shown as they wrote it. Do not widen this to make a page of ours pass: fix the text.
    /// </summary>
    public static readonly string[] AllowedNames =
    [
        "No Gift Policy", "On The Job Training", "Messenger", "Live Chat", "Facebook", "Youtube", "KM Field Visit", "ePCOS",
        "OpenITA", "ITA", "IIT", "EIT1", "EIT2", "EIT", "OIT", "DOCX", "PDF", "XLSX", "CSV", "API",
        "AA", "A", "B", "C", "D", "E", "F",
    ];

    /// <summary>Everything wrong with <paramref name="text"/> (what a reader sees), as (kind, the text found).</summary>
    public static IEnumerable<(string Kind, string Found)> Problems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text;
        foreach (var name in AllowedNames)
        {
            rest = Regex.Replace(rest, $@"(?<![A-Za-z]){Regex.Escape(name)}(?![A-Za-z])", " ๏ ");
        }
        foreach (Match match in FieldPath().Matches(rest))
        {
            yield return ("field path", match.Value);
        }
        foreach (Match match in FileOrSource().Matches(text))
        {
            yield return ("file name or our source", match.Value);
        }
        foreach (Match match in EnglishRun().Matches(rest))
        {
            yield return ("English sentence", match.Value);
        }
    }

    /// <summary>
    /// The text of a page a reader sees: text nodes and the attributes shown as text (title, placeholder, aria-label,
    /// alt, a button's value), without scripts, styles and the language switch (its form posts to /account/language).
    /// </summary>
    public static string Visible(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var body = Scripts().Replace(html, " ");
        body = LanguageSwitch().Replace(body, " ");
        var attributes = string.Join(" \n ", ShownAttribute().Matches(body).Select(m => m.Groups["value"].Value));
        var text = Tag().Replace(body, " \n ");
        return WebUtility.HtmlDecode(text + " \n " + attributes);
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>[\s\S]*?</\1>", RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<form\b[^>]*action=""/account/language""[\s\S]*?</form>", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageSwitch();

    [GeneratedRegex(@"\s(?:title|placeholder|aria-label|alt)=""(?<value>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ShownAttribute();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    private const string Word = @"[A-Za-z]+(?:['’-][A-Za-z]+)*";

    [GeneratedRegex(@"(?<![A-Za-z'’-])" + Word + @"(?:[ \t\r\n\u00a0,()""“”'‘’]+" + Word + @"){2,}")]
    private static partial Regex EnglishRun();

    [GeneratedRegex(@"\b(?:instruments|indicators|subIndicators|questions|oitItems|responses|published|participation)(?:\.|\[)\S*|\b(?:total|rating|input|fiscalYear)\s*:|\b[a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"[\w-]+\.(?:json|ya?ml|md|cs|cshtml|txt|docx|pdf|xlsx|csv)\b|\bseeds?\s*\d+|\bresearch\b|\bframeworks?/|\bREADME\b|\bSCHEMA\b", RegexOptions.IgnoreCase)]
    private static partial Regex FileOrSource();
}
