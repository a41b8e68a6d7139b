using OpenIta.Data.Agencies;
using OpenIta.Web.Features.Import;

namespace OpenIta.Web.Features.Admin;

/// <summary>The agencies template: every agency as it is now (so the file can be edited and imported back), with an explanation sheet in XLSX.</summary>
public static class AgencyTemplate
{
    public const string DataSheet = "agencies";

    public static IReadOnlyList<IReadOnlyList<object?>> Rows(IReadOnlyList<Agency> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var slugOf = agencies.ToDictionary(a => a.Id, a => a.Slug);
        var rows = new List<IReadOnlyList<object?>> { AgencyRows.AllColumns.ToArray() };
        rows.AddRange(agencies.Select(a => (IReadOnlyList<object?>)
        [
            a.Slug, a.NameTh, a.NameEn, a.Abbreviation, a.Kind.ToString(), a.Size?.ToString(), a.Province,
            a.ParentId is { } p ? slugOf.GetValueOrDefault(p) : null,
        ]));
        return rows;
    }

    public static byte[] Csv(IReadOnlyList<Agency> agencies) => Sheets.WriteCsv(Rows(agencies));

    public static byte[] Xlsx(IReadOnlyList<Agency> agencies) => Sheets.WriteXlsx(
    [
        new SheetContent(DataSheet, Rows(agencies), [18, 44, 40, 14, 24, 10, 16, 18]),
        new SheetContent("คำอธิบาย", Help(), [18, 70, 70]),
    ]);

    public static IReadOnlyList<(string Column, string Thai, string English)> Columns { get; } =
    [
        (AgencyRows.Slug, "รหัสหน่วยงาน (จำเป็น) อักษรอังกฤษตัวเล็ก ตัวเลข และ - . _ ใช้ระบุหน่วยงาน: รหัสที่มีแล้วจะแก้ไขข้อมูลเดิม รหัสใหม่จะเพิ่มหน่วยงาน",
            "The agency's code (required): lower-case letters, digits and - . _. An existing slug updates that agency; a new one adds an agency."),
        (AgencyRows.NameTh, "ชื่อหน่วยงานภาษาไทย (จำเป็น)", "The Thai name (required)."),
        (AgencyRows.NameEn, "ชื่อภาษาอังกฤษ", "The English name."),
        (AgencyRows.Abbreviation, "ชื่อย่อ เช่น สลน.", "The abbreviation, such as สลน."),
        (AgencyRows.Kind, $"ประเภท (ว่าง = Other): {AgencyRows.AllowedKinds}", $"The kind (empty = Other): {AgencyRows.AllowedKinds}"),
        (AgencyRows.Size, "ขนาด: Small (เล็ก), Medium (กลาง), Large (ใหญ่) หรือว่าง", "The size: Small, Medium, Large, or empty."),
        (AgencyRows.Province, "จังหวัด", "The province."),
        (AgencyRows.ParentSlug, "รหัสหน่วยงานแม่ (ในระบบหรือในไฟล์นี้) เช่น กระทรวงหรือจังหวัด ว่าง = ไม่มีหน่วยงานแม่", "The parent agency's slug (in OpenITA or in this file), such as a ministry or a province; empty = none."),
    ];

    public static IReadOnlyList<(string Thai, string English)> Rules { get; } =
    [
        ("ตัดคอลัมน์ที่ไม่ต้องการแก้ไขออกได้ (ยกเว้น slug และ name_th) ข้อมูลของคอลัมน์ที่ไม่มีในไฟล์จะคงเดิม ช่องว่างหมายถึงลบค่านั้น",
            "Columns you do not want to change may be removed (not slug and name_th): what a missing column holds stays as it is; an empty cell clears the value."),
        ("ระบบตรวจทุกแถวก่อนบันทึก ถ้ามีข้อผิดพลาดแม้แถวเดียวจะไม่บันทึกเลย นำเข้าไฟล์เดิมซ้ำจะไม่เปลี่ยนแปลงอะไร",
            "Every row is checked before anything is saved: one error and nothing is saved. Importing the same file again changes nothing."),
        ("ไฟล์ CSV (UTF-8 หรือ TIS-620/Windows-874) หรือ XLSX ขนาดไม่เกิน 10 MB",
            "CSV (UTF-8, or TIS-620/Windows-874) or XLSX, at most 10 MB."),
    ];

    private static List<IReadOnlyList<object?>> Help()
    {
        var rows = new List<IReadOnlyList<object?>> { new object?[] { "คอลัมน์ · Column", "ความหมาย", "Meaning" } };
        rows.AddRange(Columns.Select(c => (IReadOnlyList<object?>)[c.Column, c.Thai, c.English]));
        rows.Add([]);
        rows.AddRange(Rules.Select(r => (IReadOnlyList<object?>)["", r.Thai, r.English]));
        return rows;
    }
}
