using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// One measure of the newest draft, addressed by its stable id: <c>…/measures/edit/new</c> adds one at the end,
/// <c>…/measures/edit/a1b2c3d4e5f6</c> edits that measure wherever it stands in the list (<c>…/edit/3</c>, a number,
/// only redirects to the id of the measure numbered 3 now). Title, kind, the items it answers (codes of the year: unknown
/// codes are refused naming the field), themes, steps with their owners (a few empty rows to add more), quarters or a
/// date range, responsible units, monitoring and reporting. No JavaScript.
/// <para>
/// Concurrency (issue 8, M3): the form carries the plan's version and the fingerprint of the measure as shown. The edit
/// lands on the plan as it is now when this measure is unchanged (others may have edited, moved or deleted other
/// measures); a measure changed or deleted meanwhile is a 409 naming who and when, the typed form shown again.
/// </para>
/// </summary>
public sealed class MeasureEditModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store, CurrentUser user, Lang lang)
    : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;
    public MeasurePlanRevision Revision { get; private set; } = null!;
    public MeasurePlan Plan { get; private set; } = null!;
    public bool Denied { get; private set; }

    /// <summary>The measure's id, or null for a new one.</summary>
    public string? MeasureId { get; private set; }

    /// <summary>The measure's number in the plan now, or null for a new one.</summary>
    public int? Number { get; private set; }

    /// <summary>The fingerprint of the measure as the form shows it (<see cref="MeasurePlanJson.Fingerprint"/>).</summary>
    public string? Original { get; private set; }

    /// <summary>Set when the measure was deleted while it was edited: saving the form adds it as a new measure.</summary>
    public bool Deleted { get; private set; }

    public MeasureForm Form { get; private set; } = new();

    /// <summary>The agency's units (/agencies/{slug}/units), offered as the responsible units to tick.</summary>
    public IReadOnlyList<string> AgencyUnits { get; private set; } = [];
    public string? Error { get; private set; }
    public List<PlanCheck> Errors { get; } = [];

    public bool HasThemes => Context.Framework is { Themes.Count: > 0 };

    public string? ErrorOf(string field) =>
        Errors.FirstOrDefault(e => e.Field == field) is { } e ? lang.T(e.Th, e.En) : null;

    public async Task<IActionResult> OnGetAsync(string slug, int year, string measure, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, measure, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Form = MeasureForm.From(Current());
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            Error = lang.T(why.Th, why.En);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int year, string measure, int revision, int? version, string? original,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, measure, cancellationToken, post: true) is { } outcome)
        {
            return outcome;
        }
        Form = MeasureForm.From(Request.Form);
        if (Revision.Revision != revision)
        {
            return Refuse(lang.T($"มาตรการเปลี่ยนเป็นฉบับที่ {Revision.Revision} แล้ว กรุณาตรวจสอบแล้วแก้ไขอีกครั้ง",
                $"The plan has moved on to revision {Revision.Revision}; check it and edit again."));
        }
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            return Refuse(lang.T(why.Th, why.En));
        }
        if (MeasureId is not null && Current() is not { } current)
        {
            Deleted = true;
            return Refuse(PlanConflicts.Deleted(Revision, lang));
        }
        if (MeasureId is not null && Revision.Version != version && version is not null
            && (original is null || original != MeasurePlanJson.Fingerprint(Current()!)))
        {
            return Refuse(PlanConflicts.Changed(Revision, lang));
        }
        // What the form saw: the measure as it was when shown. Another edit of other measures may land between this read
        // and the save; then the plan is read again and the edit applied again while this measure is still as shown.
        var shown = MeasureId is null ? null : original ?? MeasurePlanJson.Fingerprint(Current()!);
        for (var attempt = 1; ; attempt++)
        {
            var index = MeasureId is null ? Plan.Measures.Count : Plan.Measures.ToList().FindIndex(m => m.Id == MeasureId);
            var edited = Form.ToMeasure(index + 1, Context.CanonicalCode, HasThemes, Errors);
            if (edited is null)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            edited = edited with { Id = MeasureId };
            var measures = Plan.Measures.ToList();
            if (MeasureId is null)
            {
                measures.Add(edited);
            }
            else
            {
                measures[index] = edited;
            }
            var changed = Plan with { Measures = EditModel.Renumber(measures) };
            // A draft may be incomplete elsewhere: only the problems of this measure refuse the save, shown at its fields.
            var prefix = string.Create(CultureInfo.InvariantCulture, $"measures[{index}].");
            foreach (var problem in PlanChecks.Validate(changed, Context.Framework))
            {
                if (problem.Field.StartsWith(prefix, StringComparison.Ordinal) && !problem.Field.EndsWith(".number", StringComparison.Ordinal))
                {
                    Errors.Add(problem with { Field = PlanChecks.FormField(problem.Field[prefix.Length..]) });
                }
                else if (MeasureId is null && problem.Field == "measures" && Plan.Measures.Count >= MeasurePlanRules.MaxMeasures)
                {
                    Errors.Add(problem with { Field = "Title" });
                }
            }
            if (Errors.Count > 0)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            try
            {
                // The version read just now: an edit that lands between this read and the save is caught by the store.
                await store.SaveAsync(Revision.Id, changed, PlanContext.Actor(user), expectedVersion: Revision.Version, cancellationToken: cancellationToken);
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"{Context.PagePath}/edit#measures"));
            }
            catch (PlanConflictException) when (attempt < 5)
            {
                // Read the plan again: land on it if this measure is still as shown (others edited other measures).
                if (await LoadAsync(slug, year, measure, cancellationToken, post: true) is { } reloaded)
                {
                    return reloaded;
                }
                if (Revision.Status != PlanStatus.Draft || Revision.Revision != revision
                    || (MeasureId is not null && (Current() is not { } now || MeasurePlanJson.Fingerprint(now) != shown)))
                {
                    Original = null;
                    return Refuse(PlanConflicts.Message(new PlanConflictException(Revision), lang));
                }
            }
            catch (PlanConflictException e)
            {
                Revision = e.Current;
                return Refuse(PlanConflicts.Message(e, lang));
            }
            catch (PlanWorkflowException e)
            {
                return Refuse(lang.T(e.Th, e.En));
            }
        }
    }

    /// <summary>The measure edited as it is in the plan now; null for a new one or one deleted meanwhile.</summary>
    private Measure? Current() => MeasureId is null ? null : Plan.Find(MeasureId);

    /// <summary>409 with the form as typed; its hidden version and fingerprint are now the current ones, so saving again replaces.</summary>
    private PageResult Refuse(string message)
    {
        Error = message;
        if (Current() is { } current)
        {
            Original = MeasurePlanJson.Fingerprint(current);
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, string measure, CancellationToken cancellationToken, bool post = false)
    {
        var loaded = await EditModel.LoadEditableAsync(slug, year, lookup, db, catalog, store, cancellationToken);
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
        var agencyId = Context.Agency.Id;
        AgencyUnits = await db.AgencyUnits.AsNoTracking().Where(u => u.AgencyId == agencyId)
            .OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(cancellationToken);
        if (string.Equals(measure, "new", StringComparison.Ordinal))
        {
            MeasureId = null;
            return null;
        }
        if (Plan.Find(measure) is { } found)
        {
            MeasureId = found.Id;
            Number = found.Number;
            Original = MeasurePlanJson.Fingerprint(found);
            return null;
        }
        // A number is where a measure stands now, not which measure it is: a link by number is sent to the id, never saved to.
        if (!post && int.TryParse(measure, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= Plan.Measures.Count)
        {
            return Redirect($"{Context.PagePath}/edit/{Plan.Measures[n - 1].Id}");
        }
        if (post && MeasureText.IsMeasureId(measure))
        {
            // Deleted since the form was shown: answered in OnPostAsync with the typed form.
            MeasureId = measure;
            return null;
        }
        return NotFound();
    }
}
