using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

/// <summary>A short measures document with the Thai that shows shaping errors (tone marks over upper vowels, low tone
/// marks, tall consonants, ญ and ฐ losing their tails), a table with a merged header and a quarter timeline, and a
/// signature block. Landscape, as measures tables are printed.</summary>
internal static class SampleDocument
{
    public const string HeadingText = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส";
    public const string ShapingText = "ที่นี่ ผู้ใหญ่ ปิ่นโต ฟ้า น้ำ กตัญญู ฐิติ";
    public const string TableValue = "87.45";
    public const string MeasureTitle = "เผยแพร่แผนการใช้จ่ายงบประมาณ";
    public const string OwnerUnit = "กองคลัง";

    public static ReportDocument Build(DigitStyle digits = DigitStyle.Arabic, bool landscape = true)
    {
        var quarters = Enumerable.Range(1, 4).Select(q => new FiscalQuarter(2569, q)).ToArray();
        var table = new Table(
            HeaderRows:
            [
                TableRow.Of(
                    new Cell("ที่", rowSpan: 2), new Cell("ประเด็นที่ต้องพัฒนา", rowSpan: 2), new Cell("คะแนน", rowSpan: 2),
                    new Cell("มาตรการ / แนวทางการดำเนินการ", rowSpan: 2), new Cell("ผู้รับผิดชอบ", rowSpan: 2),
                    new Cell("ปีงบประมาณ พ.ศ. 2569", columnSpan: 4)),
                new TableRow([.. quarters.Select(q => new Cell($"ไตรมาส {q.Quarter}\n{q.Months}"))]),
            ],
            BodyRows:
            [
                TableRow.Of(new Cell("1", CellAlign.Center), "การเปิดเผยข้อมูลการใช้จ่ายงบประมาณ (O11)", Cell.Num(87.45m),
                    MeasureTitle + " ประจำปี และรายงานผลการใช้จ่ายงบประมาณทุกไตรมาส", OwnerUnit,
                    Cell.Mark(), Cell.Mark(), Cell.Mark(), Cell.Mark()),
                TableRow.Of(new Cell("2", CellAlign.Center), "การป้องกันการรับสินบน (I14)", Cell.Num(79.10m),
                    "ประกาศนโยบาย No Gift Policy และสื่อสารให้บุคลากรทุกระดับรับทราบ ผู้ใหญ่ต้องเป็นแบบอย่างที่ดี", "กลุ่มงานคุ้มครองจริยธรรม",
                    Cell.Mark(), Cell.Mark(), Cell.Empty(), Cell.Empty()),
                TableRow.Of(new Cell("3", CellAlign.Center), "การใช้ทรัพย์สินของราชการ (I7)", Cell.Num(82m),
                    "จัดทำคู่มือการยืมทรัพย์สินของราชการ", "สำนักงานเลขานุการกรม",
                    Cell.Empty(), Cell.Mark(), Cell.Mark(), Cell.Empty()),
            ],
            ColumnWidths: [0.8, 4.6, 1.9, 6.2, 3.0, 2.1, 2.1, 2.1, 2.1],
            Caption: "ตารางที่ 1 มาตรการและระยะเวลาดำเนินการ",
            SheetName: "มาตรการ ปี 2569");

        return new ReportDocument(
            new DocumentOptions(
                Title: HeadingText,
                Digits: digits,
                Agency: new AgencyHeader("สำนักงานตัวอย่างจังหวัดสกลนคร", ["กลุ่มงานคุ้มครองจริยธรรม"]),
                Subtitle: "ตามผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
                FiscalYear: 2569,
                Date: new DateOnly(2026, 11, 22),
                Landscape: landscape),
            [
                new Heading(1, "1. ผลการประเมิน"),
                new Paragraph(
                    [new Run("ข้อความทดสอบการแสดงผลภาษาไทย: "), new Run(ShapingText, Bold: true),
                     new Run(" หน่วยงานได้คะแนนรวม 89.21 คะแนน ระดับ A ซึ่งยังต่ำกว่าเป้าหมาย 95.00 คะแนน จึงกำหนดมาตรการเพื่อยกระดับผลการประเมินในปีงบประมาณถัดไปให้สูงขึ้นอย่างต่อเนื่อง")],
                    TextAlign.Justify, FirstLineIndent: true),
                new Heading(2, "1.1 ประเด็นที่ต้องพัฒนา"),
                ListBlock.Of(numbered: true, "การเปิดเผยข้อมูลการใช้จ่ายงบประมาณ", "การป้องกันการรับสินบน", "การใช้ทรัพย์สินของราชการ"),
                ListBlock.Of(numbered: false, "รายงานผลทุก 6 เดือน ต่อหัวหน้าส่วนราชการ"),
                table,
                new SignatureBlock("นายกตัญญู ฐิติวัฒน์", "ผู้อำนวยการสำนักงานตัวอย่าง", new DateOnly(2026, 11, 22), "สกน 0017/2569", "ผู้อนุมัติ"),
            ]);
    }
}
