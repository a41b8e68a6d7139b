using System.Globalization;
using System.Text.RegularExpressions;
using OpenIta.Core.Text;

namespace OpenIta.Core.Plans;

/// <summary>
/// A JSON path of the action plan contract (<c>items[2].kpis[1].target</c>) as a reader names the place:
/// "รายการที่ 3 › ตัวชี้วัดที่ 2 › ค่าเป้าหมาย" (English "item 3 › KPI 2 › target"). Indexes count from 1 for people. The path
/// itself stays the machine's (<see cref="PlanException.Path"/>, a page's <c>data-field</c>); this is what a page prints.
/// Also the one home of the Thai names of the contract's fields and values, so that a message can say what a field takes.
/// </summary>
public static partial class PlanFields
{
    /// <summary>What kind of object a path segment is in: the same name means different things under an item and a round.</summary>
    private enum Scope
    {
        Root,
        Item,
        Kpi,
        Target,
        Budget,
        Timeline,
        Round,
        Entry,
        Actual,
        Evidence,
        Correction,
        Value,
    }

    // name → (Thai, English, the scope of what it holds, Thai and English of one element of the array, when it is one)
    private static readonly Dictionary<(Scope, string), Field> Fields = new()
    {
        [(Scope.Root, "title")] = new("ชื่อแผน", "title", Scope.Value),
        [(Scope.Root, "fiscalYears")] = new("ปีงบประมาณของแผน", "fiscal years", Scope.Value, "ปีงบประมาณลำดับที่", "fiscal year"),
        [(Scope.Root, "levels")] = new("ระดับของแผน", "levels", Scope.Value, "ระดับที่", "level"),
        [(Scope.Root, "headingLevels")] = new("จำนวนระดับที่เป็นหัวข้อ", "heading levels", Scope.Value),
        [(Scope.Root, "notes")] = new("หมายเหตุของแผน", "notes", Scope.Value, "หมายเหตุข้อที่", "note"),
        [(Scope.Root, "items")] = new("รายการของแผน", "items", Scope.Item, "รายการที่", "item"),
        [(Scope.Root, "reports")] = new("รายงานผลตามแผน", "reports", Scope.Round, "รอบรายงานที่", "report round"),
        [(Scope.Root, "measureReports")] = new("รายงานผลตามมาตรการ", "measure reports", Scope.Round, "รอบรายงานผลมาตรการที่", "measure report round"),

        [(Scope.Item, "number")] = new("เลขที่รายการ", "number", Scope.Value),
        [(Scope.Item, "title")] = new("ชื่อรายการ", "title", Scope.Value),
        [(Scope.Item, "label")] = new("ชื่อระดับของรายการ", "label", Scope.Value),
        [(Scope.Item, "goal")] = new("เป้าหมาย", "goal", Scope.Value),
        [(Scope.Item, "objective")] = new("วัตถุประสงค์", "objective", Scope.Value),
        [(Scope.Item, "owners")] = new("ผู้รับผิดชอบ", "owners", Scope.Value, "ผู้รับผิดชอบลำดับที่", "owner"),
        [(Scope.Item, "kpis")] = new("ตัวชี้วัด", "KPIs", Scope.Kpi, "ตัวชี้วัดที่", "KPI"),
        [(Scope.Item, "budgets")] = new("งบประมาณ", "budgets", Scope.Budget, "งบประมาณลำดับที่", "budget"),
        [(Scope.Item, "timeline")] = new("ระยะเวลาดำเนินการ", "timeline", Scope.Timeline),
        [(Scope.Item, "notes")] = new("หมายเหตุ", "notes", Scope.Value, "หมายเหตุข้อที่", "note"),
        [(Scope.Item, "items")] = new("รายการย่อย", "sub-items", Scope.Item, "รายการย่อยที่", "sub-item"),

        [(Scope.Kpi, "id")] = new("รหัสตัวชี้วัด", "id", Scope.Value),
        [(Scope.Kpi, "name")] = new("ชื่อตัวชี้วัด", "name", Scope.Value),
        [(Scope.Kpi, "kind")] = new("ชนิดของตัวชี้วัด", "kind", Scope.Value),
        [(Scope.Kpi, "target")] = new("ค่าเป้าหมาย", "target", Scope.Target),
        [(Scope.Kpi, "targetText")] = new("ค่าเป้าหมายที่เขียนเป็นข้อความ", "target text", Scope.Value),
        [(Scope.Kpi, "unit")] = new("หน่วยนับ", "unit", Scope.Value),
        [(Scope.Kpi, "baseline")] = new("ค่าฐาน", "baseline", Scope.Value),
        [(Scope.Kpi, "cumulation")] = new("วิธีนับผล", "cumulation", Scope.Value),
        [(Scope.Kpi, "source")] = new("ที่มาของผล", "source", Scope.Value),

        [(Scope.Target, "atLeast")] = new("ไม่น้อยกว่า", "at least", Scope.Value),
        [(Scope.Target, "atMost")] = new("ไม่เกิน", "at most", Scope.Value),
        [(Scope.Target, "equals")] = new("เท่ากับ", "equals", Scope.Value),
        [(Scope.Target, "done")] = new("ดำเนินการแล้ว", "done", Scope.Value),

        [(Scope.Budget, "fiscalYear")] = new("ปีงบประมาณ", "fiscal year", Scope.Value),
        [(Scope.Budget, "planned")] = new("วงเงินที่ตั้งไว้", "planned amount", Scope.Value),
        [(Scope.Budget, "source")] = new("แหล่งงบประมาณ", "source", Scope.Value),
        [(Scope.Budget, "unit")] = new("หน่วยงานเจ้าของงบประมาณ", "unit", Scope.Value),
        [(Scope.Budget, "text")] = new("คำอธิบายงบประมาณ", "text", Scope.Value),

        [(Scope.Timeline, "quarters")] = new("ไตรมาส", "quarters", Scope.Value, "ไตรมาสลำดับที่", "quarter"),
        [(Scope.Timeline, "from")] = new("วันเริ่ม", "from", Scope.Value),
        [(Scope.Timeline, "to")] = new("วันสิ้นสุด", "to", Scope.Value),

        [(Scope.Round, "fiscalYear")] = new("ปีงบประมาณ", "fiscal year", Scope.Value),
        [(Scope.Round, "round")] = new("รอบรายงาน", "round", Scope.Value),
        [(Scope.Round, "closedAt")] = new("วันเวลาที่ปิดรอบ", "closed at", Scope.Value),
        [(Scope.Round, "notes")] = new("หมายเหตุ", "notes", Scope.Value, "หมายเหตุข้อที่", "note"),
        [(Scope.Round, "entries")] = new("ผลที่รายงาน", "entries", Scope.Entry, "ผลที่รายงานลำดับที่", "entry"),
        [(Scope.Round, "corrections")] = new("การแก้ไขหลังปิดรอบ", "corrections", Scope.Correction, "การแก้ไขลำดับที่", "correction"),

        [(Scope.Entry, "item")] = new("เลขที่รายการ", "item", Scope.Value),
        [(Scope.Entry, "measure")] = new("มาตรการที่", "measure", Scope.Value),
        [(Scope.Entry, "text")] = new("ผลการดำเนินงาน", "text", Scope.Value),
        [(Scope.Entry, "status")] = new("สถานะ", "status", Scope.Value),
        [(Scope.Entry, "reason")] = new("เหตุผล", "reason", Scope.Value),
        [(Scope.Entry, "spent")] = new("งบประมาณที่ใช้", "spent", Scope.Value),
        [(Scope.Entry, "actuals")] = new("ผลตามตัวชี้วัด", "actuals", Scope.Actual, "ผลตามตัวชี้วัดลำดับที่", "actual"),
        [(Scope.Entry, "outcome")] = new("ผลลัพธ์", "outcome", Scope.Value),
        [(Scope.Entry, "participants")] = new("จำนวนผู้เข้าร่วม", "participants", Scope.Value),
        [(Scope.Entry, "satisfaction")] = new("ร้อยละความพึงพอใจ", "satisfaction", Scope.Value),
        [(Scope.Entry, "evidence")] = new("หลักฐาน", "evidence", Scope.Evidence, "หลักฐานลำดับที่", "evidence"),

        [(Scope.Actual, "kpi")] = new("รหัสตัวชี้วัด", "KPI", Scope.Value),
        [(Scope.Actual, "value")] = new("ค่าที่ได้", "value", Scope.Value),
        [(Scope.Actual, "count")] = new("จำนวนที่ได้", "count", Scope.Value),
        [(Scope.Actual, "of")] = new("จำนวนทั้งหมด", "of", Scope.Value),
        [(Scope.Actual, "done")] = new("ดำเนินการแล้วหรือไม่", "done", Scope.Value),

        [(Scope.Evidence, "name")] = new("ชื่อหลักฐาน", "name", Scope.Value),
        [(Scope.Evidence, "url")] = new("ที่อยู่เว็บของหลักฐาน", "URL", Scope.Value),

        [(Scope.Correction, "entry")] = new("ผลที่แก้ไข", "entry", Scope.Entry),
        [(Scope.Correction, "reason")] = new("เหตุผลที่แก้ไข", "reason", Scope.Value),
        [(Scope.Correction, "by")] = new("ผู้แก้ไข", "by", Scope.Value),
        [(Scope.Correction, "at")] = new("วันเวลาที่แก้ไข", "at", Scope.Value),
    };

    /// <summary>
    /// The place <paramref name="path"/> names, read from the root of a plan file (<c>$</c> is the file itself). A path
    /// under <c>entry</c> or <c>kpi</c> (how one stored entry or KPI is read) starts at that object.
    /// </summary>
    public static Message Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path is "" or "$")
        {
            return Message.Of("plan.place.file", "ไฟล์แผน", "the plan file");
        }
        var scope = Scope.Root;
        var segments = Segment().Matches(path).Where(m => m.Length > 0 && m.Value != ".")
            .Select(m => (Name: m.Groups["name"].Value, Index: m.Groups["index"].Success
                ? int.Parse(m.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : (int?)null)).ToList();
        if (segments.Count > 0 && segments[0].Name is "entry" or "kpi")
        {
            scope = segments[0].Name == "entry" ? Scope.Entry : Scope.Kpi;
            segments.RemoveAt(0);
            if (segments.Count == 0)
            {
                return scope == Scope.Entry
                    ? Message.Of("plan.place.entry", "ผลที่รายงาน", "the entry")
                    : Message.Of("plan.place.kpi", "ตัวชี้วัด", "the KPI");
            }
        }
        var thai = new List<string>();
        var english = new List<string>();
        foreach (var (name, index) in segments)
        {
            if (name.Length == 0 && index is { } bare)
            {
                // an element of an array whose name was already said (fiscalYears[0] after fiscalYears)
                thai.Add(Ordinal("ลำดับที่", bare));
                english.Add(Ordinal("no.", bare));
                continue;
            }
            if (!Fields.TryGetValue((scope, name), out var field))
            {
                // a name the contract does not know (the fault is that it is there): said as written
                thai.Add($"ช่อง \"{name}\"");
                english.Add($"field \"{name}\"");
                scope = Scope.Value;
                continue;
            }
            if (index is { } i && field.ElementThai is not null)
            {
                thai.Add(Ordinal(field.ElementThai, i));
                english.Add(Ordinal(field.ElementEnglish!, i));
            }
            else
            {
                thai.Add(field.Thai);
                english.Add(field.English);
                if (index is { } j)
                {
                    thai.Add(Ordinal("ลำดับที่", j));
                    english.Add(Ordinal("no.", j));
                }
            }
            scope = field.Holds;
        }
        return Message.Of("plan.place", "{thai}", "{english}",
            ("thai", string.Join(" › ", thai)), ("english", string.Join(" › ", english)));
    }

    /// <summary>The field <paramref name="name"/> of the contract in Thai with its name ("atLeast (ไม่น้อยกว่า)"), for a
    /// message that lists what may be written; a name this class does not know is given as it is.</summary>
    internal static string Known(string name, bool english)
    {
        if (english)
        {
            return name;
        }
        var field = Fields.FirstOrDefault(f => f.Key.Item2 == name).Value;
        return field is null ? name : $"{name} ({field.Thai})";
    }

    private static string Ordinal(string word, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{word} {index + 1}");

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9_-]*)?(?:\[(?<index>\d+)\])?(?:\.|$)")]
    private static partial Regex Segment();

    private sealed record Field(string Thai, string English, Scope Holds, string? ElementThai = null, string? ElementEnglish = null);
}
