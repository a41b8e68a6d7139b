using System.Globalization;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Measures;

/// <summary>A rule a measures plan breaks: the field (measures[2].steps[0].text) and why, in Thai and English.</summary>
public sealed record PlanProblem(string Field, string Th, string En);

/// <summary>
/// The rules a measures plan must meet before it is submitted: numbering, non-empty texts, a sensible timeline, item
/// codes and themes of the framework year, reporting to someone; every text within <see cref="UserText"/>'s rule
/// (no control characters, no direction overrides, a length an official document can print). Pure; an empty list means
/// the plan is valid.
/// </summary>
public static class MeasurePlanRules
{
    /// <summary>At most this many measures in a plan, and steps in a measure: an official document, not a database.</summary>
    public const int MaxMeasures = 100;

    public const int MaxSteps = 50;

    /// <summary>Checks the plan; <paramref name="framework"/> (the results year's) enables the code and theme checks.</summary>
    public static IReadOnlyList<PlanProblem> Validate(MeasurePlan plan, Framework? framework)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<PlanProblem>();
        if (framework is not null && framework.Year != plan.ResultsYear)
        {
            problems.Add(new PlanProblem("resultsYear",
                $"แผนตอบผลการประเมินปี {plan.ResultsYear} แต่กรอบการประเมินเป็นของปี {framework.Year}",
                $"The plan answers FY{plan.ResultsYear} results but the framework is of FY{framework.Year}."));
        }
        var themes = ThemeNumbers(framework);
        if (plan.Measures.Count == 0)
        {
            problems.Add(new PlanProblem("measures", "ต้องมีมาตรการอย่างน้อยหนึ่งมาตรการ", "The plan needs at least one measure."));
        }
        else if (plan.Measures.Count > MaxMeasures)
        {
            problems.Add(new PlanProblem("measures", $"มีมาตรการได้ไม่เกิน {N(MaxMeasures)} มาตรการ", $"A plan has at most {N(MaxMeasures)} measures."));
        }
        Text(problems, "introduction", plan.Introduction, UserText.NarrativeMax, "บทนำ", "The introduction");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Measures.Count; i++)
        {
            if (plan.Measures[i].Id is { } id && !ids.Add(id))
            {
                problems.Add(new PlanProblem($"measures[{N(i)}].id", $"รหัสมาตรการ {id} ซ้ำ", $"The measure id {id} is used twice."));
            }
        }
        for (var i = 0; i < plan.Measures.Count; i++)
        {
            Measure(problems, plan, plan.Measures[i], $"measures[{N(i)}]", i + 1, framework, themes);
        }
        var seenThemes = new HashSet<int>();
        for (var i = 0; i < plan.Findings.Count; i++)
        {
            var finding = plan.Findings[i];
            var field = $"findings[{N(i)}]";
            if (!themes.Contains(finding.Theme))
            {
                problems.Add(BadTheme($"{field}.theme", finding.Theme, framework));
            }
            else if (!seenThemes.Add(finding.Theme))
            {
                problems.Add(new PlanProblem($"{field}.theme", $"ประเด็นที่ {N(finding.Theme)} มีผลการวิเคราะห์ซ้ำ",
                    $"Theme {N(finding.Theme)} has two findings."));
            }
            if (string.IsNullOrWhiteSpace(finding.Text))
            {
                problems.Add(Empty($"{field}.text", "ผลการวิเคราะห์", "The finding"));
            }
            Text(problems, $"{field}.text", finding.Text, UserText.NarrativeMax, "ผลการวิเคราะห์", "The finding");
        }
        return problems;
    }

    private static void Measure(List<PlanProblem> problems, MeasurePlan plan, Measure measure, string field, int expected,
        Framework? framework, HashSet<int> themes)
    {
        if (measure.Number != expected)
        {
            problems.Add(new PlanProblem($"{field}.number",
                $"มาตรการลำดับที่ {N(expected)} มีหมายเลข {N(measure.Number)} ต้องเรียงเลข 1 ถึง n ตามลำดับ",
                $"Measure {N(expected)} is numbered {N(measure.Number)}; measures are numbered 1 to n in order."));
        }
        if (string.IsNullOrWhiteSpace(measure.Title))
        {
            problems.Add(Empty($"{field}.title", "ชื่อมาตรการ", "The title"));
        }
        Text(problems, $"{field}.title", measure.Title, UserText.TitleMax, "ชื่อมาตรการ", "The title");
        Text(problems, $"{field}.weakness", measure.Weakness, UserText.NarrativeMax, "จุดอ่อน", "The weakness");
        Text(problems, $"{field}.monitoring", measure.Monitoring, UserText.NarrativeMax, "แนวทางการกำกับติดตาม", "The monitoring");
        Text(problems, $"{field}.reporting.to", measure.Reporting?.To, UserText.TitleMax, "ผู้รับรายงานผล", "To whom results are reported");
        Text(problems, $"{field}.reporting.how", measure.Reporting?.How, UserText.TitleMax, "วิธีการรายงานผล", "How results are reported");
        Text(problems, $"{field}.templateId", measure.TemplateId, UserText.ShortMax, "รหัสแม่แบบ", "The template id");
        if (measure.Steps.Count > MaxSteps)
        {
            problems.Add(new PlanProblem($"{field}.steps", $"มีขั้นตอนได้ไม่เกิน {N(MaxSteps)} ข้อ", $"A measure has at most {N(MaxSteps)} steps."));
        }
        if (measure.Steps.Count == 0)
        {
            problems.Add(new PlanProblem($"{field}.steps", "ต้องมีขั้นตอนหรือวิธีการปฏิบัติอย่างน้อยหนึ่งข้อ",
                "A measure needs at least one step."));
        }
        for (var j = 0; j < measure.Steps.Count; j++)
        {
            var step = measure.Steps[j];
            if (string.IsNullOrWhiteSpace(step.Text))
            {
                problems.Add(Empty($"{field}.steps[{N(j)}].text", "ขั้นตอนการดำเนินการ", "The step"));
            }
            Text(problems, $"{field}.steps[{N(j)}].text", step.Text, UserText.NarrativeMax, "ขั้นตอนการดำเนินการ", "The step");
            for (var k = 0; k < step.Owners.Count; k++)
            {
                if (string.IsNullOrWhiteSpace(step.Owners[k]))
                {
                    problems.Add(Empty($"{field}.steps[{N(j)}].owners[{N(k)}]", "ผู้รับผิดชอบขั้นตอน", "The step's owner"));
                }
                Text(problems, $"{field}.steps[{N(j)}].owners[{N(k)}]", step.Owners[k], UserText.NameMax, "ผู้รับผิดชอบขั้นตอน", "The step's owner");
            }
        }
        for (var j = 0; j < measure.ResponsibleUnits.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(measure.ResponsibleUnits[j]))
            {
                problems.Add(Empty($"{field}.responsibleUnits[{N(j)}]", "หน่วยงานที่รับผิดชอบ", "The responsible unit"));
            }
            Text(problems, $"{field}.responsibleUnits[{N(j)}]", measure.ResponsibleUnits[j], UserText.NameMax, "หน่วยงานที่รับผิดชอบ", "The responsible unit");
        }
        Timeline(problems, plan, measure.Timeline, $"{field}.timeline");
        Items(problems, measure, field, framework);
        for (var j = 0; j < measure.Themes.Count; j++)
        {
            if (!themes.Contains(measure.Themes[j]))
            {
                problems.Add(BadTheme($"{field}.themes[{N(j)}]", measure.Themes[j], framework));
            }
        }
        if (measure.Themes.Distinct().Count() != measure.Themes.Count)
        {
            problems.Add(new PlanProblem($"{field}.themes", "ระบุประเด็นซ้ำ", "A theme is listed twice."));
        }
        if (measure.Reporting is { } reporting && string.IsNullOrWhiteSpace(reporting.To))
        {
            problems.Add(Empty($"{field}.reporting.to", "ผู้รับรายงานผล", "To whom results are reported"));
        }
    }

    private static void Items(List<PlanProblem> problems, Measure measure, string field, Framework? framework)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < measure.Items.Count; j++)
        {
            var code = measure.Items[j];
            var itemField = $"{field}.items[{N(j)}]";
            if (string.IsNullOrWhiteSpace(code))
            {
                problems.Add(Empty(itemField, "รหัสข้อคำถาม", "The item code"));
                continue;
            }
            if (UserText.Check(code, UserText.ShortMax) is { } bad)
            {
                problems.Add(new PlanProblem(itemField, "รหัสข้อคำถาม" + bad.Th, "The item code " + bad.En));
                continue;
            }
            if (!seen.Add(code))
            {
                problems.Add(new PlanProblem(itemField, $"ข้อ {code} ระบุซ้ำ", $"{code} is listed twice."));
            }
            if (framework is not null && !MeasureCatalogue.IsCodeOf(framework, code))
            {
                problems.Add(new PlanProblem(itemField,
                    $"{code} ไม่ใช่ข้อคำถาม ข้อย่อย หรือข้อ OIT ที่รู้จักของปี {framework.Year}",
                    $"{code} is not a question, sub-item or OIT item known for FY{framework.Year}."));
            }
        }
    }

    private static void Timeline(List<PlanProblem> problems, MeasurePlan plan, Timeline timeline, string field)
    {
        var quarters = timeline.Quarters;
        if (quarters.Any(q => q is < 1 or > 4))
        {
            problems.Add(new PlanProblem($"{field}.quarters", "ไตรมาสต้องเป็น 1 ถึง 4", "Quarters are 1 to 4."));
        }
        else if (quarters.Zip(quarters.Skip(1)).Any(p => p.First >= p.Second))
        {
            problems.Add(new PlanProblem($"{field}.quarters", "ไตรมาสต้องเรียงจากน้อยไปมากและไม่ซ้ำ",
                "Quarters are in ascending order, each once."));
        }
        if (timeline.From is { } from && timeline.To is { } to && from > to)
        {
            problems.Add(new PlanProblem($"{field}.to", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น", "The end date is before the start date."));
        }
        // Measures run in the plan year (seeds 002, 003); allow from the results year's start to a year after the plan year.
        var earliest = plan.ResultsYear.FirstDay;
        var latest = plan.PlanYear.LastDay.AddYears(1);
        foreach (var (date, name) in new[] { (timeline.From, "from"), (timeline.To, "to") })
        {
            if (date is { } d && (d < earliest || d > latest))
            {
                var range = $"{Format(earliest)} – {Format(latest)}";
                problems.Add(new PlanProblem($"{field}.{name}",
                    $"วันที่ {Format(d)} อยู่นอกช่วงที่เหมาะสม ({range})",
                    $"The date {Format(d)} is outside the sensible range ({range})."));
            }
        }
    }

    private static HashSet<int> ThemeNumbers(Framework? framework) =>
        framework is { Themes.Count: > 0 }
            ? framework.Themes.Select(t => t.Number).ToHashSet()
            : Enumerable.Range(ThemeDefinition.First, ThemeDefinition.Last - ThemeDefinition.First + 1).ToHashSet();

    private static PlanProblem BadTheme(string field, int theme, Framework? framework) =>
        framework is { Themes.Count: > 0 }
            ? new PlanProblem(field, $"ประเด็นที่ {N(theme)} ไม่มีในกรอบการประเมินปี {framework.Year}",
                $"Theme {N(theme)} is not a theme of FY{framework.Year}.")
            : new PlanProblem(field, $"ประเด็นที่ {N(theme)} ต้องเป็น 1 ถึง 7", $"Theme {N(theme)} is not 1 to 7.");

    /// <summary>Adds the problem <see cref="UserText.Check"/> finds in a text, named by the field and its label.</summary>
    private static void Text(List<PlanProblem> problems, string field, string? text, int max, string th, string en)
    {
        if (UserText.Check(text, max) is { } bad)
        {
            problems.Add(new PlanProblem(field, $"{th}: {bad.Th}", $"{en} {bad.En}"));
        }
    }

    private static PlanProblem Empty(string field, string th, string en) =>
        new(field, $"{th}ต้องไม่ว่าง", $"{en} is empty.");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
