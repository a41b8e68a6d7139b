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
/// One measure of the newest draft: <c>…/measures/edit/new</c> adds one at the end, <c>…/measures/edit/3</c> edits the
/// third. Title, kind, the items it answers (codes of the year: unknown codes are refused naming the field), themes,
/// steps with their owners (a few empty rows to add more), quarters or a date range, responsible units, monitoring and
/// reporting. No JavaScript.
/// </summary>
public sealed class MeasureEditModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store, CurrentUser user, Lang lang)
    : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;
    public MeasurePlanRevision Revision { get; private set; } = null!;
    public MeasurePlan Plan { get; private set; } = null!;
    public bool Denied { get; private set; }

    /// <summary>The measure's number, or null for a new one.</summary>
    public int? Number { get; private set; }

    public MeasureForm Form { get; private set; } = new();
    public string? Error { get; private set; }
    public List<PlanCheck> Errors { get; } = [];

    public bool HasThemes => Context.Framework is { Themes.Count: > 0 };

    public string? ErrorOf(string field) =>
        Errors.FirstOrDefault(e => e.Field == field) is { } e ? lang.T(e.Th, e.En) : null;

    public async Task<IActionResult> OnGetAsync(string slug, int year, string number, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, number, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Form = MeasureForm.From(Number is { } n ? Plan.Measures[n - 1] : null);
        if (PlanWorkflow.WhyNot(Revision.Status, PlanAction.Edit) is { } why)
        {
            Error = lang.T(why.Th, why.En);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int year, string number, int revision, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, number, cancellationToken) is { } outcome)
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
        var index = Number is { } n ? n - 1 : Plan.Measures.Count;
        var measure = Form.ToMeasure(index + 1, Context.CanonicalCode, HasThemes, Errors);
        if (measure is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var measures = Plan.Measures.ToList();
        if (Number is null)
        {
            measures.Add(measure);
        }
        else
        {
            measures[index] = measure;
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
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            await store.SaveAsync(Revision.Id, changed, PlanContext.Actor(user), cancellationToken: cancellationToken);
        }
        catch (PlanWorkflowException e)
        {
            return Refuse(lang.T(e.Th, e.En));
        }
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"{Context.PagePath}/edit#measures"));
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, string number, CancellationToken cancellationToken)
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
        if (string.Equals(number, "new", StringComparison.Ordinal))
        {
            Number = null;
            return null;
        }
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > Plan.Measures.Count)
        {
            return NotFound();
        }
        Number = n;
        return null;
    }
}
