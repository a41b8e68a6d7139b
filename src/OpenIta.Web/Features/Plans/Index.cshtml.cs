using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Core.Text;
using OpenIta.Data.Plans;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Features.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// An agency's anti-corruption action plan (issue 11, item 4): the tree with its levels, owners, KPIs and budgets, its
/// rounds, and the downloads; for the coordinator the tree is editable (an item's words) and reorderable (up, down), a
/// round is opened here, and a plan file is imported after a preview that writes nothing. Anyone who may read the
/// agency reads it.
/// </summary>
[RequestSizeLimit(ImportLimit + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimit + 64 * 1024, ValueLengthLimit = (int)ImportLimit * 2)]
public sealed class IndexModel(PlanStore store, AgencyLookup lookup, CurrentUser user, Lang lang, TimeProvider clock)
    : PlanPagesModel(lookup, user, lang)
{
    /// <summary>The largest plan file the import reads.</summary>
    public const long ImportLimit = 4L * 1024 * 1024;

    public IReadOnlyList<ActionPlanRow> Plans { get; private set; } = [];
    public ActionPlanRow? Row { get; private set; }
    public ActionPlan? Plan { get; private set; }
    public IReadOnlyList<ProgressRoundRow> Rounds { get; private set; } = [];
    public bool CanManage => Permissions.CanManagePlans(Agency);

    /// <summary>The file read by a preview, when it is valid: what an import would write.</summary>
    public PlanImport? Preview { get; private set; }
    public string? PreviewJson { get; private set; }
    public string? PreviewName { get; private set; }

    /// <summary>The plans an import of <see cref="Preview"/> would replace.</summary>
    public IReadOnlyList<ActionPlanRow> Replaced { get; private set; } = [];

    /// <summary>The item whose edit form is shown again after a refusal, with what was typed.</summary>
    public string? EditNumber { get; private set; }
    public (string Title, string Goal, string Objective, string Owners) EditInput { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? plan, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(plan, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(string slug, int plan, string? number, string? direction, int? version, CancellationToken cancellationToken) =>
        ManageAsync(slug, plan, async () =>
        {
            var moved = PlanTree.Move(Plan!, number ?? "", direction == "up" ? -1 : 1);
            if (moved is null)
            {
                Invalid("number", "ย้ายรายการนี้ไปทางนั้นไม่ได้", "This item cannot move that way.");
                return Page();
            }
            await store.SavePlanAsync(Agency, plan, moved, Actor, Permissions, version, null, cancellationToken);
            return Redirect(PlanPaths.PlanOf(Agency.Slug, plan) + "#item-" + Uri.EscapeDataString(number ?? ""));
        }, cancellationToken);

    public Task<IActionResult> OnPostEditItemAsync(string slug, int plan, string? number, string? title, string? goal, string? objective,
        string? owners, int? version, CancellationToken cancellationToken)
    {
        EditNumber = number;
        EditInput = (title ?? "", goal ?? "", objective ?? "", owners ?? "");
        return ManageAsync(slug, plan, async () =>
        {
            foreach (var (field, value, max, th, en) in new[]
            {
                ("title", title ?? "", UserText.TitleMax, "ชื่อรายการ", "The title"),
                ("goal", goal ?? "", UserText.NarrativeMax, "เป้าหมาย", "The goal"),
                ("objective", objective ?? "", UserText.NarrativeMax, "วัตถุประสงค์", "The objective"),
                ("owners", owners ?? "", UserText.NoteMax, "หน่วยงานผู้รับผิดชอบ", "The owners"),
            })
            {
                if (UserText.Check(value, max) is { } bad)
                {
                    Invalid(field, $"{th}: {bad.Th}", $"{en} {bad.En}");
                    return Page();
                }
            }
            if (string.IsNullOrWhiteSpace(title))
            {
                Invalid("title", "กรุณาระบุชื่อรายการ", "Enter the item's title.");
                return Page();
            }
            var ownerList = (owners ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToList();
            var edited = PlanTree.Replace(Plan!, number ?? "", i => PlanTree.Edited(i, title, goal, objective, ownerList));
            if (edited is null)
            {
                return NotFound();
            }
            await store.SavePlanAsync(Agency, plan, edited, Actor, Permissions, version, null, cancellationToken);
            return Redirect(PlanPaths.PlanOf(Agency.Slug, plan) + "#item-" + Uri.EscapeDataString(number ?? ""));
        }, cancellationToken);
    }

    /// <summary>Publishes the plan as it is now (issue 13): the public address then shows this content.</summary>
    public Task<IActionResult> OnPostPublishAsync(string slug, int plan, int? version, CancellationToken cancellationToken) =>
        ManageAsync(slug, plan, async () =>
        {
            await store.PublishPlanAsync(Agency, plan, Actor, Permissions, version, cancellationToken);
            return Redirect(PlanPaths.PlanOf(Agency.Slug, plan) + "#publishing");
        }, cancellationToken);

    public Task<IActionResult> OnPostOpenRoundAsync(string slug, int plan, int year, string? period, string? due, CancellationToken cancellationToken) =>
        ManageAsync(slug, plan, async () =>
        {
            ReportingPeriod parsed;
            try
            {
                parsed = PlanStore.ParsePeriod(period ?? "");
            }
            catch (FormatException)
            {
                Invalid("period", "รอบรายงานไม่ถูกต้อง", "The round is not one of the choices.");
                return Page();
            }
            DateOnly? dueOn = null;
            if (!string.IsNullOrWhiteSpace(due) && (dueOn = MeasureText.ParseDate(due)) is null)
            {
                Invalid("due", "วันครบกำหนดไม่ถูกต้อง (เช่น 15/4/2568)", "The due date is not a date (e.g. 15/4/2568).");
                return Page();
            }
            var round = await store.OpenRoundAsync(Agency, plan, year, parsed, Actor, Permissions, dueOn, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round.Id));
        }, cancellationToken);

    /// <summary>Reads an uploaded plan file and shows what an import would write; nothing is written.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string slug, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(null, cancellationToken))
        {
            return NotFound();
        }
        if (!CanManage)
        {
            return Forbidden();
        }
        if (file is null || file.Length == 0)
        {
            Invalid("file", "กรุณาเลือกไฟล์แผน (JSON)", "Choose a plan file (JSON).");
            return Page();
        }
        if (file.Length > ImportLimit)
        {
            Invalid("file", "ไฟล์ใหญ่เกิน 4 MB", "The file is over 4 MB.");
            return Page();
        }
        byte[] content;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        PreviewName = Path.GetFileName(file.FileName);
        if (PlanSheet.IsXlsx(content))
        {
            string sheetJson;
            IReadOnlyDictionary<string, int> rows;
            try
            {
                (sheetJson, rows) = PlanSheet.ToJson(content);
            }
            catch (PlanSheetException e)
            {
                Invalid("file", "ไฟล์นี้นำเข้าไม่ได้ ที่" + e.Text(english: false), "This file cannot be imported, at " + e.Text(english: true));
                return Page();
            }
            catch (SheetException e)
            {
                Invalid("file", "ไฟล์นี้นำเข้าไม่ได้: " + e.Error.Thai, "This file cannot be imported: " + e.Error.English);
                return Page();
            }
            await PreviewAsync(sheetJson, cancellationToken, rows);
            return Page();
        }
        string json;
        try
        {
            json = new UTF8Encoding(false, true).GetString(content);
            json = json.Length > 0 && json[0] == '\uFEFF' ? json[1..] : json;
        }
        catch (DecoderFallbackException)
        {
            Invalid("file", "ไฟล์ไม่ใช่ข้อความ UTF-8 (ไฟล์แผนเป็น JSON หรือ XLSX)", "The file is not UTF-8 text (a plan file is JSON or XLSX).");
            return Page();
        }
        await PreviewAsync(json, cancellationToken);
        return Page();
    }

    /// <summary>Imports the previewed file (sent back with the confirmation), all or nothing.</summary>
    public async Task<IActionResult> OnPostImportAsync(string slug, string? json, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(null, cancellationToken))
        {
            return NotFound();
        }
        if (!CanManage)
        {
            return Forbidden();
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            Invalid("json", "ไม่มีไฟล์ที่จะนำเข้า กรุณาเลือกไฟล์และดูตัวอย่างก่อน", "Nothing to import; choose a file and preview it first.");
            return Page();
        }
        return await ActAsync(async () =>
        {
            var row = await store.ImportJsonAsync(Agency, json, Actor, cancellationToken);
            return Redirect(PlanPaths.PlanOf(Agency.Slug, row.Id));
        }, async () =>
        {
            await LoadAsync(null, cancellationToken);
            await PreviewAsync(json, cancellationToken);
        });
    }

    /// <summary>Reads a plan file and keeps it as the preview; <paramref name="rows"/>, for a spreadsheet, names the row a fault
    /// of the plan's rules came from.</summary>
    private async Task PreviewAsync(string json, CancellationToken cancellationToken, IReadOnlyDictionary<string, int>? rows = null)
    {
        var measures = new Dictionary<int, MeasurePlan?>();
        foreach (var year in DeclaredYears(json))
        {
            measures[year] = await store.MeasuresForAsync(Agency.Id, year, cancellationToken);
        }
        try
        {
            var import = PlanJson.Read(json, y => measures.GetValueOrDefault(y.BuddhistEra));
            if (PlanRules.Validate(import, y => measures.GetValueOrDefault(y.BuddhistEra)) is [var first, ..])
            {
                throw new PlanException(first.Path, first.Reason);
            }
            Preview = import;
            PreviewJson = json;
            var (from, to) = (import.Plan.FiscalYears[0].BuddhistEra, import.Plan.FiscalYears[^1].BuddhistEra);
            Replaced = [.. Plans.Where(p => p.FirstYear <= to && p.LastYear >= from)];
        }
        catch (PlanException e)
        {
            if (Error is null && rows is not null)
            {
                var (th, en) = PlanSheet.RowOf(rows, e.Path) is { } at
                    ? ($"แผ่นงาน {PlanSheet.ItemsSheetName} แถว {at.ToString(CultureInfo.InvariantCulture)}", $"sheet {PlanSheet.ItemsSheetName} row {at.ToString(CultureInfo.InvariantCulture)}")
                    : ($"แผ่นงาน {PlanSheet.PlanSheetName}", $"sheet {PlanSheet.PlanSheetName}");
                Invalid("file", $"ไฟล์นี้นำเข้าไม่ได้ ที่{th} ({e.Describe().Thai})", $"This file cannot be imported, at {en} ({e.Describe().English})");
            }
            else if (Error is null)
            {
                // The place in words for the reader; the JSON path stays the machine's (the error's data-field).
                Invalid(e.Path, "ไฟล์นี้นำเข้าไม่ได้ ที่ " + e.Describe().Thai, "This file cannot be imported, at " + e.Describe().English);
            }
        }
    }

    /// <summary>The fiscal years a plan file names (to read the measures its measures reports refer to); none when unreadable.</summary>
    private static IEnumerable<int> DeclaredYears(string json)
    {
        var years = new List<int>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("fiscalYears", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                years.AddRange(list.EnumerateArray().Where(y => y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var n)
                    && n is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe).Select(y => y.GetInt32()).Take(10));
            }
        }
        catch (JsonException)
        {
            // PlanJson.Read says where the file is broken.
        }
        return years.Distinct();
    }

    /// <summary>The coordinator's changes to a plan: 404 without it, 403 for anyone else, then the store's rules.</summary>
    private async Task<IActionResult> ManageAsync(string slug, int plan, Func<Task<IActionResult>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(plan, cancellationToken) || Row?.Id != plan)
        {
            return NotFound();
        }
        if (!CanManage)
        {
            return Forbidden();
        }
        return await ActAsync(change, () => LoadAsync(plan, cancellationToken));
    }

    private async Task<bool> LoadAsync(int? planId, CancellationToken cancellationToken)
    {
        Plans = await store.PlansAsync(Agency.Id, cancellationToken);
        if (planId is { } id)
        {
            Row = Plans.FirstOrDefault(p => p.Id == id);
            if (Row is null)
            {
                return false;
            }
        }
        else
        {
            var today = Reports.Thai.ThaiTime.Today(clock);
            var year = today.Year + 543 + (today.Month >= 10 ? 1 : 0);
            Row = Plans.FirstOrDefault(p => p.Covers(year)) ?? (Plans.Count > 0 ? Plans[0] : null);
        }
        if (Row is not null)
        {
            try
            {
                Plan = Row.Plan();
            }
            catch (PlanException e)
            {
                Error ??= Lang.T("อ่านแผนนี้ไม่ได้: ", "This plan cannot be read: ") + Lang.Of(e.Describe());
            }
            Rounds = await store.RoundsAsync(Row.Id, cancellationToken);
        }
        return true;
    }

    public static string Years(ActionPlanRow row) =>
        row.FirstYear == row.LastYear
            ? row.FirstYear.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{row.FirstYear}–{row.LastYear}");
}
