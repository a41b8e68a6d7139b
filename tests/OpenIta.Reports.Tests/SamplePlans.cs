using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Testing;

namespace OpenIta.Reports.Tests;

/// <summary>Small hand-built measures plans in both layouts, with the analyses of the results they answer.</summary>
internal static class SamplePlans
{
    public const string BudgetMeasure = "สร้างการรับรู้แผนการใช้จ่ายงบประมาณประจำปี";
    public const string ManualMeasure = "จัดทำคู่มือการยืมทรัพย์สินของราชการ";
    public const string MemoNumber = "ศปท. 0706/2565";

    public static Framework Framework(int year) => FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));

    /// <summary>Seed 000's result (spm FY2565), with its question scores, as the demo stores it.</summary>
    public static AnalysisReport Spm2565()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds", "spm-2565.json"));
        return Analyse(json);
    }

    /// <summary>A FY2567 result with a few question and OIT item scores, so that themes have scores.</summary>
    public static AnalysisReport Tambon2567() => Analyse("""
        {
          "fiscalYear": 2567,
          "indicators": {"1": 95.05, "2": 96.57, "3": 99.24, "4": 84.76, "5": 97.52, "6": 98.52, "7": 98.84, "8": 96.11, "9": 95.00, "10": 100.00},
          "questions": {"i1": 83.50, "i11": 80.25, "i12": 96.00},
          "oitItems": {"O10": 0, "O11": 100, "O18": 100, "O5": 100, "O6": 100}
        }
        """);

    private static AnalysisReport Analyse(string json)
    {
        var input = ScoreInputReader.Read(json, FrameworkCatalog.BuiltIn.Find).Input;
        var framework = FrameworkCatalog.BuiltIn.Get(input.Year);
        var card = ScoringEngine.Score(framework, input);
        return ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, [], input.OitItems);
    }

    public static Approval Approval { get; } = new("นายทดสอบ ระบบดี", "เลขาธิการนายกรัฐมนตรี", new DateOnly(2022, 11, 30), MemoNumber);

    /// <summary>
    /// Seed 000's shape: I7 and I12 share measure 2 (I12 says "apply measure 2"), I1 has two measures, measure 4 answers
    /// no item. Quarters, a date range, owners per step, monitoring and reporting.
    /// </summary>
    public static MeasurePlan ByItem() => new(
        new FiscalYear(2565),
        PlanLayout.ByItem,
        "จากการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2565 หน่วยงานได้กำหนดมาตรการเพื่อแก้ไขข้อคำถามที่มีคะแนนต่ำกว่า 85 คะแนน ดังนี้",
        [],
        [
            new Measure(1, "ทบทวนคู่มือหรือแนวทางการปฏิบัติงานเป็นประจำทุกปี", MeasureKind.Improve, ["I1"], [], null,
                [new MeasureStep("ทบทวนคู่มือการปฏิบัติงานของทุกหน่วยงาน", ["ทุกกอง"]), new MeasureStep("เผยแพร่คู่มือทางเว็บไซต์", ["สสน."])],
                new Timeline([1, 2]), ["สสน.", "ผู้บริหารของทุกหน่วยงาน"], "ศปท. รวบรวมผลทุกไตรมาส",
                new Reporting(ReportingCadence.Quarterly, "เลขาธิการนายกรัฐมนตรี", "บันทึกข้อความ")),
            new Measure(2, BudgetMeasure, MeasureKind.Improve, ["I12", "I7", "I1"], [],
                "บุคลากรไม่ทราบแผนการใช้จ่ายงบประมาณประจำปี",
                [new MeasureStep("จัดทำและเผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"), new MeasureStep("เปิดโอกาสให้บุคลากรสอบถาม ทักท้วง ร้องเรียน")],
                new Timeline([], new DateOnly(2022, 10, 1), new DateOnly(2023, 9, 30)), ["สทน."], null,
                new Reporting(ReportingCadence.EverySixMonths, "ผู้บริหารสูงสุด")),
            new Measure(3, ManualMeasure, MeasureKind.Improve, ["I20"], [], null,
                [new MeasureStep("อบรมแนวทางการขออนุญาตยืมทรัพย์สินของราชการ")],
                new Timeline([2, 3, 4]), ["สลธ."], "ติดตามผลรายเดือน", new Reporting(ReportingCadence.Monthly, "รองเลขาธิการ")),
            new Measure(4, "ประกาศเจตนารมณ์ No Gift Policy", MeasureKind.KeepStandard, [], [], null,
                [new MeasureStep("ประกาศและเผยแพร่นโยบาย")], Timeline.WholeYear, ["ศปท."], null,
                new Reporting(ReportingCadence.Yearly, "เลขาธิการนายกรัฐมนตรี")),
        ]);

    /// <summary>Seed 002/003's shape: findings per theme, measures by theme, a date range, a keep-the-standard measure.</summary>
    public static MeasurePlan ByTheme() => new(
        new FiscalYear(2567),
        PlanLayout.ByTheme,
        null,
        [
            new ThemeFinding(1, "จากการวิเคราะห์ พบข้อบกพร่องที่เกี่ยวกับกระบวนการปฏิบัติงาน เช่น i1 การปฏิบัติงานตามขั้นตอนและระยะเวลา"),
            new ThemeFinding(4, "พบข้อบกพร่องในการขอยืมทรัพย์สินของราชการ (i11)"),
        ],
        [
            new Measure(1, "จัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", MeasureKind.Improve, ["i1"], [1], null,
                [new MeasureStep("จัดทำคู่มือที่ระบุขั้นตอนและระยะเวลา", ["ทุกกอง"]), new MeasureStep("เผยแพร่คู่มือ", ["ศปท."])],
                Timeline.WholeYear, ["สำนักปลัด"], null, null),
            new Measure(2, ManualMeasure, MeasureKind.Improve, ["i11", "O10"], [4, 5], null,
                [new MeasureStep("ระบุขั้นตอนการขอยืมทรัพย์สินไว้ในคู่มือ")],
                new Timeline([], new DateOnly(2023, 10, 1), new DateOnly(2024, 3, 31)), ["กองคลัง"], "ปลัด อบต. ติดตามผล",
                new Reporting(ReportingCadence.EverySixMonths, "นายก อบต.")),
            new Measure(3, "กิจกรรมเสริมสร้างจิตสำนึกที่ดีในการรับผิดชอบงาน", MeasureKind.KeepStandard, [], [6], null,
                [new MeasureStep("จัดกิจกรรมปีละ 1 ครั้ง")], new Timeline([3]), ["สำนักปลัด"], null, null),
            new Measure(4, "เผยแพร่ข้อมูลประมวลจริยธรรม", MeasureKind.Improve, [], [], null,
                [new MeasureStep("เผยแพร่ทางเว็บไซต์")], new Timeline([1, 3]), ["สำนักปลัด"], null, null),
        ]);
}
