using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// The editor of the newest revision while it is a draft: the plan's layout, introduction and findings per theme, and
/// the list of measures (add, edit, delete, move up or down; numbered 1 … n again on every save). The coordinator of
/// the agency and administrators only (403 for other readers). A revision that is not a draft is shown with the reason
/// it cannot be edited, and a post to it is refused with 409, its content unchanged. Every form carries the version it
/// was shown at: a post from an older version is a 409 saying who changed the plan and when (issue 8), and moves and
/// deletions name the measure by its id, never its position.
/// </summary>
public sealed class EditModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store, CurrentUser user, Lang lang)
    : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;
    public MeasurePlanRevision Revision { get; private set; } = null!;
    public MeasurePlan Plan { get; private set; } = null!;
    public bool Denied { get; private set; }

    /// <summary>Why the revision cannot be edited (it is not a draft), or why a post was refused.</summary>
    public string? Error { get; private set; }

    public List<PlanCheck> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            Error = lang.T(why.Th, why.En);
        }
        return Page();
    }

    /// <summary>The opening as typed, shown again when the save is refused.</summary>
    public MeasurePlan? Typed { get; private set; }

    public Task<IActionResult> OnPostPlanAsync(string slug, int year, int revision, int? version, string? layout, string? introduction,
        CancellationToken cancellationToken) =>
        SaveAsync(slug, year, revision, version, plan =>
        {
            var findings = new List<ThemeFinding>();
            foreach (var theme in Context.Framework?.Themes ?? [])
            {
                var text = Request.Form[string.Create(CultureInfo.InvariantCulture, $"Finding{theme.Number}")].ToString().Trim();
                if (text.Length > 0)
                {
                    findings.Add(new ThemeFinding(theme.Number, text));
                }
            }
            // Findings of themes the year does not have (none when written here) are kept as they are.
            findings.AddRange(plan.Findings.Where(f => Context.Framework?.Themes.Any(t => t.Number == f.Theme) != true));
            var parsedLayout = Enum.TryParse<PlanLayout>(layout, ignoreCase: false, out var l) && Enum.IsDefined(l) ? l : plan.Layout;
            return plan with
            {
                Layout = parsedLayout,
                Introduction = string.IsNullOrWhiteSpace(introduction) ? null : introduction.Trim(),
                Findings = findings.OrderBy(f => f.Theme).ToList(),
            };
        }, "#plan", p => p.Field.StartsWith("findings", StringComparison.Ordinal) || p.Field == "introduction", cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(string slug, int year, int revision, int? version, string? measure, string? direction,
        CancellationToken cancellationToken) =>
        SaveAsync(slug, year, revision, version, plan =>
        {
            var measures = plan.Measures.ToList();
            var index = measures.FindIndex(m => m.Id == measure);
            var other = string.Equals(direction, "up", StringComparison.Ordinal) ? index - 1 : index + 1;
            if (index < 0 || index >= measures.Count || other < 0 || other >= measures.Count)
            {
                return null;
            }
            (measures[index], measures[other]) = (measures[other], measures[index]);
            return plan with { Measures = Renumber(measures) };
        }, "#measures", _ => false, cancellationToken);

    /// <summary>
    /// Deletes a measure, in two steps (issue 10): without <c>confirmed=yes</c> the page asks, naming the measure, and
    /// nothing is written; confirmed, the measure is deleted and the content before it kept, so that it can be restored.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(string slug, int year, int revision, int? version, string? measure, string? confirmed,
        CancellationToken cancellationToken)
    {
        var note = "";
        var result = await SaveAsync(slug, year, revision, version, plan =>
        {
            var measures = plan.Measures.ToList();
            if (measures.Find(m => m.Id == measure) is not { } deleted)
            {
                return null;
            }
            note = string.Create(CultureInfo.InvariantCulture, $"มาตรการที่ {deleted.Number}: {deleted.Title}");
            measures.Remove(deleted);
            return plan with { Measures = Renumber(measures) };
        }, "#measures", _ => false, cancellationToken, keepAs: "deleted", note: () => note,
            confirm: string.Equals(confirmed, "yes", StringComparison.Ordinal) ? null : measure);
        return result;
    }

    /// <summary>Set when a deletion was posted without confirmation: the measure the page asks about.</summary>
    public Measure? ConfirmDelete { get; private set; }

    /// <summary>Measures numbered 1 … n in their order.</summary>
    public static List<Measure> Renumber(IEnumerable<Measure> measures) =>
        measures.Select((m, i) => m with { Number = i + 1 }).ToList();

    /// <summary>
    /// Loads, checks the revision posted is still the newest (409 when someone moved the plan on), applies the change
    /// (null: the measure asked for does not exist, 404), checks what it changed and saves it through the store, which refuses
    /// a revision that is not a draft (409).
    /// </summary>
    private async Task<IActionResult> SaveAsync(string slug, int year, int revision, int? version, Func<MeasurePlan, MeasurePlan?> change,
        string anchor, Func<PlanCheck, bool> refuses, CancellationToken cancellationToken, string? keepAs = null, Func<string>? note = null,
        string? confirm = null)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        if (Revision.Revision != revision)
        {
            Error = lang.T($"มาตรการเปลี่ยนเป็นฉบับที่ {Revision.Revision} แล้ว กรุณาตรวจสอบแล้วแก้ไขอีกครั้ง",
                $"The plan has moved on to revision {Revision.Revision}; check it and edit again.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            Error = lang.T(why.Th, why.En);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (Revision.Version != version && version is not null)
        {
            // A stale form: nothing is applied; the opening's text as typed is shown again.
            Typed = anchor == "#plan" ? change(Plan) : null;
            Error = PlanConflicts.Message(new PlanConflictException(Revision), lang);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (change(Plan) is not { } changed)
        {
            return NotFound();
        }
        if (confirm is not null)
        {
            // The confirmation step: the question on the page, nothing written.
            ConfirmDelete = Plan.Find(confirm);
            return Page();
        }
        // A draft may be incomplete while it is written: only problems of what this form changes refuse the save.
        Problems.AddRange(PlanChecks.Validate(changed, Context.Framework).Where(refuses));
        if (Problems.Count > 0)
        {
            Plan = changed;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            if (keepAs is null)
            {
                await store.SaveAsync(Revision.Id, changed, PlanContext.Actor(user), note?.Invoke(), Revision.Version, cancellationToken);
            }
            else
            {
                await store.ReplaceAsync(Revision.Id, changed, PlanContext.Actor(user), keepAs, note?.Invoke(), Revision.Version, cancellationToken);
            }
        }
        catch (PlanConflictException e)
        {
            Typed = anchor == "#plan" ? changed : null;
            Revision = e.Current;
            Error = PlanConflicts.Message(e, lang);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (PlanWorkflowException e)
        {
            Error = lang.T(e.Th, e.En);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"{Context.PagePath}/edit{anchor}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
    {
        var loaded = await LoadEditableAsync(slug, year, lookup, db, catalog, store, cancellationToken);
        if (loaded.Outcome is not null)
        {
            return loaded.Outcome;
        }
        if (loaded.Denied)
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Context = loaded.Context!;
        Revision = loaded.Revision!;
        Plan = loaded.Plan!;
        return null;
    }

    /// <summary>
    /// What both editors load: 404 when the agency cannot be read; denied when the user may not edit measures; a
    /// redirect to the plan page when there is no revision yet (or its content cannot be read); else the newest revision.
    /// </summary>
    internal static async Task<(IActionResult? Outcome, bool Denied, PlanContext? Context, MeasurePlanRevision? Revision, MeasurePlan? Plan)>
        LoadEditableAsync(string slug, int year, AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, MeasurePlanStore store,
            CancellationToken cancellationToken)
    {
        if (await PlanContext.LoadAsync(slug, year, lookup, db, catalog, store, cancellationToken) is not { } context)
        {
            return (new NotFoundResult(), false, null, null, null);
        }
        if (!context.CanEdit)
        {
            return (null, true, context, null, null);
        }
        if (context.Latest is not { } latest)
        {
            return (new RedirectResult(context.PagePath), false, context, null, null);
        }
        try
        {
            return (null, false, context, latest, latest.Plan());
        }
        catch (MeasurePlanException)
        {
            return (new RedirectResult(context.PagePath), false, context, null, null);
        }
    }
}
