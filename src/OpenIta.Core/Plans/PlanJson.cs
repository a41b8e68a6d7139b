using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Plans;

/// <summary>An action plan with its progress rounds, as one import file holds them.</summary>
/// <param name="Reports">The rounds of the plan's items.</param>
/// <param name="MeasureReports">The rounds of the agency's measures (the measures plan of each fiscal year).</param>
public sealed record PlanImport(ActionPlan Plan, IReadOnlyList<ProgressRound> Reports, IReadOnlyList<ProgressRound> MeasureReports);

/// <summary>An action plan file that cannot be read or is not valid; <see cref="Path"/> is the JSON path of the fault
/// (items[0].items[1].kpis[0].target).</summary>
public sealed class PlanException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;

    public string Reason { get; } = message;
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
            throw new PlanException("$", string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})"));
        }
        using (document)
        {
            var import = ReadRoot(document.RootElement);
            var errors = PlanRules.Validate(import, measures);
            if (errors.Count > 0)
            {
                throw new PlanException(errors[0].Path, errors[0].Message);
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
            throw new PlanException("fiscalYears", "names at least one fiscal year");
        }
        if (years.Distinct().Count() != years.Count)
        {
            throw new PlanException("fiscalYears", "names a year twice");
        }
        var levels = Strings(root, "levels", "levels");
        if (levels.Count == 0)
        {
            throw new PlanException("levels", "names at least one level, such as [\"ยุทธศาสตร์\", \"กลยุทธ์\", \"โครงการ\"]");
        }
        var items = Array(root, "items", "items", required: true).Select((e, i) => Item(e, $"items[{i}]", 0, levels.Count)).ToList();
        var heading = OptionalInt(root, "headingLevels", "headingLevels");
        if (heading is { } h && (h < 0 || h >= levels.Count))
        {
            throw new PlanException("headingLevels", $"is from 0 to {levels.Count - 1}: at least the last level is written as table rows");
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
            throw new PlanException(path, $"is at level {depth + 1} but the plan names {levels} levels");
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
            throw new PlanException($"{path}.target", "a yesno KPI's target is {\"done\": true}");
        }
        if (kind != KpiKind.YesNo && target.Kind == TargetKind.Done)
        {
            throw new PlanException($"{path}.target", $"{{\"done\": true}} is the target of a yesno KPI; a {Name(Kinds, kind)} KPI's is a number such as {{\"atLeast\": 80}}");
        }
        if (kind == KpiKind.Percent && target.Value is < 0 or > 100)
        {
            throw new PlanException($"{path}.target", "a percentage is from 0 to 100");
        }
        var source = Enum(element, "source", $"{path}.source", KpiSources) ?? KpiSource.Reported;
        if (source == KpiSource.ItaTotal && kind != KpiKind.Score)
        {
            throw new PlanException($"{path}.kind", "a KPI read from the ITA total is of kind score");
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
            throw new PlanException(path, "is required: {\"atLeast\": n}, {\"atMost\": n}, {\"equals\": n} or {\"done\": true}");
        }
        Fields(element, path, TargetFields);
        var given = element.EnumerateObject().ToList();
        if (given.Count != 1)
        {
            throw new PlanException(path, "is one of {\"atLeast\": n}, {\"atMost\": n}, {\"equals\": n} or {\"done\": true}");
        }
        var property = given[0];
        if (property.Name == "done")
        {
            return property.Value.ValueKind == JsonValueKind.True
                ? Target.Done
                : throw new PlanException(path, "{\"done\": true} is the only yes/no target");
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
            throw new PlanException($"{path}.planned", "is not negative");
        }
        if (planned is not null && source is BudgetSource.None or BudgetSource.NotAllocated)
        {
            throw new PlanException($"{path}.planned", $"a budget of source {Name(Sources, source)} has no amount");
        }
        if (planned is null && source == BudgetSource.Own)
        {
            throw new PlanException($"{path}.planned", "is required for an own budget (baht)");
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
                : throw new PlanException($"{path}.quarters[{i}]", "is a quarter, 1–4")).ToList();
        if (quarters.Distinct().Count() != quarters.Count)
        {
            throw new PlanException($"{path}.quarters", "names a quarter twice");
        }
        var from = Date(element, "from", $"{path}.from");
        var to = Date(element, "to", $"{path}.to");
        if (from > to)
        {
            throw new PlanException($"{path}.to", "is before from");
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
                throw new PlanException($"{path}.entries[{i}]", $"{entries[i].Subject} is reported twice in this round (also entries[{subjects[entries[i].Subject]}])");
            }
        }
        var corrections = Array(element, "corrections", $"{path}.corrections").Select((c, i) =>
        {
            var at = $"{path}.corrections[{i}]";
            Fields(c, at, CorrectionFields);
            var entry = Entry(Required(c, "entry", $"{at}.entry"), $"{at}.entry", measures);
            return new Correction(entry, Text(c, "reason", $"{at}.reason")!, Text(c, "by", $"{at}.by")!,
                Moment(c, "at", $"{at}.at") ?? throw new PlanException($"{at}.at", "is required (ISO 8601 date and time)"));
        }).ToList();
        if (corrections.Count > 0 && closedAt is null)
        {
            throw new PlanException($"{path}.corrections", "only a closed round (closedAt) has corrections; an open round's entries are edited");
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
                throw new PlanException($"{path}.item", "a measures report names a measure (\"measure\": 1), not an item");
            }
            var number = Required(element, "measure", $"{path}.measure");
            measure = number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var m) && m >= 1
                ? m
                : throw new PlanException($"{path}.measure", $"{number.GetRawText()} is not a measure number (1, 2 …)");
        }
        else
        {
            if (element.TryGetProperty("measure", out _))
            {
                throw new PlanException($"{path}.measure", "a plan report names an item (\"item\": \"1.1\"); measures are reported under measureReports");
            }
            item = element.TryGetProperty("item", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : Text(element, "item", $"{path}.item");
        }
        var status = Enum(element, "status", $"{path}.status", Statuses);
        var reason = Text(element, "reason", $"{path}.reason", required: false);
        if (status == EntryStatus.NotDone && reason is null)
        {
            throw new PlanException($"{path}.reason", "is required when the status is not-done (ไม่ได้รับการจัดสรรงบประมาณ …)");
        }
        var spent = OptionalNumber(element, "spent", $"{path}.spent");
        if (spent is < 0)
        {
            throw new PlanException($"{path}.spent", "is not negative");
        }
        var satisfaction = OptionalNumber(element, "satisfaction", $"{path}.satisfaction");
        if (satisfaction is < 0 or > 100)
        {
            throw new PlanException($"{path}.satisfaction", "is a percentage from 0 to 100");
        }
        var participants = OptionalInt(element, "participants", $"{path}.participants");
        if (participants is < 0)
        {
            throw new PlanException($"{path}.participants", "is not negative");
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
            throw new PlanException(path, "gives one of \"value\": n, \"count\": n with \"of\": m, or \"done\": true|false");
        }
        if (hasValue)
        {
            return Actual.Number(kpi, Number(value, $"{path}.value"));
        }
        if (hasDone)
        {
            return done.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? Actual.YesNo(kpi, done.GetBoolean())
                : throw new PlanException($"{path}.done", $"{done.GetRawText()} is not true or false");
        }
        if (!hasCount || !hasOf)
        {
            throw new PlanException(hasCount ? $"{path}.of" : $"{path}.count", "a count of a total gives both \"count\" and \"of\" (654 of 662)");
        }
        var c = Number(count, $"{path}.count");
        var o = Number(of, $"{path}.of");
        if (o <= 0)
        {
            throw new PlanException($"{path}.of", "a total is more than zero");
        }
        if (c < 0 || c > o)
        {
            throw new PlanException($"{path}.count", "is from zero to the total (of)");
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
        throw new PlanException(path, $"{element.GetRawText()} is not a round: 6, 12, \"q1\"–\"q4\" or \"m1\" (October)–\"m12\" (September)");
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
            throw new PlanException(path, "not valid JSON");
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

    private static T Build<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new PlanException(path, cut > 0 ? message[..cut] : message);
        }
    }

    private static void Fields(JsonElement element, string path, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PlanException(path, "must be a JSON object");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var at = path == "$" ? property.Name : $"{path}.{property.Name}";
                throw new PlanException(at, $"unknown field; known here: {string.Join(", ", known)}");
            }
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? element
            : throw new PlanException(path, "is required");

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name, string path, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new PlanException(path, "is required (an array)") : [];
        }
        return element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().ToList()
            : throw new PlanException(path, "must be an array");
    }

    private static string? Text(JsonElement parent, string name, string path, bool required = true)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new PlanException(path, "is required") : null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new PlanException(path, $"{element.GetRawText()} is not a text");
        }
        var text = element.GetString()!.Trim();
        return text.Length > 0 ? text : required ? throw new PlanException(path, "is empty") : null;
    }

    private static List<string> Strings(JsonElement parent, string name, string path) =>
        [.. Array(parent, name, path).Select((e, i) => e.ValueKind == JsonValueKind.String && e.GetString()!.Trim().Length > 0
            ? e.GetString()!.Trim()
            : throw new PlanException($"{path}[{i}]", $"{e.GetRawText()} is not a text"))];

    private static decimal Number(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value)
            ? value
            : throw new PlanException(path, $"{element.GetRawText()} is not a number");

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
            : throw new PlanException(path, $"{element.GetRawText()} is not a whole number");
    }

    private static FiscalYear Year(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var be) && be is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe
            ? new FiscalYear(be)
            : throw new PlanException(path, $"{element.GetRawText()} is not a Buddhist Era fiscal year such as 2568");

    private static DateOnly? Date(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new PlanException(path, $"{element.GetRawText()} is not a date yyyy-MM-dd (Common Era)");
    }

    private static DateTimeOffset? Moment(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out var moment)
            ? moment
            : throw new PlanException(path, $"{element.GetRawText()} is not an ISO 8601 date and time with its offset");
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
        throw new PlanException(path, $"\"{text}\" is not one of {string.Join(", ", names.Select(n => n.Name))}");
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
