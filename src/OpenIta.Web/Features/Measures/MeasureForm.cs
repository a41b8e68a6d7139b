using System.Globalization;
using OpenIta.Core.Measures;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// The measure editor's fields as typed (shown again after an error) and their reading into a <see cref="Measure"/>.
/// Errors are keyed by the form field's name, so the page marks the field and names it.
/// </summary>
public sealed class MeasureForm
{
    /// <summary>Empty step rows offered under the existing steps, to add steps without JavaScript.</summary>
    public const int EmptySteps = 3;

    private static readonly char[] CodeSeparators = [',', ' ', ';', '\t', '\r', '\n', '、'];

    public string Title { get; set; } = "";
    public string Kind { get; set; } = nameof(MeasureKind.Improve);
    public string Items { get; set; } = "";
    public string Weakness { get; set; } = "";
    public List<int> Themes { get; } = [];
    public List<(string Text, string Owners)> Steps { get; } = [];
    public List<int> Quarters { get; } = [];
    public string DateFrom { get; set; } = "";
    public string DateTo { get; set; } = "";
    public string Units { get; set; } = "";
    public string Monitoring { get; set; } = "";
    public string Cadence { get; set; } = "";
    public string ReportTo { get; set; } = "";
    public string ReportHow { get; set; } = "";
    public string? TemplateId { get; set; }

    public static MeasureForm From(Measure? measure)
    {
        var form = new MeasureForm();
        if (measure is null)
        {
            form.Quarters.AddRange([1, 2, 3, 4]);
            return form;
        }
        form.Title = measure.Title;
        form.Kind = measure.Kind.ToString();
        form.Items = string.Join(", ", measure.Items);
        form.Weakness = measure.Weakness ?? "";
        form.Themes.AddRange(measure.Themes);
        form.Steps.AddRange(measure.Steps.Select(s => (s.Text, string.Join(", ", s.Owners))));
        form.Quarters.AddRange(measure.Timeline.Quarters);
        form.DateFrom = MeasureText.DateInput(measure.Timeline.From);
        form.DateTo = MeasureText.DateInput(measure.Timeline.To);
        form.Units = string.Join("\n", measure.ResponsibleUnits);
        form.Monitoring = measure.Monitoring ?? "";
        form.Cadence = measure.Reporting?.Cadence.ToString() ?? "";
        form.ReportTo = measure.Reporting?.To ?? "";
        form.ReportHow = measure.Reporting?.How ?? "";
        form.TemplateId = measure.TemplateId;
        return form;
    }

    public static MeasureForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string Text(string name) => form[name].ToString().Trim();
        var result = new MeasureForm
        {
            Title = Text("Title"),
            Kind = Text("Kind"),
            Items = Text("Items"),
            Weakness = Text("Weakness"),
            DateFrom = Text("DateFrom"),
            DateTo = Text("DateTo"),
            // The agency's units ticked (UnitPick), then the free text of units that are not (yet) the agency's.
            Units = string.Join("\n", form["UnitPick"].Select(u => u?.Trim() ?? "").Where(u => u.Length > 0).Append(Text("Units"))).Trim(),
            Monitoring = Text("Monitoring"),
            Cadence = Text("Cadence"),
            ReportTo = Text("ReportTo"),
            ReportHow = Text("ReportHow"),
            TemplateId = form["TemplateId"].ToString() is { Length: > 0 } template ? template : null,
        };
        result.Themes.AddRange(Numbers(form["Themes"]));
        result.Quarters.AddRange(Numbers(form["Quarters"]));
        var texts = form["StepText"];
        var owners = form["StepOwners"];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i]?.Trim() ?? "";
            var owner = i < owners.Count ? owners[i]?.Trim() ?? "" : "";
            if (text.Length > 0 || owner.Length > 0)
            {
                result.Steps.Add((text, owner));
            }
        }
        return result;
    }

    /// <summary>Numbers from checkboxes; a value that is not a number is kept as 0, which the checks refuse.</summary>
    private static IEnumerable<int> Numbers(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Distinct().Order();

    /// <summary>
    /// The measure with the given number, or null with <paramref name="errors"/> naming each wrong field.
    /// <paramref name="canonical"/> gives an item code as the year writes it, or null when the year does not know it.
    /// </summary>
    public Measure? ToMeasure(int number, Func<string, string?> canonical, bool hasThemes, List<PlanCheck> errors)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(errors);
        if (Title.Length == 0)
        {
            errors.Add(new("Title", "กรุณาระบุชื่อมาตรการ", "The measure needs a title."));
        }
        if (!Enum.TryParse<MeasureKind>(Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add(new("Kind", "กรุณาเลือกประเภทของมาตรการ", "Choose the kind of measure."));
        }
        var codes = new List<string>();
        var unknown = new List<string>();
        foreach (var code in Items.Split(CodeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (canonical(code) is { } known)
            {
                if (!codes.Contains(known, StringComparer.Ordinal))
                {
                    codes.Add(known);
                }
            }
            else
            {
                unknown.Add(code);
            }
        }
        if (unknown.Count > 0)
        {
            var list = string.Join(", ", unknown);
            errors.Add(new("Items", "ข้อที่ตอบ: ไม่รู้จักรหัส " + list + " ในปีนี้",
                "Items answered: unknown code(s) " + list + " for this year."));
        }
        if (Themes.Any(t => !hasThemes || t is < 1 or > 7))
        {
            errors.Add(new("Themes", "ประเด็น: เลือกได้เฉพาะประเด็นที่ 1–7 ของปีที่มีประเด็น", "Themes: only themes 1–7 of a year with themes."));
        }
        if (Quarters.Any(q => q is < 1 or > 4))
        {
            errors.Add(new("Quarters", "ไตรมาสต้องเป็น Q1–Q4", "Quarters are Q1–Q4."));
        }
        var from = MeasureText.ParseDate(DateFrom);
        var to = MeasureText.ParseDate(DateTo);
        if (DateFrom.Length > 0 && from is null)
        {
            errors.Add(new("DateFrom", "วันเริ่มต้น: ไม่ใช่วันที่ (เช่น 1/10/2565)", "Start date: not a date (e.g. 1/10/2565)."));
        }
        if (DateTo.Length > 0 && to is null)
        {
            errors.Add(new("DateTo", "วันสิ้นสุด: ไม่ใช่วันที่ (เช่น 30/9/2566)", "End date: not a date (e.g. 30/9/2566)."));
        }
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add(new("DateTo", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น", "The end date is before the start date."));
        }
        var steps = new List<MeasureStep>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var (text, owners) = Steps[i];
            if (text.Length == 0)
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"StepText[{i}]"),
                    string.Create(CultureInfo.InvariantCulture, $"ขั้นตอนที่ {i + 1}: มีผู้รับผิดชอบแต่ไม่มีข้อความ"),
                    string.Create(CultureInfo.InvariantCulture, $"Step {i + 1}: owners without text.")));
                continue;
            }
            steps.Add(new MeasureStep(text, Split(owners, [',', ';', '\n'])));
        }
        Reporting? reporting = null;
        if (Cadence.Length > 0)
        {
            if (!Enum.TryParse<ReportingCadence>(Cadence, ignoreCase: false, out var cadence) || !Enum.IsDefined(cadence))
            {
                errors.Add(new("Cadence", "ความถี่ในการรายงาน: กรุณาเลือกจากรายการ", "Reporting cadence: choose one of the list."));
            }
            else if (ReportTo.Length == 0)
            {
                errors.Add(new("ReportTo", "รายงานผลต่อ: กรุณาระบุว่ารายงานต่อใคร", "Reported to: say to whom."));
            }
            else
            {
                reporting = new Reporting(cadence, ReportTo, ReportHow.Length > 0 ? ReportHow : null);
            }
        }
        else if (ReportTo.Length > 0 || ReportHow.Length > 0)
        {
            errors.Add(new("Cadence", "ความถี่ในการรายงาน: กรุณาเลือกความถี่", "Reporting cadence: choose how often."));
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new Measure(
            number, Title, kind, codes, Themes.ToList(), Weakness.Length > 0 ? Weakness : null, steps,
            new Timeline(Quarters.ToList(), from, to), Split(Units, ['\n']),
            Monitoring.Length > 0 ? Monitoring : null, reporting, TemplateId);
    }

    /// <summary>The responsible units split for the editor: those that are the agency's units (ticked) and the rest (free text, one a line).</summary>
    public (IReadOnlySet<string> Picked, string Others) UnitsAgainst(IReadOnlyCollection<string> agencyUnits)
    {
        ArgumentNullException.ThrowIfNull(agencyUnits);
        var lines = Split(Units, ['\n']);
        var known = agencyUnits.ToHashSet(StringComparer.Ordinal);
        return (lines.Where(known.Contains).ToHashSet(StringComparer.Ordinal), string.Join("\n", lines.Where(l => !known.Contains(l))));
    }

    private static List<string> Split(string text, char[] separators) =>
        text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
