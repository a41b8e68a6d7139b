using System.Globalization;
using OpenIta.Core.Plans;
using OpenIta.Core.Text;

namespace OpenIta.Web.Features.Plans;

/// <summary>A field the report form refuses, named, in Thai and English.</summary>
public sealed record FormError(string Field, string Th, string En);

/// <summary>
/// A unit owner's report on a plan item or a measure as typed: what was done, the outcome (measures), status and
/// reason, money spent, participants and satisfaction, and one actual per KPI — a number, a count of a total (654 of
/// 662) or done / not done. <see cref="Read"/> turns it into the core's <see cref="ProgressEntry"/> or names each
/// field that is wrong; what was typed stays in the form either way.
/// </summary>
public sealed class ReportForm
{
    public string Text { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string Status { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Spent { get; set; } = "";
    public string Participants { get; set; } = "";
    public string Satisfaction { get; set; } = "";

    /// <summary>Per KPI, in the KPIs' order: the KPI id, and its value, count, total and done as typed.</summary>
    public List<string> Kpi { get; set; } = [];
    public List<string> Value { get; set; } = [];
    public List<string> Count { get; set; } = [];
    public List<string> Of { get; set; } = [];
    public List<string> Done { get; set; } = [];

    public static readonly (EntryStatus Status, string Name)[] Statuses =
        [(EntryStatus.NotStarted, "not-started"), (EntryStatus.OnTrack, "on-track"), (EntryStatus.AtRisk, "at-risk"), (EntryStatus.Done, "done"), (EntryStatus.NotDone, "not-done")];

    public static string StatusName(EntryStatus? status) => Statuses.FirstOrDefault(s => s.Status == status).Name ?? "";

    /// <summary>The form filled from an entry (or empty), with one row per KPI.</summary>
    public static ReportForm From(ProgressEntry? entry, IReadOnlyList<Kpi> kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var form = new ReportForm
        {
            Text = entry?.Text ?? "",
            Outcome = entry?.Outcome ?? "",
            Status = StatusName(entry?.Status),
            Reason = entry?.Reason ?? "",
            Spent = PlanText.Plain(entry?.Spent),
            Participants = entry?.Participants?.ToString(CultureInfo.InvariantCulture) ?? "",
            Satisfaction = PlanText.Plain(entry?.Satisfaction),
        };
        foreach (var kpi in kpis)
        {
            var actual = entry?.ActualOf(kpi.Id);
            form.Kpi.Add(kpi.Id);
            form.Value.Add(PlanText.Plain(actual?.Value));
            form.Count.Add(PlanText.Plain(actual?.Count));
            form.Of.Add(PlanText.Plain(actual?.Of));
            form.Done.Add(actual?.Done switch { true => "yes", false => "no", _ => "" });
        }
        return form;
    }

    /// <summary>The index of a KPI's row in the posted lists, or -1.</summary>
    public int RowOf(string kpi) => Kpi.IndexOf(kpi);

    public string At(List<string> list, int index) => index >= 0 && index < list.Count ? list[index] ?? "" : "";

    /// <summary>The entry, or null with every wrong field in <paramref name="errors"/>.</summary>
    public ProgressEntry? Read(string? item, int? measure, IReadOnlyList<Kpi> kpis, List<FormError> errors)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(errors);
        var status = Statuses.FirstOrDefault(s => s.Name == (Status ?? "").Trim());
        EntryStatus? parsedStatus = status.Name is null ? null : status.Status;
        if (!string.IsNullOrWhiteSpace(Status) && parsedStatus is null)
        {
            errors.Add(new("Status", "สถานะไม่ถูกต้อง", "The status is not one of the choices."));
        }
        if (parsedStatus == EntryStatus.NotDone && string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add(new("Reason", "ไม่ได้ดำเนินการ ต้องระบุเหตุผล (เช่น ไม่ได้รับการจัดสรรงบประมาณ)", "Not done needs its reason (e.g. no budget was allocated)."));
        }
        foreach (var (field, value, max, th, en) in new[]
        {
            ("Text", Text, UserText.NarrativeMax, "ผลการดำเนินงาน", "What was done"),
            ("Outcome", Outcome, UserText.NarrativeMax, "ผลลัพธ์", "The outcome"),
            ("Reason", Reason, UserText.NoteMax, "เหตุผล", "The reason"),
        })
        {
            if (UserText.Check(value ?? "", max) is { } bad)
            {
                errors.Add(new(field, $"{th}: {bad.Th}", $"{en} {bad.En}"));
            }
        }
        var spent = Number("Spent", Spent, "งบประมาณที่ใช้ไป", "Money spent", errors, min: 0);
        var satisfaction = Number("Satisfaction", Satisfaction, "ร้อยละความพึงพอใจ", "Satisfaction", errors, min: 0, max: 100);
        var participants = Number("Participants", Participants, "จำนวนผู้เข้าร่วม", "Participants", errors, min: 0, whole: true);
        var actuals = new List<Actual>();
        for (var k = 0; k < kpis.Count; k++)
        {
            var kpi = kpis[k];
            if (kpi.Source == KpiSource.ItaTotal)
            {
                continue;
            }
            var row = RowOf(kpi.Id);
            var field = $"Kpi[{k}]";
            if (kpi.Kind == KpiKind.YesNo)
            {
                var done = At(Done, row);
                if (done is "yes" or "no")
                {
                    actuals.Add(Actual.YesNo(kpi.Id, done == "yes"));
                }
                continue;
            }
            var label = $"ตัวชี้วัด \"{kpi.Name}\"";
            var labelEn = $"KPI \"{kpi.Name}\"";
            var count = Number(field + ".Count", At(Count, row), label + " จำนวน", labelEn + " count", errors, min: 0);
            var of = Number(field + ".Of", At(Of, row), label + " จากทั้งหมด", labelEn + " total", errors, min: 0);
            var value = Number(field + ".Value", At(Value, row), label, labelEn, errors);
            if (count is not null || of is not null)
            {
                if (kpi.Kind != KpiKind.Percent)
                {
                    errors.Add(new(field + ".Count", $"{label}: จำนวนจากทั้งหมดใช้ได้กับตัวชี้วัดร้อยละเท่านั้น", $"{labelEn}: a count of a total is for percentage KPIs only."));
                }
                else if (count is null || of is null)
                {
                    errors.Add(new(field + ".Of", $"{label}: กรุณาระบุทั้งจำนวนและจำนวนทั้งหมด (เช่น 654 จาก 662)", $"{labelEn}: give both the count and the total (e.g. 654 of 662)."));
                }
                else if (of <= 0 || count > of)
                {
                    errors.Add(new(field + ".Of", $"{label}: จำนวนต้องไม่เกินจำนวนทั้งหมด และจำนวนทั้งหมดต้องมากกว่า 0", $"{labelEn}: the count is at most the total, which is more than 0."));
                }
                else
                {
                    actuals.Add(Actual.Fraction(kpi.Id, count.Value, of.Value));
                }
            }
            else if (value is { } v)
            {
                if (kpi.Kind == KpiKind.Percent && v is < 0 or > 100)
                {
                    errors.Add(new(field + ".Value", $"{label}: ร้อยละต้องอยู่ระหว่าง 0 ถึง 100", $"{labelEn}: a percentage is from 0 to 100."));
                }
                else
                {
                    actuals.Add(Actual.Number(kpi.Id, v));
                }
            }
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new ProgressEntry(item, measure, Text, parsedStatus, Reason, spent, actuals, Outcome,
            participants is { } p ? (int)p : null, satisfaction);
    }

    private static decimal? Number(string field, string? text, string th, string en, List<FormError> errors,
        decimal? min = null, decimal? max = null, bool whole = false)
    {
        var value = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal);
        if (value.Length == 0)
        {
            return null;
        }
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || (whole && number != decimal.Truncate(number)) || (whole && number > int.MaxValue))
        {
            errors.Add(new(field, $"{th}: ต้องเป็นตัวเลข{(whole ? "จำนวนเต็ม" : "")}", $"{en} is not a{(whole ? " whole" : "")} number."));
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(new(field, $"{th}: ต้องอยู่ระหว่าง {min} ถึง {max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}",
                $"{en} is out of range ({min}–{max?.ToString(CultureInfo.InvariantCulture) ?? "∞"})."));
            return null;
        }
        return number;
    }
}
