using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenIta.Web.Features.Import;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// An action plan as a spreadsheet (issue 11, item 6): the XLSX template and its reading into the plan file's JSON
/// (<see cref="Core.Plans.PlanJson"/>), which then goes through the same preview and import as a JSON file. The sheet
/// <see cref="PlanSheetName"/> holds the title, the fiscal years and the level names (a value per column from B); the
/// sheet <see cref="ItemsSheetName"/> one row per item, the tree from the dots of the numbers (1, 1.1, 1.1.2), one KPI
/// per row (a second KPI of an item on a following row with the same number) and a budget and its source per fiscal
/// year. Reading uses the bounded reader of the imports (<see cref="Sheets"/>); a fault is a
/// <see cref="PlanSheetException"/> naming the sheet, row and column.
/// </summary>
public static class PlanSheet
{
    public const string PlanSheetName = "แผน";
    public const string ItemsSheetName = "รายการ";

    private const string KeyHeader = "หัวข้อ";
    private const string TitleKey = "ชื่อแผน";
    private const string YearsKey = "ปีงบประมาณ";
    private const string LevelsKey = "ระดับ";

    private const string LevelColumn = "ระดับ";
    private const string NumberColumn = "ลำดับ";
    private const string TitleColumn = "ชื่อรายการ";
    private const string GoalColumn = "เป้าหมาย";
    private const string ObjectiveColumn = "วัตถุประสงค์";
    private const string OwnersColumn = "หน่วยงานผู้รับผิดชอบ";
    private const string KpiColumn = "ตัวชี้วัด";
    private const string KindColumn = "ชนิดตัวชี้วัด";
    private const string TargetColumn = "ค่าเป้าหมาย";
    private const string BudgetPrefix = "งบประมาณ ";
    private const string SourcePrefix = "แหล่งงบประมาณ ";

    private static readonly string[] FixedColumns =
        [LevelColumn, NumberColumn, TitleColumn, GoalColumn, ObjectiveColumn, OwnersColumn, KpiColumn, KindColumn, TargetColumn];

    private static readonly (string Code, string[] Words)[] Kinds =
    [
        ("percent", ["ร้อยละ"]), ("count", ["จำนวน"]), ("yesno", ["ใช่/ไม่ใช่", "มี/ไม่มี"]), ("score", ["คะแนน"]), ("baht", ["บาท"]),
    ];

    private static readonly (string Code, string[] Words)[] Sources =
    [
        ("own", ["งบของหน่วยงาน"]), ("other-unit", ["หน่วยงานอื่น"]), ("none", ["ไม่ใช้งบประมาณ"]), ("not-allocated", ["ไม่ได้รับจัดสรร"]),
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The template for the plan of four fiscal years from <paramref name="firstYear"/>, with two example rows.</summary>
    public static byte[] Template(int firstYear)
    {
        var years = Enumerable.Range(firstYear, 4).ToList();
        var plan = new List<IReadOnlyList<object?>>
        {
            new object?[] { KeyHeader, "ค่า (คอลัมน์ละหนึ่งค่า)" },
            new object?[] { TitleKey, "แผนปฏิบัติการป้องกันการทุจริต" },
            (object?[])[YearsKey, .. years.Cast<object?>()],
            new object?[] { LevelsKey, "ยุทธศาสตร์", "โครงการ" },
        };
        var header = FixedColumns.Concat(years.SelectMany(y => new[] { BudgetPrefix + N(y), SourcePrefix + N(y) })).Cast<object?>().ToArray();
        var items = new List<IReadOnlyList<object?>>
        {
            header,
            new object?[] { "ยุทธศาสตร์", "1", "การสร้างสังคมที่ไม่ทนต่อการทุจริต" },
            new object?[] { "โครงการ", "1.1", "โครงการฝึกอบรมคุณธรรมจริยธรรม", "บุคลากรมีจิตสำนึกสุจริต", "เพื่อส่งเสริมการปฏิบัติหน้าที่อย่างซื่อสัตย์",
                "สำนักปลัด, กองคลัง", "ร้อยละของบุคลากรที่ผ่านการอบรม", "percent", ">= 80", 20000, "own" },
            new object?[] { "โครงการ", "1.1", "", "", "", "", "มีการประกาศเจตจำนงสุจริต", "yesno", "done", null, null },
        };
        var help = new List<IReadOnlyList<object?>>
        {
            new object?[] { "คอลัมน์", "ความหมาย" },
            new object?[] { LevelColumn, "ชื่อระดับตามแผ่นงาน \"แผน\" (ตรงกับจำนวนจุดในลำดับ: 1 ระดับแรก, 1.1 ระดับที่สอง)" },
            new object?[] { NumberColumn, "ลำดับ เช่น 1, 1.1, 1.1.2 รายการย่อยอยู่ใต้รายการที่มีลำดับก่อนจุดสุดท้าย ตัวชี้วัดที่สองของรายการเดิมใส่แถวถัดไปด้วยลำดับเดิม" },
            new object?[] { OwnersColumn, "หน่วยงานผู้รับผิดชอบ คั่นด้วยจุลภาค (,)" },
            new object?[] { KindColumn, "percent (ร้อยละ), count (จำนวน), yesno (ใช่/ไม่ใช่), score (คะแนน), baht (บาท)" },
            new object?[] { TargetColumn, "เช่น >= 80, <= 5, = 1 หรือ done (สำหรับ yesno)" },
            new object?[] { SourcePrefix + "…", "own (งบของหน่วยงาน), other-unit (หน่วยงานอื่น), none (ไม่ใช้งบประมาณ), not-allocated (ไม่ได้รับจัดสรร); ว่างเมื่อใส่จำนวนเงิน = own" },
        };
        var widths = header.Select((_, i) => i switch { 0 => 14d, 1 => 8d, 2 or 3 or 4 or 6 => 36d, 5 => 24d, _ => 14d }).ToList();
        return Sheets.WriteXlsx([
            new SheetContent(PlanSheetName, plan, [18, 40, 14, 14, 14]),
            new SheetContent(ItemsSheetName, items, widths),
            new SheetContent("คำอธิบาย", help, [24, 100]),
        ]);
    }

    public static string TemplateFileName => "openita-plan-template.xlsx";

    /// <summary>Whether an upload is a workbook (a ZIP), told by its content.</summary>
    public static bool IsXlsx(ReadOnlySpan<byte> content) => content.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// Reads a filled template into the plan file's JSON, and where each item came from (its JSON path → its row on
    /// <see cref="ItemsSheetName"/>, to name the row of a fault the plan's rules find later).
    /// </summary>
    /// <exception cref="PlanSheetException">A cell cannot be read, or the sheets are missing.</exception>
    /// <exception cref="SheetException">The file is not a workbook, or is over the reader's limits.</exception>
    public static (string Json, IReadOnlyDictionary<string, int> Rows) ToJson(byte[] content)
    {
        var root = ReadPlan(Sheets.ReadXlsx(content, KeyHeader), out var years, out var levels);
        var table = Sheets.ReadXlsx(content, NumberColumn);
        int Column(string name) => table.Header.ToList().FindIndex(h => string.Equals(h, name, StringComparison.Ordinal));
        if (Column(NumberColumn) < 0 || Column(TitleColumn) < 0)
        {
            throw new PlanSheetException(ItemsSheetName, ImportError.File(
                $"ไม่พบแผ่นงาน \"{ItemsSheetName}\" ที่มีคอลัมน์ {NumberColumn} และ {TitleColumn} กรุณาใช้แบบฟอร์มของระบบ",
                $"No sheet \"{ItemsSheetName}\" with the columns {NumberColumn} and {TitleColumn}: use the system's template."));
        }
        var budgetColumns = years.Select(y => (Year: y, Amount: Column(BudgetPrefix + N(y)), Source: Column(SourcePrefix + N(y)))).ToList();
        var top = new JsonArray();
        var byNumber = new Dictionary<string, (JsonObject Item, string Path)>(StringComparer.Ordinal);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        string? last = null;
        foreach (var row in table.Rows.Where(r => !r.IsBlank))
        {
            string Cell(string name) => Column(name) is var i and >= 0 ? Cells.Trim(row.Cell(i)) : "";
            PlanSheetException Fault(string column, string th, string en) =>
                new(ItemsSheetName, ImportError.At(row.Number, column, Math.Max(0, Column(column)), th, en));
            var number = Cells.AsciiDigits(Cell(NumberColumn)).TrimEnd('.');
            var parts = number.Split('.');
            if (number.Length == 0 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
            {
                throw Fault(NumberColumn, $"'{Cells.Shown(number)}' ไม่ใช่ลำดับ เช่น 1, 1.1 หรือ 1.1.2", $"'{Cells.Shown(number)}' is not a number such as 1, 1.1 or 1.1.2");
            }
            JsonObject item;
            string path;
            if (number == last)
            {
                (item, path) = byNumber[number];
            }
            else
            {
                if (byNumber.ContainsKey(number))
                {
                    throw Fault(NumberColumn, $"ลำดับ {number} ซ้ำกับแถวก่อนหน้า (ตัวชี้วัดที่สองของรายการให้อยู่แถวถัดไปทันที)",
                        $"the number {number} is used earlier (a second KPI of an item goes on the row right after it)");
                }
                var depth = parts.Length - 1;
                if (depth >= levels.Count)
                {
                    throw Fault(NumberColumn, $"ลำดับ {number} อยู่ระดับที่ {depth + 1} แต่แผนมี {levels.Count} ระดับ",
                        $"the number {number} is at level {depth + 1} but the plan has {levels.Count} levels");
                }
                if (Cell(LevelColumn) is { Length: > 0 } level && level != levels[depth])
                {
                    throw Fault(LevelColumn, $"ลำดับ {number} อยู่ระดับ \"{levels[depth]}\" ไม่ใช่ \"{Cells.Shown(level)}\"",
                        $"the number {number} is at the level \"{levels[depth]}\", not \"{Cells.Shown(level)}\"");
                }
                var title = Cell(TitleColumn);
                if (title.Length == 0)
                {
                    throw Fault(TitleColumn, "กรุณาระบุชื่อรายการ", "the title is required");
                }
                item = new JsonObject { ["number"] = number, ["title"] = title };
                Optional(item, "goal", Cell(GoalColumn));
                Optional(item, "objective", Cell(ObjectiveColumn));
                var owners = Cell(OwnersColumn).Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
                if (owners.Count > 0)
                {
                    item["owners"] = new JsonArray([.. owners.Select(o => (JsonNode)o)]);
                }
                var budgets = new JsonArray();
                foreach (var (year, amountAt, sourceAt) in budgetColumns)
                {
                    var amountText = amountAt >= 0 ? row.Cell(amountAt) : "";
                    var sourceText = sourceAt >= 0 ? Cells.Trim(row.Cell(sourceAt)) : "";
                    var (amount, problem) = Cells.Amount(amountText);
                    if (problem is not null)
                    {
                        throw Fault(BudgetPrefix + N(year), problem.Thai, problem.English);
                    }
                    if (amount is null && sourceText.Length == 0)
                    {
                        continue;
                    }
                    var source = sourceText.Length == 0 ? "own" : Code(Sources, sourceText)
                        ?? throw Fault(SourcePrefix + N(year), $"'{Cells.Shown(sourceText)}' ไม่ใช่แหล่งงบประมาณ (own, other-unit, none หรือ not-allocated)",
                            $"'{Cells.Shown(sourceText)}' is not a budget source (own, other-unit, none or not-allocated)");
                    var budget = new JsonObject { ["fiscalYear"] = year };
                    if (amount is { } planned)
                    {
                        budget["planned"] = planned;
                    }
                    budget["source"] = source;
                    budgets.Add(budget);
                }
                if (budgets.Count > 0)
                {
                    item["budgets"] = budgets;
                }
                var parentNumber = depth == 0 ? null : string.Join('.', parts[..^1]);
                JsonArray siblings;
                if (parentNumber is null)
                {
                    siblings = top;
                    path = $"items[{top.Count}]";
                }
                else if (byNumber.TryGetValue(parentNumber, out var parent))
                {
                    siblings = parent.Item["items"] as JsonArray ?? (JsonArray)(parent.Item["items"] = new JsonArray());
                    path = $"{parent.Path}.items[{siblings.Count}]";
                }
                else
                {
                    throw Fault(NumberColumn, $"ไม่มีรายการลำดับ {parentNumber} ก่อนหน้า ซึ่งเป็นรายการแม่ของ {number}",
                        $"there is no item {parentNumber} above, the parent of {number}");
                }
                siblings.Add(item);
                byNumber[number] = (item, path);
                rows[path] = row.Number;
                last = number;
            }
            var kpiName = Cell(KpiColumn);
            var kindText = Cell(KindColumn);
            var targetText = Cell(TargetColumn);
            if (kpiName.Length == 0 && kindText.Length == 0 && targetText.Length == 0)
            {
                continue;
            }
            if (kpiName.Length == 0)
            {
                throw Fault(KpiColumn, "กรุณาระบุชื่อตัวชี้วัด", "the KPI's name is required");
            }
            var kind = Code(Kinds, kindText)
                ?? throw Fault(KindColumn, $"'{Cells.Shown(kindText)}' ไม่ใช่ชนิดตัวชี้วัด (percent, count, yesno, score หรือ baht)",
                    $"'{Cells.Shown(kindText)}' is not a KPI kind (percent, count, yesno, score or baht)");
            var target = Target(targetText)
                ?? throw Fault(TargetColumn, $"'{Cells.Shown(targetText)}' ไม่ใช่ค่าเป้าหมาย ให้เขียน เช่น >= 80, <= 5, = 1 หรือ done",
                    $"'{Cells.Shown(targetText)}' is not a target: write such as >= 80, <= 5, = 1 or done");
            var kpis = item["kpis"] as JsonArray ?? (JsonArray)(item["kpis"] = new JsonArray());
            rows[$"{path}.kpis[{kpis.Count}]"] = row.Number;
            kpis.Add(new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"k{number}-{kpis.Count + 1}"),
                ["name"] = kpiName,
                ["kind"] = kind,
                ["target"] = target,
            });
        }
        root["items"] = top;
        return (root.ToJsonString(JsonOptions), rows);
    }

    /// <summary>The row of <see cref="ItemsSheetName"/> a JSON path of the plan came from (the nearest item or KPI above it).</summary>
    public static int? RowOf(IReadOnlyDictionary<string, int> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var at = path; at.Length > 0; at = at[..Math.Max(0, at.LastIndexOfAny(['.', '[']))])
        {
            if (rows.TryGetValue(at, out var row))
            {
                return row;
            }
            if (at.LastIndexOfAny(['.', '[']) < 0)
            {
                break;
            }
        }
        return null;
    }

    private static JsonObject ReadPlan(SheetTable table, out List<int> years, out List<string> levels)
    {
        if (table.Header.Count == 0 || table.Header[0] != KeyHeader)
        {
            throw new PlanSheetException(PlanSheetName, ImportError.File(
                $"ไม่พบแผ่นงาน \"{PlanSheetName}\" (คอลัมน์ A หัวข้อ \"{KeyHeader}\") กรุณาใช้แบบฟอร์มของระบบ",
                $"No sheet \"{PlanSheetName}\" (column A headed \"{KeyHeader}\"): use the system's template."));
        }
        string? title = null;
        years = [];
        levels = [];
        foreach (var row in table.Rows.Where(r => !r.IsBlank))
        {
            var values = row.Cells.Skip(1).Select(Cells.Trim).Where(v => v.Length > 0).ToList();
            switch (Cells.Trim(row.Cell(0)))
            {
                case TitleKey:
                    title = values.Count > 0 ? values[0] : null;
                    break;
                case YearsKey:
                    for (var i = 1; i < row.Cells.Count; i++)
                    {
                        if (Cells.IsEmpty(row.Cell(i)))
                        {
                            continue;
                        }
                        var (year, problem) = Cells.WholeNumber(row.Cell(i));
                        if (problem is not null)
                        {
                            throw new PlanSheetException(PlanSheetName, ImportError.At(row.Number, YearsKey, i, problem.Thai, problem.English));
                        }
                        years.Add(year!.Value);
                    }
                    break;
                case LevelsKey:
                    levels.AddRange(values);
                    break;
            }
        }
        PlanSheetException Missing(string key, string en) => new(PlanSheetName, ImportError.File(
            $"กรุณาระบุ{key}ในแถว \"{key}\" ของแผ่นงาน \"{PlanSheetName}\"", $"Give the {en} on the row \"{key}\" of the sheet \"{PlanSheetName}\"."));
        if (title is null)
        {
            throw Missing(TitleKey, "plan's title");
        }
        if (years.Count == 0)
        {
            throw Missing(YearsKey, "fiscal years");
        }
        if (levels.Count == 0)
        {
            throw Missing(LevelsKey, "level names");
        }
        return new JsonObject
        {
            ["title"] = title,
            ["fiscalYears"] = new JsonArray([.. years.Select(y => (JsonNode)y)]),
            ["levels"] = new JsonArray([.. levels.Select(l => (JsonNode)l)]),
        };
    }

    private static void Optional(JsonObject item, string name, string text)
    {
        if (text.Length > 0)
        {
            item[name] = text;
        }
    }

    /// <summary>A target as typed: ">= 80", "&lt;= 5", "= 1" (≥ and ≤ too) or "done"; null when it is none of them.</summary>
    private static JsonObject? Target(string text)
    {
        var typed = Cells.AsciiDigits(text).Replace(" ", "", StringComparison.Ordinal);
        if (typed is "done" or "สำเร็จ")
        {
            return new JsonObject { ["done"] = true };
        }
        foreach (var (sign, field) in new[] { (">=", "atLeast"), ("≥", "atLeast"), ("<=", "atMost"), ("≤", "atMost"), ("=", "equals") })
        {
            if (typed.StartsWith(sign, StringComparison.Ordinal)
                && decimal.TryParse(typed[sign.Length..], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return new JsonObject { [field] = value };
            }
        }
        return null;
    }

    private static string? Code((string Code, string[] Words)[] names, string text)
    {
        var typed = text.Trim().ToLowerInvariant();
        return names.FirstOrDefault(n => n.Code == typed || n.Words.Contains(text.Trim(), StringComparer.Ordinal)).Code;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A plan spreadsheet that cannot be read: the sheet and the <see cref="ImportError"/> (row and column) of the fault.</summary>
public sealed class PlanSheetException(string sheet, ImportError error) : Exception(error?.English)
{
    public string Sheet { get; } = sheet;

    public ImportError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>"แผ่นงาน รายการ แถว 5 คอลัมน์ ค่าเป้าหมาย (I): …" in the language asked for.</summary>
    public string Text(bool english) =>
        english
            ? $"sheet {Sheet}{(Error.Where(true) is { Length: > 0 } w ? ", " + w : "")}: {Error.English}"
            : $"แผ่นงาน {Sheet}{(Error.Where(false) is { Length: > 0 } w2 ? " " + w2 : "")}: {Error.Thai}";
}
