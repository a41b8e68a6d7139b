using System.Buffers.Binary;
using System.Globalization;

namespace OpenIta.Reports.Rendering;

/// <summary>
/// The Thai face the PDFs are printed in: fonts-thai-tlwg's Laksaman (TH Sarabun New's stand-in on Linux), given to
/// Chromium as a web font with one change that keeps Thai words whole when a PDF's text is copied or searched.
/// <para>Why words broke ("เป็น" extracted as "เป็ น"): a Thai mark (ั ิ ี ็ ่ ้ …) is a glyph of its own with no advance,
/// placed by the font's GPOS mark anchors. Over a consonant with a tall stem (ป ฝ ฟ ฬ) the anchor moves the mark left,
/// about 0.12 em in Laksaman, so that it clears the stem. Chromium (Skia) writes each glyph at its place, and the PDF
/// gives every glyph the width of its advance (the font's hmtx, written to the /W array): the mark's box is empty and
/// ends 0.12 em before the next letter. Text extraction (poppler's pdftotext, and a viewer's copy and search) starts a
/// new word where the gap between two glyphs exceeds about 0.1 em, so it wrote a space inside the word. Every TLWG
/// face does this for some consonant and mark; it is not our line breaking (the HTML has no zero-width spaces or
/// <c>&lt;wbr&gt;</c>) and not the cmap (the letters all come out, with a space among them).</para>
/// <para>The change: the marks (glyph class 3 in GDEF) get an advance of <see cref="MarkAdvance"/> em in hmtx.
/// HarfBuzz's Thai shaper sets the advance of every mark to zero, so the line is laid out and drawn exactly as before
/// (the same glyphs at the same places), but the PDF's /W now gives each mark a box that reaches the next letter.
/// Printed with <c>text-rendering: geometricPrecision</c>, which keeps the web font's glyphs at the fractional
/// places Chromium gives the installed font (hinting would round them to whole pixels).</para>
/// </summary>
internal static class PrintFont
{
    /// <summary>The CSS family name the PDF's HTML uses for the changed face.</summary>
    public const string Family = "OpenITA Laksaman";

    /// <summary>The advance a mark gets in hmtx, in em: a mark moved left by up to 0.25 em, or right by up to
    /// 0.05 em, then ends within the 0.1 em (gap) and 0.2 em (overlap) pdftotext takes for one word.</summary>
    public const double MarkAdvance = 0.15;

    /// <summary>Where Debian's fonts-thai-tlwg puts the faces (TrueType first, then OpenType).</summary>
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/opentype/tlwg"];

    private static readonly Lazy<string?> Rules = new(BuildRules);

    /// <summary>The @font-face rules and the body's font for a PDF, or null when Laksaman is not installed (the
    /// document then prints in what fontconfig offers, and its marks may split words again).</summary>
    public static string? Css => Rules.Value;

    private static string? BuildRules()
    {
        var regular = Find("Laksaman");
        if (regular is null)
        {
            return null;
        }
        var bold = Find("Laksaman-Bold");
        var css = new System.Text.StringBuilder();
        Face(css, regular, "normal");
        if (bold is not null)
        {
            Face(css, bold, "bold");
        }
        css.Append(CultureInfo.InvariantCulture, $"body {{ font-family: \"{Family}\", {HtmlRenderer.FontFamilies}; text-rendering: geometricPrecision; }}\n");
        return css.ToString();
    }

    private static void Face(System.Text.StringBuilder css, string path, string weight)
    {
        var font = WidenMarks(File.ReadAllBytes(path));
        var type = path.EndsWith(".otf", StringComparison.Ordinal) ? "font/otf" : "font/ttf";
        css.Append(CultureInfo.InvariantCulture, $"@font-face {{ font-family: \"{Family}\"; font-weight: {weight}; font-style: normal; src: url(data:{type};base64,")
           .Append(Convert.ToBase64String(font)).Append("); }\n");
    }

    private static string? Find(string name) => Folders
        .SelectMany(folder => new[] { Path.Combine(folder, name + ".ttf"), Path.Combine(folder, name + ".otf") })
        .FirstOrDefault(File.Exists);

    /// <summary>A copy of an OpenType font whose mark glyphs (GDEF class 3) have an advance of <see cref="MarkAdvance"/>
    /// em in hmtx, with the table's and the font's checksums set again. A font without GDEF, or whose marks share the
    /// last advance (past numberOfHMetrics), is returned unchanged.</summary>
    internal static byte[] WidenMarks(byte[] original)
    {
        var font = (byte[])original.Clone();
        var tables = Tables(font);
        if (!tables.TryGetValue("GDEF", out var gdef) || !tables.TryGetValue("hmtx", out var hmtx)
            || !tables.TryGetValue("hhea", out var hhea) || !tables.TryGetValue("head", out var head))
        {
            return font;
        }
        var unitsPerEm = U16(font, head.Offset + 18);
        var metrics = U16(font, hhea.Offset + 34);
        var classDef = U16(font, gdef.Offset + 4);
        if (classDef == 0)
        {
            return font;
        }
        var advance = (ushort)Math.Round(unitsPerEm * MarkAdvance);
        var changed = false;
        foreach (var glyph in Marks(font, gdef.Offset + classDef))
        {
            if (glyph < metrics && U16(font, hmtx.Offset + (4 * glyph)) == 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(hmtx.Offset + (4 * glyph)), advance);
                changed = true;
            }
        }
        if (!changed)
        {
            return font;
        }
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(hmtx.Record + 4), Checksum(font, hmtx.Offset, hmtx.Length));
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), 0);
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), unchecked(0xB1B0AFBA - Checksum(font, 0, font.Length)));
        return font;
    }

    private readonly record struct TableEntry(int Record, int Offset, int Length);

    private static Dictionary<string, TableEntry> Tables(byte[] font)
    {
        var tables = new Dictionary<string, TableEntry>(StringComparer.Ordinal);
        var count = U16(font, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = new TableEntry(record, (int)U32(font, record + 8), (int)U32(font, record + 12));
        }
        return tables;
    }

    /// <summary>The glyphs of class 3 (mark) in a ClassDef table (formats 1 and 2).</summary>
    private static IEnumerable<int> Marks(byte[] font, int at)
    {
        const int mark = 3;
        switch (U16(font, at))
        {
            case 1:
                var start = U16(font, at + 2);
                var count = U16(font, at + 4);
                for (var i = 0; i < count; i++)
                {
                    if (U16(font, at + 6 + (2 * i)) == mark)
                    {
                        yield return start + i;
                    }
                }
                break;
            case 2:
                var ranges = U16(font, at + 2);
                for (var i = 0; i < ranges; i++)
                {
                    var range = at + 4 + (6 * i);
                    if (U16(font, range + 4) == mark)
                    {
                        for (var glyph = U16(font, range); glyph <= U16(font, range + 2); glyph++)
                        {
                            yield return glyph;
                        }
                    }
                }
                break;
        }
    }

    private static uint Checksum(byte[] font, int offset, int length)
    {
        uint sum = 0;
        for (var i = 0; i < length; i += 4)
        {
            uint word = 0;
            for (var b = 0; b < 4; b++)
            {
                word = (word << 8) | (offset + i + b < font.Length && i + b < length ? font[offset + i + b] : 0u);
            }
            sum = unchecked(sum + word);
        }
        return sum;
    }

    private static ushort U16(byte[] font, int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));

    private static uint U32(byte[] font, int at) => BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at));
}
