using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Plans;

/// <summary>An action plan with its progress rounds, as one import file holds them.</summary>
/// <param name="Reports">The rounds of the plan's items.</param>
/// <param name="MeasureReports">The rounds of the agency's measures (the measures plan of each fiscal year).</param>
public sealed record PlanImport(ActionPlan Plan, IReadOnlyList<ProgressRound> Reports, IReadOnlyList<ProgressRound> MeasureReports);

/// <summary>An action plan file that cannot be read or is not valid; <see cref="Path"/> is the JSON path of the fault
/// (items[0].items[1].kpis[0].target), for machines; <see cref="Reason"/> says what is wrong there in Thai and English, and
/// <see cref="Describe"/> names the place as a reader does ("รายการที่ 1 › ตัวชี้วัดที่ 1 › ค่าเป้าหมาย"). The exception's
/// message (logs, the command line) is the path and the English reason.</summary>
public sealed class PlanException : Exception
{
    public PlanException(string path, Message reason) : base($"{path}: {reason?.English}")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reason);
        Path = path;
        Reason = reason;
    }

    public PlanException() : this("$", Invalid)
    {
    }

    public PlanException(string message) : base(message)
    {
        Path = "$";
        Reason = Invalid;
    }

    public PlanException(string message, Exception innerException) : base(message, innerException)
    {
        Path = "$";
        Reason = Invalid;
    }

    public string Path { get; }

    public Message Reason { get; }

    /// <summary>The place in words and what is wrong there: "รายการที่ 2 › เลขที่รายการ: เลขที่รายการ 1 ซ้ำ …".</summary>
    public Message Describe() => Reason.After(PlanFields.Of(Path));

    private static readonly Message Invalid = Text.Message.Of("plan.invalid", "ข้อมูลแผนไม่ถูกต้อง", "The plan is not valid");
}

/// <summary>
/// The JSON contract of action plans and their progress (issue 11; the demo's seed 004 is written in it:
/// src/OpenIta.Data/Demo/Seeds/plan-spm-2568.json). Reading is strict: an unknown field, a wrong type or a broken rule
/// is a <see cref="PlanException"/> naming its JSON path; the cross-reference rules are <see cref="PlanRules"/>.
/// Writing gives back the same contract (a read of what is written is the same plan).
/// <code>
/// targets: {"atLeast": n} {"atMost": n} {"equals": n} {"done": true}
/// actuals: {"kpi", "value": n} {"kpi", "count": n, "of": m} {"kpi", "done": true|false}
/// kinds: percent count yesno score baht · statuses: not-started on-track at-risk done not-done (+ "reason")
/// budget sources: own other-unit none not-allocated · rounds: 6, 12, "q1"–"q4", "m1"–"m12" (m1 = October)
/// </code>
/// </summary>
public static class PlanJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] RootFields = ["title", "fiscalYears", "levels", "headingLevels", "notes", "items", "reports", "measureReports"];
    private static readonly string[] ItemFields = ["number", "title", "label", "goal", "objective", "owners", "kpis", "budgets", "timeline", "notes", "items"];
    private static readonly string[] KpiFields = ["id", "name", "kind", "target", "targetText", "unit", "baseline", "cumulation", "source"];
    private static readonly string[] TargetFields = ["atLeast", "atMost", "equals", "done"];
    private static readonly string[] BudgetFields = ["fiscalYear", "planned", "source", "unit", "text"];
    private static readonly string[] TimelineFields = ["quarters", "from", "to"];
    private static readonly string[] RoundFields = ["fiscalYear", "round", "closedAt", "notes", "entries", "corrections"];
    private static readonly string[] EntryFields = ["item", "measure", "text", "status", "reason", "spent", "actuals", "outcome", "participants", "satisfaction", "evidence"];
    private static readonly string[] ActualFields = ["kpi", "value", "count", "of", "done"];
    private static readonly string[] EvidenceFields = ["name", "url"];
    private static readonly string[] CorrectionFields = ["entry", "reason", "by", "at"];

    private static readonly (KpiKind Value, string Name)[] Kinds =
        [(KpiKind.Percent, "percent"), (KpiKind.Count, "count"), (KpiKind.YesNo, "yesno"), (KpiKind.Score, "score"), (KpiKind.Baht, "baht")];
    private static readonly (EntryStatus Value, string Name)[] Statuses =
        [(EntryStatus.NotStarted, "not-started"), (EntryStatus.OnTrack, "on-track"), (EntryStatus.AtRisk, "at-risk"), (EntryStatus.Done, "done"), (EntryStatus.NotDone, "not-done")];
    private static readonly (BudgetSource Value, string Name)[] Sources =
        [(BudgetSource.Own, "own"), (BudgetSource.OtherUnit, "other-unit"), (BudgetSource.None, "none"), (BudgetSource.NotAllocated, "not-allocated")];
    private static readonly (Cumulation Value, string Name)[] Cumulations = [(Cumulation.Cumulative, "cumulative"), (Cumulation.PerPeriod, "per-period")];
    private static readonly (KpiSource Value, string Name)[] KpiSources = [(KpiSource.Reported, "reported"), (KpiSource.ItaTotal, "ita-total")];

    /// <summary>
    /// Reads and validates a plan file. <paramref name="measures"/> gives the agency's measures plan whose measures run
    /// in a fiscal year (its <see cref="MeasurePlan.PlanYear"/>); when it returns one, the measures reports of that year
    /// must name its measures and their KPIs. Throws <see cref="PlanException"/> at the first fault.
    /// </summary>
    public static PlanImport Read(string json, Func<FiscalYear, MeasurePlan?>? measures = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Fail("$", "not-json", "ไม่ใช่ JSON ที่ถูกต้อง (บรรทัดที่ {line} ไบต์ที่ {byte})", "not valid JSON (line {line}, byte {byte})",
                ("line", (e.LineNumber ?? 0) + 1), ("byte", (e.BytePositionInLine ?? 0) + 1));
        }
        using (document)
        {
            var import = ReadRoot(document.RootElement);
            var errors = PlanRules.Validate(import, measures);
            if (errors.Count > 0)
            {
                throw new PlanException(errors[0].Path, errors[0].Reason);
            }
            return import;
        }
    }

    private static PlanImport ReadRoot(JsonElement root)
    {
        Fields(root, "$", RootFields);
        var years = Array(root, "fiscalYears", "fiscalYears", required: true).Select((e, i) => Year(e, $"fiscalYears[{i}]")).ToList();
        if (years.Count == 0)
        {
            throw Fail("fiscalYears", "years-none", "ต้องมีปีงบประมาณอย่างน้อยหนึ่งปี", "names at least one fiscal year");
        }
        if (years.Distinct().Count() != years.Count)
        {
            throw Fail("fiscalYears", "year-twice", "มีปีงบประมาณซ้ำกัน", "names a year twice");
        }
        var levels = Strings(root, "levels", "levels");
        if (levels.Count == 0)
        {
            throw Fail("levels", "levels-none", "ต้องมีระดับของแผนอย่างน้อยหนึ่งระดับ เช่น [\"ยุทธศาสตร์\", \"กลยุทธ์\", \"โครงการ\"]",
                "names at least one level, such as [\"ยุทธศาสตร์\", \"กลยุทธ์\", \"โครงการ\"]");
        }
        var items = Array(root, "items", "items", required: true).Select((e, i) => Item(e, $"items[{i}]", 0, levels.Count)).ToList();
        var heading = OptionalInt(root, "headingLevels", "headingLevels");
        if (heading is { } h && (h < 0 || h >= levels.Count))
        {
            throw Fail("headingLevels", "heading-levels", "ต้องเป็น 0 ถึง {max}: อย่างน้อยระดับสุดท้ายต้องเขียนเป็นแถวของตาราง",
                "is from 0 to {max}: at least the last level is written as table rows", ("max", levels.Count - 1));
        }
        var plan = Build("$", () => new ActionPlan(Text(root, "title", "title")!, years, levels, items, heading, Strings(root, "notes", "notes")));
        var reports = Array(root, "reports", "reports").Select((e, i) => Round(e, $"reports[{i}]", measures: false)).ToList();
        var measureReports = Array(root, "measureReports", "measureReports").Select((e, i) => Round(e, $"measureReports[{i}]", measures: true)).ToList();
        return new PlanImport(plan, reports, measureReports);
    }

    private static PlanItem Item(JsonElement element, string path, int depth, int levels)
    {
        Fields(element, path, ItemFields);
        if (depth >= levels)
        {
            throw Fail(path, "item-too-deep", "อยู่ระดับที่ {depth} แต่แผนมีเพียง {levels} ระดับ", "is at level {depth} but the plan names {levels} levels",
                ("depth", depth + 1), ("levels", levels));
        }
        var number = element.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number
            ? n.GetRawText()
            : Text(element, "number", $"{path}.number");
        var kpis = Array(element, "kpis", $"{path}.kpis").Select((e, i) => ReadKpi(e, $"{path}.kpis[{i}]")).ToList();
        var budgets = Array(element, "budgets", $"{path}.budgets").Select((e, i) => ReadBudget(e, $"{path}.budgets[{i}]")).ToList();
        var children = Array(element, "items", $"{path}.items").Select((e, i) => Item(e, $"{path}.items[{i}]", depth + 1, levels)).ToList();
        return Build(path, () => new PlanItem(
            number!,
            Text(element, "title", $"{path}.title")!,
            Text(element, "label", $"{path}.label", required: false),
            Text(element, "goal", $"{path}.goal", required: false),
            Text(element, "objective", $"{path}.objective", required: false),
            Strings(element, "owners", $"{path}.owners"),
            kpis,
            budgets,
            ReadTimeline(element, $"{path}.timeline"),
            Strings(element, "notes", $"{path}.notes"),
            children));
    }

    /// <summary>Reads a KPI object; <paramref name="path"/> is where it is (errors name the field under it).</summary>
    internal static Kpi ReadKpi(JsonElement element, string path)
    {
        Fields(element, path, KpiFields);
        var kind = Enum(element, "kind", $"{path}.kind", Kinds, required: true)!.Value;
        var target = ReadTarget(element, $"{path}.target");
        if (kind == KpiKind.YesNo && target.Kind != TargetKind.Done)
        {
            throw Fail($"{path}.target", "target-yesno", "ตัวชี้วัดชนิด yesno (ใช่/ไม่ใช่) มีค่าเป้าหมายเป็น {\"done\": true}", "a yesno KPI's target is {\"done\": true}");
        }
        if (kind != KpiKind.YesNo && target.Kind == TargetKind.Done)
        {
            throw Fail($"{path}.target", "target-not-yesno",
                "{\"done\": true} เป็นค่าเป้าหมายของตัวชี้วัดชนิด yesno (ใช่/ไม่ใช่) เท่านั้น ตัวชี้วัดชนิด {kindTh} มีค่าเป้าหมายเป็นตัวเลข เช่น {\"atLeast\": 80}",
                "{\"done\": true} is the target of a yesno KPI; a {kind} KPI's is a number such as {\"atLeast\": 80}",
                ("kind", Name(Kinds, kind)), ("kindTh", Choice(Kinds, kind, english: false)));
        }
        if (kind == KpiKind.Percent && target.Value is < 0 or > 100)
        {
            throw new PlanException($"{path}.target", PercentRange());
        }
        if (kind is KpiKind.Count or KpiKind.Baht && target.Value is < 0)
        {
            throw Fail($"{path}.target", "target-negative", "จำนวนหรือวงเงินเป้าหมายต้องไม่ติดลบ", "a count or an amount is not negative");
        }
        var source = Enum(element, "source", $"{path}.source", KpiSources) ?? KpiSource.Reported;
        if (source == KpiSource.ItaTotal && kind != KpiKind.Score)
        {
            throw Fail($"{path}.kind", "ita-total-score", "ตัวชี้วัดที่อ่านจากคะแนน ITA รวมต้องเป็นชนิด score (คะแนน)", "a KPI read from the ITA total is of kind score");
        }
        return Build(path, () => new Kpi(
            Text(element, "id", $"{path}.id")!,
            Text(element, "name", $"{path}.name")!,
            kind,
            target,
            Text(element, "targetText", $"{path}.targetText", required: false),
            Text(element, "unit", $"{path}.unit", required: false),
            OptionalNumber(element, "baseline", $"{path}.baseline"),
            Enum(element, "cumulation", $"{path}.cumulation", Cumulations) ?? Cumulation.Cumulative,
            source));
    }

    private static Target ReadTarget(JsonElement parent, string path)
    {
        if (!parent.TryGetProperty("target", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "target-required", "ต้องระบุ เป็น {\"atLeast\": n} (ไม่น้อยกว่า) {\"atMost\": n} (ไม่เกิน) {\"equals\": n} (เท่ากับ) หรือ {\"done\": true} (ดำเนินการแล้ว)",
                "is required: {\"atLeast\": n}, {\"atMost\": n}, {\"equals\": n} or {\"done\": true}");
        }
        Fields(element, path, TargetFields);
        var given = element.EnumerateObject().ToList();
        if (given.Count != 1)
        {
            throw Fail(path, "target-one", "ต้องเป็นอย่างใดอย่างหนึ่งเท่านั้น: {\"atLeast\": n} (ไม่น้อยกว่า) {\"atMost\": n} (ไม่เกิน) {\"equals\": n} (เท่ากับ) หรือ {\"done\": true} (ดำเนินการแล้ว)",
                "is one of {\"atLeast\": n}, {\"atMost\": n}, {\"equals\": n} or {\"done\": true}");
        }
        var property = given[0];
        if (property.Name == "done")
        {
            return property.Value.ValueKind == JsonValueKind.True
                ? Target.Done
                : throw Fail(path, "target-done-true", "ค่าเป้าหมายแบบใช่/ไม่ใช่มีเพียง {\"done\": true}", "{\"done\": true} is the only yes/no target");
        }
        var value = Number(property.Value, path);
        return property.Name switch
        {
            "atLeast" => Target.AtLeast(value),
            "atMost" => Target.AtMost(value),
            _ => Target.EqualTo(value),
        };
    }

    private static Budget ReadBudget(JsonElement element, string path)
    {
        Fields(element, path, BudgetFields);
        var source = Enum(element, "source", $"{path}.source", Sources, required: true)!.Value;
        var planned = OptionalNumber(element, "planned", $"{path}.planned");
        if (planned is < 0)
        {
            throw new PlanException($"{path}.planned", NotNegative());
        }
        if (planned is not null && source is BudgetSource.None or BudgetSource.NotAllocated)
        {
            throw Fail($"{path}.planned", "budget-no-amount", "งบประมาณแหล่ง {sourceTh} ไม่มีวงเงิน", "a budget of source {source} has no amount",
                ("source", Name(Sources, source)), ("sourceTh", Choice(Sources, source, english: false)));
        }
        if (planned is null && source == BudgetSource.Own)
        {
            throw Fail($"{path}.planned", "budget-amount-required", "ต้องระบุวงเงิน (บาท) เมื่อเป็นงบประมาณของหน่วยงานเอง (own)", "is required for an own budget (baht)");
        }
        return Build(path, () => new Budget(Year(Required(element, "fiscalYear", $"{path}.fiscalYear"), $"{path}.fiscalYear"), planned, source,
            Text(element, "unit", $"{path}.unit", required: false), Text(element, "text", $"{path}.text", required: false)));
    }

    private static Timeline? ReadTimeline(JsonElement parent, string path)
    {
        if (!parent.TryGetProperty("timeline", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        Fields(element, path, TimelineFields);
        var quarters = Array(element, "quarters", $"{path}.quarters").Select((q, i) =>
            q.ValueKind == JsonValueKind.Number && q.TryGetInt32(out var n) && n is >= 1 and <= 4
                ? n
                : throw Fail($"{path}.quarters[{i}]", "quarter", "ต้องเป็นไตรมาส 1–4", "is a quarter, 1–4")).ToList();
        if (quarters.Distinct().Count() != quarters.Count)
        {
            throw Fail($"{path}.quarters", "quarter-twice", "มีไตรมาสซ้ำกัน", "names a quarter twice");
        }
        var from = Date(element, "from", $"{path}.from");
        var to = Date(element, "to", $"{path}.to");
        if (from > to)
        {
            throw Fail($"{path}.to", "dates-order", "อยู่ก่อนวันเริ่ม", "is before from");
        }
        return new Timeline([.. quarters.Order()], from, to);
    }

    private static ProgressRound Round(JsonElement element, string path, bool measures)
    {
        Fields(element, path, RoundFields);
        var year = Year(Required(element, "fiscalYear", $"{path}.fiscalYear"), $"{path}.fiscalYear");
        var period = Period(Required(element, "round", $"{path}.round"), $"{path}.round");
        var closedAt = Moment(element, "closedAt", $"{path}.closedAt");
        var entries = Array(element, "entries", $"{path}.entries", required: true)
            .Select((e, i) => Entry(e, $"{path}.entries[{i}]", measures)).ToList();
        var subjects = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!subjects.TryAdd(entries[i].Subject, i))
            {
                throw Fail($"{path}.entries[{i}]", "entry-twice", "{subjectTh} รายงานซ้ำในรอบนี้ (ซ้ำกับผลที่รายงานลำดับที่ {other})",
                    "{subject} is reported twice in this round (also entries[{index}])",
                    ("subject", entries[i].Subject), ("subjectTh", PlanRules.SubjectOf(entries[i]).Thai),
                    ("other", subjects[entries[i].Subject] + 1), ("index", subjects[entries[i].Subject]));
            }
        }
        var corrections = Array(element, "corrections", $"{path}.corrections").Select((c, i) =>
        {
            var at = $"{path}.corrections[{i}]";
            Fields(c, at, CorrectionFields);
            var entry = Entry(Required(c, "entry", $"{at}.entry"), $"{at}.entry", measures);
            return new Correction(entry, Text(c, "reason", $"{at}.reason")!, Text(c, "by", $"{at}.by")!,
                Moment(c, "at", $"{at}.at") ?? throw Fail($"{at}.at", "moment-required", "ต้องระบุวันเวลาแบบ ISO 8601 (เช่น 2025-10-15T09:00:00+07:00)", "is required (ISO 8601 date and time)"));
        }).ToList();
        if (corrections.Count > 0 && closedAt is null)
        {
            throw Fail($"{path}.corrections", "corrections-open", "แก้ไขหลังปิดรอบได้เฉพาะรอบที่ปิดแล้ว (มี closedAt) รอบที่ยังเปิดอยู่ให้แก้ผลที่รายงานโดยตรง",
                "only a closed round (closedAt) has corrections; an open round's entries are edited");
        }
        return Build(path, () => new ProgressRound(year, period, entries, closedAt, corrections, Strings(element, "notes", $"{path}.notes")));
    }

    private static ProgressEntry Entry(JsonElement element, string path, bool measures)
    {
        Fields(element, path, EntryFields);
        string? item = null;
        int? measure = null;
        if (measures)
        {
            if (element.TryGetProperty("item", out _))
            {
                throw Fail($"{path}.item", "measure-report-item", "รายงานผลตามมาตรการระบุมาตรการ (\"measure\": 1) ไม่ใช่รายการของแผน",
                    "a measures report names a measure (\"measure\": 1), not an item");
            }
            var number = Required(element, "measure", $"{path}.measure");
            measure = number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var m) && m >= 1
                ? m
                : throw Fail($"{path}.measure", "measure-number", "{raw} ไม่ใช่เลขที่มาตรการ (1, 2 …)", "{raw} is not a measure number (1, 2 …)",
                    ("raw", number.GetRawText()));
        }
        else
        {
            if (element.TryGetProperty("measure", out _))
            {
                throw Fail($"{path}.measure", "plan-report-measure",
                    "รายงานผลตามแผนระบุเลขที่รายการ (\"item\": \"1.1\") ผลของมาตรการให้รายงานไว้ในรายงานผลตามมาตรการ (measureReports)",
                    "a plan report names an item (\"item\": \"1.1\"); measures are reported under measureReports");
            }
            item = element.TryGetProperty("item", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : Text(element, "item", $"{path}.item");
        }
        var status = Enum(element, "status", $"{path}.status", Statuses);
        var reason = Text(element, "reason", $"{path}.reason", required: false);
        if (status == EntryStatus.NotDone && reason is null)
        {
            throw Fail($"{path}.reason", "reason-required", "ต้องระบุเมื่อสถานะเป็น not-done (ไม่ได้ดำเนินการ) เช่น ไม่ได้รับการจัดสรรงบประมาณ",
                "is required when the status is not-done (ไม่ได้รับการจัดสรรงบประมาณ …)");
        }
        var spent = OptionalNumber(element, "spent", $"{path}.spent");
        if (spent is < 0)
        {
            throw new PlanException($"{path}.spent", NotNegative());
        }
        var satisfaction = OptionalNumber(element, "satisfaction", $"{path}.satisfaction");
        if (satisfaction is < 0 or > 100)
        {
            throw Fail($"{path}.satisfaction", "satisfaction-range", "เป็นร้อยละ ต้องอยู่ระหว่าง 0 ถึง 100", "is a percentage from 0 to 100");
        }
        var participants = OptionalInt(element, "participants", $"{path}.participants");
        if (participants is < 0)
        {
            throw new PlanException($"{path}.participants", NotNegative());
        }
        var actuals = Array(element, "actuals", $"{path}.actuals").Select((a, i) => ReadActual(a, $"{path}.actuals[{i}]")).ToList();
        var evidence = Array(element, "evidence", $"{path}.evidence").Select((e, i) =>
        {
            Fields(e, $"{path}.evidence[{i}]", EvidenceFields);
            return new Evidence(Text(e, "name", $"{path}.evidence[{i}].name")!, Text(e, "url", $"{path}.evidence[{i}].url", required: false));
        }).ToList();
        return Build(path, () => new ProgressEntry(item, measure, Text(element, "text", $"{path}.text", required: false), status, reason,
            spent, actuals, Text(element, "outcome", $"{path}.outcome", required: false), participants, satisfaction, evidence));
    }

    private static Actual ReadActual(JsonElement element, string path)
    {
        Fields(element, path, ActualFields);
        var kpi = Text(element, "kpi", $"{path}.kpi")!;
        var hasValue = element.TryGetProperty("value", out var value);
        var hasCount = element.TryGetProperty("count", out var count);
        var hasOf = element.TryGetProperty("of", out var of);
        var hasDone = element.TryGetProperty("done", out var done);
        if ((hasValue ? 1 : 0) + (hasCount || hasOf ? 1 : 0) + (hasDone ? 1 : 0) != 1)
        {
            throw Fail(path, "actual-one", "ให้ค่าอย่างใดอย่างหนึ่ง: \"value\": n (ค่าที่ได้) หรือ \"count\": n กับ \"of\": m (จำนวนที่ได้จากทั้งหมด) หรือ \"done\": true|false (ดำเนินการแล้วหรือไม่)",
                "gives one of \"value\": n, \"count\": n with \"of\": m, or \"done\": true|false");
        }
        if (hasValue)
        {
            return Actual.Number(kpi, Number(value, $"{path}.value"));
        }
        if (hasDone)
        {
            return done.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? Actual.YesNo(kpi, done.GetBoolean())
                : throw Fail($"{path}.done", "not-boolean", "{raw} ไม่ใช่ true หรือ false", "{raw} is not true or false", ("raw", done.GetRawText()));
        }
        if (!hasCount || !hasOf)
        {
            throw Fail(hasCount ? $"{path}.of" : $"{path}.count", "fraction-both", "จำนวนจากทั้งหมดต้องให้ทั้ง \"count\" และ \"of\" (เช่น 654 จาก 662)",
                "a count of a total gives both \"count\" and \"of\" (654 of 662)");
        }
        var c = Number(count, $"{path}.count");
        var o = Number(of, $"{path}.of");
        if (o <= 0)
        {
            throw Fail($"{path}.of", "total-positive", "จำนวนทั้งหมดต้องมากกว่าศูนย์", "a total is more than zero");
        }
        if (c < 0 || c > o)
        {
            throw Fail($"{path}.count", "count-range", "ต้องอยู่ระหว่างศูนย์ถึงจำนวนทั้งหมด (of)", "is from zero to the total (of)");
        }
        return Actual.Fraction(kpi, c, o);
    }

    private static ReportingPeriod Period(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var round) && round is 6 or 12)
        {
            return round == 6 ? ReportingPeriod.SixMonths : ReportingPeriod.TwelveMonths;
        }
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: >= 2 } text
            && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            if (text[0] == 'q' && index is >= 1 and <= 4)
            {
                return ReportingPeriod.Quarter(index);
            }
            if (text[0] == 'm' && index is >= 1 and <= 12)
            {
                return ReportingPeriod.Month(index);
            }
        }
        throw Fail(path, "not-a-round", "{raw} ไม่ใช่รอบรายงาน: 6 (รอบ 6 เดือน) 12 (รอบ 12 เดือน) \"q1\"–\"q4\" (ไตรมาส) หรือ \"m1\" (ตุลาคม)–\"m12\" (กันยายน)",
            "{raw} is not a round: 6, 12, \"q1\"–\"q4\" or \"m1\" (October)–\"m12\" (September)", ("raw", element.GetRawText()));
    }

    // ---- Writing ----

    /// <summary>Writes a plan and its rounds in the contract <see cref="Read"/> reads.</summary>
    public static string Write(PlanImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            var plan = import.Plan;
            w.WriteStartObject();
            w.WriteString("title", plan.Title);
            w.WriteStartArray("fiscalYears");
            foreach (var year in plan.FiscalYears)
            {
                w.WriteNumberValue(year.BuddhistEra);
            }
            w.WriteEndArray();
            WriteStrings(w, "levels", plan.Levels, always: true);
            w.WriteNumber("headingLevels", plan.HeadingLevels);
            WriteStrings(w, "notes", plan.Notes);
            w.WriteStartArray("items");
            foreach (var item in plan.Items)
            {
                WriteItem(w, item);
            }
            w.WriteEndArray();
            WriteRounds(w, "reports", import.Reports);
            WriteRounds(w, "measureReports", import.MeasureReports);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteItem(Utf8JsonWriter w, PlanItem item)
    {
        w.WriteStartObject();
        w.WriteString("number", item.Number);
        w.WriteString("title", item.Title);
        WriteText(w, "label", item.Label);
        WriteText(w, "goal", item.Goal);
        WriteText(w, "objective", item.Objective);
        WriteStrings(w, "owners", item.Owners);
        if (item.Kpis.Count > 0)
        {
            w.WriteStartArray("kpis");
            foreach (var kpi in item.Kpis)
            {
                WriteKpi(w, kpi);
            }
            w.WriteEndArray();
        }
        if (item.Budgets.Count > 0)
        {
            w.WriteStartArray("budgets");
            foreach (var budget in item.Budgets)
            {
                w.WriteStartObject();
                w.WriteNumber("fiscalYear", budget.FiscalYear.BuddhistEra);
                if (budget.Planned is { } planned)
                {
                    w.WriteNumber("planned", planned);
                }
                w.WriteString("source", Name(Sources, budget.Source));
                WriteText(w, "unit", budget.Unit);
                WriteText(w, "text", budget.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (item.Timeline is { } timeline)
        {
            w.WriteStartObject("timeline");
            w.WriteStartArray("quarters");
            foreach (var q in timeline.Quarters)
            {
                w.WriteNumberValue(q);
            }
            w.WriteEndArray();
            if (timeline.From is { } from)
            {
                w.WriteString("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            if (timeline.To is { } to)
            {
                w.WriteString("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            w.WriteEndObject();
        }
        WriteStrings(w, "notes", item.Notes);
        w.WriteStartArray("items");
        foreach (var child in item.Items)
        {
            WriteItem(w, child);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes a KPI object (also how a measure's KPIs are stored in its measures plan).</summary>
    internal static void WriteKpi(Utf8JsonWriter w, Kpi kpi)
    {
        w.WriteStartObject();
        w.WriteString("id", kpi.Id);
        w.WriteString("name", kpi.Name);
        w.WriteString("kind", Name(Kinds, kpi.Kind));
        w.WriteStartObject("target");
        switch (kpi.Target.Kind)
        {
            case TargetKind.Done:
                w.WriteBoolean("done", true);
                break;
            default:
                w.WriteNumber(kpi.Target.Kind switch { TargetKind.AtLeast => "atLeast", TargetKind.AtMost => "atMost", _ => "equals" }, kpi.Target.Value!.Value);
                break;
        }
        w.WriteEndObject();
        WriteText(w, "targetText", kpi.TargetText);
        WriteText(w, "unit", kpi.Unit);
        if (kpi.Baseline is { } baseline)
        {
            w.WriteNumber("baseline", baseline);
        }
        if (kpi.Cumulation != Cumulation.Cumulative)
        {
            w.WriteString("cumulation", Name(Cumulations, kpi.Cumulation));
        }
        if (kpi.Source != KpiSource.Reported)
        {
            w.WriteString("source", Name(KpiSources, kpi.Source));
        }
        w.WriteEndObject();
    }

    private static void WriteRounds(Utf8JsonWriter w, string name, IReadOnlyList<ProgressRound> rounds)
    {
        w.WriteStartArray(name);
        foreach (var round in rounds)
        {
            w.WriteStartObject();
            w.WriteNumber("fiscalYear", round.FiscalYear.BuddhistEra);
            if (round.Period.Kind is PeriodKind.SixMonths or PeriodKind.TwelveMonths)
            {
                w.WriteNumber("round", round.Period.Index);
            }
            else
            {
                w.WriteString("round", round.Period.ToString());
            }
            if (round.ClosedAt is { } closed)
            {
                w.WriteString("closedAt", closed);
            }
            WriteStrings(w, "notes", round.Notes);
            w.WriteStartArray("entries");
            foreach (var entry in round.Entries)
            {
                WriteEntry(w, entry);
            }
            w.WriteEndArray();
            if (round.Corrections.Count > 0)
            {
                w.WriteStartArray("corrections");
                foreach (var correction in round.Corrections)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("entry");
                    WriteEntry(w, correction.Entry);
                    w.WriteString("reason", correction.Reason);
                    w.WriteString("by", correction.By);
                    w.WriteString("at", correction.At);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Writes one round entry in the contract (how the database keeps an entry of a round).</summary>
    public static string WriteEntry(ProgressEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteEntry(w, entry);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads one round entry written by <see cref="WriteEntry(ProgressEntry)"/> (or typed by hand): a plan item's,
    /// or a measure's when <paramref name="measure"/>; faults name their path under <paramref name="path"/>.</summary>
    public static ProgressEntry ReadEntry(string json, bool measure, string path = "entry")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Entry(document.RootElement, path, measure);
        }
        catch (JsonException)
        {
            throw Fail(path, "entry-not-json", "ไม่ใช่ JSON ที่ถูกต้อง", "not valid JSON");
        }
    }

    private static void WriteEntry(Utf8JsonWriter w, ProgressEntry entry)
    {
        w.WriteStartObject();
        if (entry.Item is { } item)
        {
            w.WriteString("item", item);
        }
        else
        {
            w.WriteNumber("measure", entry.Measure!.Value);
        }
        WriteText(w, "text", entry.Text);
        if (entry.Status is { } status)
        {
            w.WriteString("status", Name(Statuses, status));
        }
        WriteText(w, "reason", entry.Reason);
        if (entry.Spent is { } spent)
        {
            w.WriteNumber("spent", spent);
        }
        if (entry.Actuals.Count > 0)
        {
            w.WriteStartArray("actuals");
            foreach (var actual in entry.Actuals)
            {
                w.WriteStartObject();
                w.WriteString("kpi", actual.Kpi);
                if (actual.Done is { } done)
                {
                    w.WriteBoolean("done", done);
                }
                else if (actual.IsFraction)
                {
                    w.WriteNumber("count", actual.Count!.Value);
                    w.WriteNumber("of", actual.Of!.Value);
                }
                else
                {
                    w.WriteNumber("value", actual.Value!.Value);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        WriteText(w, "outcome", entry.Outcome);
        if (entry.Participants is { } participants)
        {
            w.WriteNumber("participants", participants);
        }
        if (entry.Satisfaction is { } satisfaction)
        {
            w.WriteNumber("satisfaction", satisfaction);
        }
        if (entry.Evidence.Count > 0)
        {
            w.WriteStartArray("evidence");
            foreach (var evidence in entry.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("name", evidence.Name);
                WriteText(w, "url", evidence.Url);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? text)
    {
        if (text is not null)
        {
            w.WriteString(name, text);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values, bool always = false)
    {
        if (values.Count == 0 && !always)
        {
            return;
        }
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }

    // ---- Reading helpers: each names the path of what it reads ----

    /// <summary>A fault at <paramref name="path"/>: a message of code <c>plan.</c><paramref name="code"/>.</summary>
    private static PlanException Fail(string path, string code, string thai, string english, params (string Name, object? Value)[] arguments) =>
        new(path, Message.Of("plan." + code, thai, english, arguments));

    internal static Message Required() => Message.Of("plan.required", "ต้องระบุ", "is required");

    internal static Message NotNegative() => Message.Of("plan.negative", "ต้องไม่ติดลบ", "is not negative");

    internal static Message PercentRange() => Message.Of("plan.percent-range", "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100", "a percentage is from 0 to 100");

    /// <summary>The Thai of each value the contract names (kinds, statuses, budget sources …), for messages that list them.</summary>
    private static readonly Dictionary<string, string> ValueThai = new(StringComparer.Ordinal)
    {
        ["percent"] = "ร้อยละ", ["count"] = "จำนวน", ["yesno"] = "ใช่/ไม่ใช่", ["score"] = "คะแนน", ["baht"] = "บาท",
        ["not-started"] = "ยังไม่เริ่ม", ["on-track"] = "ดำเนินการตามแผน", ["at-risk"] = "มีความเสี่ยง", ["done"] = "ดำเนินการแล้วเสร็จ",
        ["not-done"] = "ไม่ได้ดำเนินการ",
        ["own"] = "งบประมาณของหน่วยงาน", ["other-unit"] = "งบประมาณของหน่วยงานอื่น", ["none"] = "ไม่ใช้งบประมาณ",
        ["not-allocated"] = "ไม่ได้รับการจัดสรรงบประมาณ",
        ["cumulative"] = "นับสะสม", ["per-period"] = "นับเฉพาะรอบ", ["reported"] = "รายงานผล", ["ita-total"] = "คะแนน ITA รวม",
    };

    /// <summary>A value's contract name, in Thai with its meaning: "percent (ร้อยละ)".</summary>
    private static string Choice<T>((T Value, string Name)[] names, T value, bool english) where T : struct
    {
        var name = Name(names, value);
        return english || !ValueThai.TryGetValue(name, out var thai) ? name : $"{name} ({thai})";
    }

    private static T Build<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            // The reader checks what the model's constructors refuse; this is the net for a rule it does not check.
            var message = e.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw Fail(path, "invalid", "ข้อมูลส่วนนี้ไม่ถูกต้อง กรุณาตรวจสอบค่าในส่วนนี้", "{reason}", ("reason", cut > 0 ? message[..cut] : message));
        }
    }

    private static void Fields(JsonElement element, string path, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "not-object", "ต้องเป็นออบเจกต์ JSON ({ … })", "must be a JSON object");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var at = path == "$" ? property.Name : $"{path}.{property.Name}";
                throw Fail(at, "unknown-field", "ไม่มีช่องชื่อนี้ในส่วนนี้ ช่องที่ใช้ได้: {knownTh}", "unknown field; known here: {known}",
                    ("known", string.Join(", ", known)), ("knownTh", string.Join(" · ", known.Select(k => PlanFields.Known(k, english: false)))));
            }
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? element
            : throw new PlanException(path, Required());

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name, string path, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Fail(path, "required-array", "ต้องระบุ (เป็นรายการในวงเล็บ [ … ])", "is required (an array)") : [];
        }
        return element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().ToList()
            : throw Fail(path, "not-array", "ต้องเป็นรายการในวงเล็บ [ … ]", "must be an array");
    }

    private static string? Text(JsonElement parent, string name, string path, bool required = true)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new PlanException(path, Required()) : null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Fail(path, "not-text", "{raw} ไม่ใช่ข้อความ", "{raw} is not a text", ("raw", element.GetRawText()));
        }
        var text = element.GetString()!.Trim();
        return text.Length > 0 ? text : required ? throw Fail(path, "empty", "ว่างอยู่ กรุณากรอก", "is empty") : null;
    }

    private static List<string> Strings(JsonElement parent, string name, string path) =>
        [.. Array(parent, name, path).Select((e, i) => e.ValueKind == JsonValueKind.String && e.GetString()!.Trim().Length > 0
            ? e.GetString()!.Trim()
            : throw Fail($"{path}[{i}]", "not-text", "{raw} ไม่ใช่ข้อความ", "{raw} is not a text", ("raw", e.GetRawText())))];

    private static decimal Number(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value)
            ? value
            : throw Fail(path, "not-a-number", "{raw} ไม่ใช่ตัวเลข", "{raw} is not a number", ("raw", element.GetRawText()));

    private static decimal? OptionalNumber(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? Number(element, path) : null;

    private static int? OptionalInt(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw Fail(path, "not-whole-number", "{raw} ไม่ใช่จำนวนเต็ม", "{raw} is not a whole number", ("raw", element.GetRawText()));
    }

    private static FiscalYear Year(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var be) && be is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe
            ? new FiscalYear(be)
            : throw Fail(path, "not-a-year", "{raw} ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2568)", "{raw} is not a Buddhist Era fiscal year such as 2568", ("raw", element.GetRawText()));

    private static DateOnly? Date(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Fail(path, "not-a-date", "{raw} ไม่ใช่วันที่แบบ ปปปป-ดด-วว ปี ค.ศ. (เช่น 2025-10-01)", "{raw} is not a date yyyy-MM-dd (Common Era)",
                ("raw", element.GetRawText()));
    }

    private static DateTimeOffset? Moment(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out var moment)
            ? moment
            : throw Fail(path, "not-a-moment", "{raw} ไม่ใช่วันเวลาแบบ ISO 8601 ที่มีเขตเวลา (เช่น 2025-10-15T09:00:00+07:00)",
                "{raw} is not an ISO 8601 date and time with its offset", ("raw", element.GetRawText()));
    }

    private static T? Enum<T>(JsonElement parent, string name, string path, (T Value, string Name)[] names, bool required = false)
        where T : struct
    {
        var text = Text(parent, name, path, required);
        if (text is null)
        {
            return null;
        }
        foreach (var (value, known) in names)
        {
            if (string.Equals(known, text, StringComparison.Ordinal))
            {
                return value;
            }
        }
        throw Fail(path, "not-one-of", "\"{text}\" ใช้ไม่ได้ ใช้ได้: {choicesTh}", "\"{text}\" is not one of {choices}",
            ("text", text), ("choices", string.Join(", ", names.Select(n => n.Name))),
            ("choicesTh", string.Join(" · ", names.Select(n => Choice(names, n.Value, english: false)))));
    }

    private static string Name<T>((T Value, string Name)[] names, T value) where T : struct =>
        names.First(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Name;
}

/// <summary>A KPI in JSON, wherever it is stored (the measures plan's measures too): the contract's form.</summary>
internal sealed class KpiJsonConverter : JsonConverter<Kpi>
{
    public override Kpi Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return PlanJson.ReadKpi(document.RootElement, "kpi");
        }
        catch (PlanException e)
        {
            throw new JsonException(e.Message);
        }
    }

    public override void Write(Utf8JsonWriter writer, Kpi value, JsonSerializerOptions options) => PlanJson.WriteKpi(writer, value);
}
