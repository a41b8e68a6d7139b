using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;

namespace OpenIta.Web.Features.Import;

/// <summary>
/// The results template of a fiscal year: one row per agency the user may change, its code, name and year filled
/// in; in XLSX with a second sheet that explains every column in Thai and English.
/// </summary>
public static class ResultTemplate
{
    public const string DataSheet = "results";
    public const string HelpSheet = "คำอธิบาย";

    public static IReadOnlyList<IReadOnlyList<object?>> Rows(Framework framework, IEnumerable<Agency> agencies, bool detail)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(agencies);
        var columns = ResultColumns.Template(framework, detail);
        var rows = new List<IReadOnlyList<object?>> { columns.ToArray() };
        foreach (var agency in agencies)
        {
            var row = new object?[columns.Count];
            row[0] = agency.Slug;
            row[1] = agency.NameTh;
            row[2] = framework.Year.BuddhistEra;
            rows.Add(row);
        }
        return rows;
    }

    public static byte[] Csv(Framework framework, IEnumerable<Agency> agencies, bool detail) =>
        Sheets.WriteCsv(Rows(framework, agencies, detail));

    public static byte[] Xlsx(Framework framework, IEnumerable<Agency> agencies, bool detail)
    {
        var rows = Rows(framework, agencies, detail);
        var widths = rows[0].Select((_, i) => i switch { 0 => 16d, 1 => 40d, _ => 11d }).ToList();
        return Sheets.WriteXlsx([new SheetContent(DataSheet, rows, widths), new SheetContent(HelpSheet, Help(framework, detail), [24, 70, 70])]);
    }

    public static string FileName(Framework framework, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"openita-results-{framework?.Year.BuddhistEra}.{extension}");

    /// <summary>The explanation sheet: every column, then the rules of an import.</summary>
    public static IReadOnlyList<IReadOnlyList<object?>> Help(Framework framework, bool detail)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var rows = new List<IReadOnlyList<object?>> { new object?[] { "คอลัมน์ · Column", "ความหมาย", "Meaning" } };
        foreach (var column in ResultColumns.Template(framework, detail))
        {
            var (thai, english) = ResultColumns.Describe(column, framework);
            rows.Add([column, thai, english]);
        }
        if (!detail)
        {
            rows.Add(["q:<ข้อ> · oit:<ข้อ> · sub:<รหัส>",
                "เพิ่มได้ถ้ามีคะแนนรายข้อ เช่น q:I1, q:I1.1, oit:O1, sub:9.1 (ดาวน์โหลดแบบฟอร์มแบบ \"รวมรายข้อ\" เพื่อได้ทุกคอลัมน์ของปีนี้)",
                "Optional, when you have them: question, sub-item, OIT item and OIT sub-indicator scores such as q:I1, q:I1.1, oit:O1, sub:9.1 (download the template \"with every item\" for all of this year's columns)"]);
        }
        rows.Add([]);
        foreach (var (thai, english) in Rules)
        {
            rows.Add(["", thai, english]);
        }
        return rows;
    }

    /// <summary>How an import reads a file, in Thai and English (the page's help says the same).</summary>
    public static IReadOnlyList<(string Thai, string English)> Rules { get; } =
    [
        ("แถวแรกเป็นชื่อคอลัมน์ภาษาอังกฤษ ห้ามแก้ไข สลับลำดับคอลัมน์หรือลบคอลัมน์ที่ไม่ใช้ได้",
            "The first row holds the column names, in English: do not change them. Columns may be reordered or removed."),
        ("หนึ่งแถวต่อหนึ่งหน่วยงานต่อหนึ่งปี แถวที่ไม่มีคะแนนจะถูกข้าม",
            "One row per agency and year. Rows without scores are skipped."),
        ("คะแนนอยู่ระหว่าง 0 ถึง 100 ใช้จุด (.) เป็นจุดทศนิยม เลขไทย เช่น ๘๕.๘๔ ใช้ได้ (ระบบแปลงเป็นเลขอารบิก) แต่ข้อความ เช่น \"แปดสิบห้า\" ใช้ไม่ได้",
            "Scores are from 0 to 100 with a point as the decimal mark. Thai digits such as ๘๕.๘๔ are read as digits; words are refused."),
        ("ช่องว่าง หรือ \"-\" หมายถึงไม่มีข้อมูล ใส่เฉพาะระดับที่มี ระบบคำนวณระดับอื่นให้ ค่าที่ใส่หลายระดับต้องสอดคล้องกัน",
            "An empty cell or \"-\" means not given. Give the levels you have; the others are computed. Levels given together must agree."),
        ("คอลัมน์ published_… คือค่าที่ประกาศ ใช้ตรวจสอบกับค่าที่คำนวณเท่านั้น ค่าที่ไม่ตรงจะแสดงเป็นข้อสังเกต",
            "published_… columns are the figures as published: they are only checked against the computed ones, and differences are flagged."),
        ("ระบบตรวจทุกแถวก่อนบันทึก ถ้ามีข้อผิดพลาดแม้แถวเดียวจะไม่บันทึกเลย นำเข้าไฟล์เดิมซ้ำจะได้ข้อมูลเหมือนเดิม (แทนที่ผลของปีนั้น)",
            "Every row is checked before anything is saved: one error and nothing is saved. Importing the same file again leaves the same data (it replaces that year's result)."),
        ("ไฟล์ CSV (UTF-8 หรือ TIS-620/Windows-874) หรือ XLSX ขนาดไม่เกิน 10 MB",
            "CSV (UTF-8, or TIS-620/Windows-874) or XLSX, at most 10 MB."),
    ];
}
