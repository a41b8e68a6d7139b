using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// Adds one template of the measures catalogue to the newest draft (issue 10: not only "replace the whole plan"):
/// the templates that could answer each weak item of the analysis, and every template by theme (by indicator in years
/// without themes). Adding appends a measure linked to the item it was picked for and to the other weak items the
/// template names; the coordinator then edits it. The coordinator and administrators only (403 for other readers); a
/// revision that is not a draft says why and offers nothing (a post is a 409).
/// </summary>
public sealed class CatalogueModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store, CurrentUser user, Lang lang)
    : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;
    public MeasurePlanRevision Revision { get; private set; } = null!;
    public MeasurePlan Plan { get; private set; } = null!;
    public bool Denied { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The templates for each weak item of the analysis (empty without an analysis or a framework).</summary>
    public IReadOnlyList<(WeakItem Item, IReadOnlyList<MeasureTemplate> Templates)> Suggestions { get; private set; } = [];

    public static MeasureCatalogue Templates => MeasureCatalogue.BuiltIn;

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

    public async Task<IActionResult> OnPostAddAsync(string slug, int year, int revision, string? template, string? item, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        if (Revision.Revision != revision)
        {
            return Refuse(StatusCodes.Status409Conflict, lang.T($"มาตรการเปลี่ยนเป็นฉบับที่ {Revision.Revision} แล้ว กรุณาตรวจสอบแล้วเพิ่มอีกครั้ง",
                $"The plan has moved on to revision {Revision.Revision}; check it and add again."));
        }
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            return Refuse(StatusCodes.Status409Conflict, lang.T(why.Th, why.En));
        }
        if (template is null || Templates.Find(template) is not { } chosen)
        {
            return Refuse(StatusCodes.Status400BadRequest, lang.T("ไม่พบมาตรการที่เลือกในคลังมาตรการ", "The catalogue has no such template (template)."));
        }
        string? code = null;
        if (!string.IsNullOrWhiteSpace(item) && (code = Context.CanonicalCode(item.Trim())) is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, lang.T($"ไม่พบข้อ {item.Trim()} ในเกณฑ์การประเมิน{lang.FiscalYear(Context.Year)}",
                $"{item.Trim()} is not an item of {lang.FiscalYear(Context.Year)} (item)."));
        }
        if (Plan.Measures.Count >= MeasurePlanRules.MaxMeasures)
        {
            return Refuse(StatusCodes.Status400BadRequest, lang.T($"มีมาตรการได้ไม่เกิน {MeasurePlanRules.MaxMeasures} มาตรการ",
                $"A plan has at most {MeasurePlanRules.MaxMeasures} measures."));
        }
        var measure = MeasureDrafter.Single(chosen, Context.Framework!, Context.Analysis, code, DraftOptions.Default);
        try
        {
            await store.AppendAsync(Revision.Id, measure, PlanContext.Actor(user), chosen.TitleTh, cancellationToken);
        }
        catch (PlanConflictException e)
        {
            return Refuse(StatusCodes.Status409Conflict, PlanConflicts.Message(e, lang));
        }
        catch (PlanWorkflowException e)
        {
            return Refuse(StatusCodes.Status409Conflict, lang.T(e.Th, e.En));
        }
        return Redirect($"{Context.PagePath}/edit#measures");
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
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
        if (Context.Framework is null)
        {
            // A year OpenITA has no methodology for: no codes to link, nothing to suggest.
            return NotFound();
        }
        if (Context.Analysis is not null)
        {
            Suggestions = MeasureDrafter.Suggest(Context.Analysis, Context.Framework, Templates, DraftOptions.Default);
        }
        return null;
    }
}
