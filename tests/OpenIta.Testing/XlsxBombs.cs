using System.IO.Compression;
using System.Text;

namespace OpenIta.Testing;

/// <summary>
/// Small XLSX files that unpack to far too much, built part by part with a zip writer (no spreadsheet library): the
/// shapes a hostile or broken file takes against the importer.
/// </summary>
public static class XlsxBombs
{
    public enum Kind
    {
        /// <summary>The bomb: a header, then rows of millions of empty cells &lt;c/&gt; (about 60 MB unpacked).</summary>
        EmptyCells,

        /// <summary>Millions of empty rows &lt;row/&gt;.</summary>
        EmptyRows,

        /// <summary>One cell whose text is 50 MB.</summary>
        HugeText,

        /// <summary>One shared string of 50 MB.</summary>
        HugeSharedString,

        /// <summary>Elements nested a million deep.</summary>
        DeepNesting,

        /// <summary>A cell reference attribute of 50 MB.</summary>
        HugeAttribute,

        /// <summary>A zip whose entry says it is small but unpacks to 50 MB of spaces.</summary>
        Whitespace,
    }

    public static byte[] Make(Kind kind) => Workbook(sheet => Sheet(kind, sheet), kind == Kind.HugeSharedString ? Shared : null);

    private static void Sheet(Kind kind, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        w.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>agency</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>fiscal_year</t></is></c></row>");
        switch (kind)
        {
            case Kind.EmptyCells:
                for (var r = 0; r < 150; r++)
                {
                    w.Write("<row>");
                    for (var c = 0; c < 100_000; c++)
                    {
                        w.Write("<c/>");
                    }
                    w.Write("</row>");
                }
                break;
            case Kind.EmptyRows:
                for (var r = 0; r < 10_000_000; r++)
                {
                    w.Write("<row/>");
                }
                break;
            case Kind.HugeText:
                w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
                Repeat(w, 'x', 50_000_000);
                w.Write("</t></is></c></row>");
                break;
            case Kind.HugeSharedString:
                w.Write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>");
                break;
            case Kind.DeepNesting:
                w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is>");
                for (var i = 0; i < 1_000_000; i++)
                {
                    w.Write("<r>");
                }
                break;
            case Kind.HugeAttribute:
                w.Write("<row r=\"2\"><c r=\"A");
                Repeat(w, '9', 50_000_000);
                w.Write("\"/></row>");
                break;
            case Kind.Whitespace:
                Repeat(w, ' ', 50_000_000);
                break;
        }
        w.Write("</sheetData></worksheet>");
    }

    private static void Shared(Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
        Repeat(w, 'y', 50_000_000);
        w.Write("</t></si></sst>");
    }

    private static void Repeat(StreamWriter w, char c, int count)
    {
        var chunk = new string(c, 1 << 16);
        for (var written = 0; written < count; written += chunk.Length)
        {
            w.Write(chunk);
        }
    }

    private static byte[] Workbook(Action<Stream> sheet, Action<Stream>? shared)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Text(string name, string text)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
            const string rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Text("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
            Text("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rels}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Text("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{rels}\"><sheets><sheet name=\"results\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Text("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rels}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rels}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            using (var s = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open())
            {
                sheet(s);
            }
            if (shared is not null)
            {
                using var s = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
                shared(s);
            }
        }
        return buffer.ToArray();
    }
}
