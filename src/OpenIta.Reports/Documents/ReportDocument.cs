using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Documents;

/// <summary>One official document, rendered the same way to DOCX, HTML/PDF and XLSX. Text is given with Arabic digits
/// (or any digits); every renderer writes it through <see cref="DocumentOptions.Digits"/>. A "\n" in any text is a
/// line break.</summary>
public sealed record ReportDocument(DocumentOptions Options, IReadOnlyList<Block> Blocks);

/// <summary>The agency that issues the document: its name and the lines under it (department, address, …).
/// There is no logo: Thai documents generated here start with a text header.</summary>
public sealed record AgencyHeader(string Name, IReadOnlyList<string> Lines)
{
    public AgencyHeader(string name) : this(name, []) { }
}

/// <summary>What the whole document shares.</summary>
/// <param name="Title">The document's title, shown centred and bold at the top.</param>
/// <param name="Digits">Thai (๐–๙) or Arabic digits for every number the document writes. XLSX numbers stay numbers.</param>
/// <param name="FiscalYear">The Buddhist-Era fiscal year the document is about, shown under the title when given.</param>
/// <param name="Date">The document's date (given, never "today"), shown in full BE form under the title when given.</param>
/// <param name="Landscape">A4 landscape, as the measures tables of the seeds are printed; portrait otherwise.</param>
public sealed record DocumentOptions(
    string Title,
    DigitStyle Digits = DigitStyle.Arabic,
    AgencyHeader? Agency = null,
    string? Subtitle = null,
    int? FiscalYear = null,
    DateOnly? Date = null,
    bool Landscape = false);

/// <summary>A part of the document body.</summary>
public abstract record Block;

/// <summary>A heading; level 1 is the largest.</summary>
public sealed record Heading : Block
{
    public Heading(int level, string text)
    {
        Level = level is >= 1 and <= 3 ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "Heading levels are 1–3.");
        Text = text;
    }

    public int Level { get; }
    public string Text { get; }
}

/// <summary>A piece of text with one emphasis.</summary>
public sealed record Run(string Text, bool Bold = false);

public enum TextAlign
{
    Left,
    Center,
    Right,
    Justify,
}

/// <summary>A paragraph of runs. <paramref name="FirstLineIndent"/> indents the first line as Thai memos do.</summary>
public sealed record Paragraph(IReadOnlyList<Run> Runs, TextAlign Align = TextAlign.Left, bool FirstLineIndent = false) : Block
{
    public Paragraph(string text, TextAlign align = TextAlign.Left, bool firstLineIndent = false)
        : this([new Run(text)], align, firstLineIndent) { }
}

/// <summary>A bulleted or numbered list. Numbers are written as text ("1.", "2.", …) through the digit option.</summary>
public sealed record ListBlock(IReadOnlyList<IReadOnlyList<Run>> Items, bool Numbered = false) : Block
{
    public static ListBlock Of(bool numbered, params string[] items) =>
        new([.. items.Select(i => (IReadOnlyList<Run>)[new Run(i)])], numbered);
}

/// <summary>Starts a new page.</summary>
public sealed record PageBreak : Block;

/// <summary>Who signs or approves: name, position, date and the memo number (เลขที่บันทึก) of the approval.</summary>
/// <param name="Caption">The line above the signature, e.g. "ผู้อนุมัติ" or "ผู้รายงาน"; none when null.</param>
public sealed record SignatureBlock(
    string Name,
    string Position,
    DateOnly? Date = null,
    string? MemoNumber = null,
    string? Caption = null) : Block;

/// <summary>A picture drawn by the document code itself (a QR code), as SVG markup, centred at
/// <paramref name="WidthCm"/>: vector, so it prints sharp, and inline, so the printer never waits for it to load. Only the
/// reports' own code makes one (<see cref="Rendering.QrCodes"/>): the markup is written as it is. DOCX writes
/// <paramref name="AltText"/> in its place (a poster is printed as PDF).</summary>
public sealed record Graphic : Block
{
    internal Graphic(string svg, double widthCm, string altText)
    {
        Svg = svg.StartsWith("<svg ", StringComparison.Ordinal) ? svg : throw new ArgumentException("A graphic is SVG markup.", nameof(svg));
        WidthCm = widthCm is > 0 and <= 20 ? widthCm : throw new ArgumentOutOfRangeException(nameof(widthCm), widthCm, "A graphic is 0–20 cm wide.");
        AltText = altText;
    }

    public string Svg { get; }
    public double WidthCm { get; }
    public string AltText { get; }
}
