using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Data.Workflow;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// An agency's measures answering one results year (issue 4, item 3): the shown revision's measures, its approval,
/// the revisions and the audit trail, and the workflow's actions for the user's role. Users who do not see drafts
/// (oversight, administrators see everything) see only published revisions and the audit trail of published revisions.
/// </summary>
public sealed class IndexModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store, CurrentUser user, Lang lang)
    : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;

    /// <summary>The revision shown: the one asked for, else the newest the user may see; null when there is none.</summary>
    public MeasurePlanRevision? Shown { get; private set; }

    public MeasurePlan? Plan { get; private set; }

    /// <summary>Whether <see cref="Shown"/> is the newest revision (only the newest is acted on).</summary>
    public bool IsLatest { get; private set; }

    /// <summary>The audit trail the user may see, oldest first.</summary>
    public IReadOnlyList<PlanEvent> Events { get; private set; } = [];

    /// <summary>Set when the user may read the agency but not do what was posted: the page answers 403.</summary>
    public bool Denied { get; private set; }

    /// <summary>Why the posted action was refused (a 409), in the page's language.</summary>
    public string? Error { get; private set; }

    /// <summary>What keeps the newest draft from being submitted (shown to those who edit it); empty when nothing does.</summary>
    public List<PlanCheck> Problems { get; } = [];

    /// <summary>Set when a submission was refused for <see cref="Problems"/>.</summary>
    public bool SubmitRefused { get; private set; }

    public ApprovalForm Approval { get; private set; } = new();
    public List<PlanCheck> ApprovalErrors { get; } = [];
    public string ReturnNote { get; private set; } = "";
    public bool ReturnNoteMissing { get; private set; }

    /// <summary>What is wrong with the return note as typed (a control character, too long), when anything.</summary>
    public PlanCheck? ReturnNoteProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, [FromQuery] int? revision, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        if (revision is { } number)
        {
            // A revision the user may not see is answered like one that does not exist.
            Shown = Context.Revisions.FirstOrDefault(r => r.Revision == number);
            if (Shown is null)
            {
                return NotFound();
            }
        }
        await ShowAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(string slug, int year, CancellationToken cancellationToken) =>
        ActAsync(slug, year, null, c => c.CanEdit, async (c, _) =>
        {
            var layout = c.Framework is { Themes.Count: > 0 } ? PlanLayout.ByTheme : PlanLayout.ByItem;
            await store.StartAsync(c.Agency, MeasurePlan.Empty(new FiscalYear(year), layout), PlanContext.Actor(user), "created", cancellationToken: cancellationToken);
            return $"{c.PagePath}/edit";
        }, cancellationToken);

    public Task<IActionResult> OnPostDraftAsync(string slug, int year, CancellationToken cancellationToken) =>
        ActAsync(slug, year, null, c => c.CanEdit, async (c, _) =>
        {
            if (c.Analysis is null || c.Framework is null)
            {
                throw new PlanWorkflowException("ยังไม่มีผลการประเมินของปีนี้ที่วิเคราะห์ได้ จึงร่างมาตรการจากผลไม่ได้ กรุณาบันทึกผลการประเมินก่อน หรือเริ่มมาตรการเปล่า",
                    "There is no result of this year to analyse, so no draft can be made from it; enter the result first or start an empty plan.");
            }
            var draft = PlanDrafting.Draft(c.Analysis, c.Framework);
            await store.StartAsync(c.Agency, draft.Plan, PlanContext.Actor(user), "drafted", PlanDrafting.Note(draft), cancellationToken);
            return $"{c.PagePath}/edit";
        }, cancellationToken);

    /// <summary>Submits the draft once it meets every rule of <see cref="MeasurePlanRules"/>; else 400 with the problems listed.</summary>
    public Task<IActionResult> OnPostSubmitAsync(string slug, int year, int revision, int? version, CancellationToken cancellationToken) =>
        ActAsync(slug, year, revision, c => c.CanEdit, (c, r) =>
        {
            if (r!.Status == PlanStatus.Draft)
            {
                try
                {
                    Problems.AddRange(PlanChecks.Validate(r.Plan(), c.Framework));
                }
                catch (MeasurePlanException e)
                {
                    Problems.Add(new PlanCheck(e.Field, e.Describe().Thai, e.Describe().English));
                }
                if (Problems.Count > 0)
                {
                    SubmitRefused = true;
                    return Task.FromResult<string?>(null);
                }
            }
            return ApplyAsync(c, r, PlanAction.Submit, null, null, version, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(string slug, int year, int revision, int? version, string? note, CancellationToken cancellationToken)
    {
        ReturnNote = note?.Trim() ?? "";
        return ActAsync(slug, year, revision, c => c.CanApprove, (c, r) =>
        {
            if (ReturnNote.Length == 0)
            {
                ReturnNoteMissing = true;
                return Task.FromResult<string?>(null);
            }
            if (UserText.Check(ReturnNote, UserText.NoteMax) is { } bad)
            {
                ReturnNoteProblem = new PlanCheck("note", "เหตุผลที่ส่งกลับ: " + bad.Th, "The note " + bad.En);
                return Task.FromResult<string?>(null);
            }
            return ApplyAsync(c, r, PlanAction.Return, null, ReturnNote, version, cancellationToken);
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(string slug, int year, int revision, int? version, ApprovalForm approval,
        CancellationToken cancellationToken)
    {
        Approval = approval;
        return ActAsync(slug, year, revision, c => c.CanApprove, (c, r) =>
        {
            var parsed = approval.Read(ApprovalErrors);
            return parsed is null ? Task.FromResult<string?>(null) : ApplyAsync(c, r, PlanAction.Approve, parsed, null, version, cancellationToken);
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(string slug, int year, int revision, int? version, CancellationToken cancellationToken) =>
        ActAsync(slug, year, revision, c => c.CanPublish, (c, r) => ApplyAsync(c, r, PlanAction.Publish, null, null, version, cancellationToken), cancellationToken);

    /// <summary>
    /// Replaces the measures of a draft revision (e.g. a new revision of a published plan) with a catalogue draft. A
    /// destructive step, so in two: without <c>confirmed=yes</c> the page asks (what is replaced, what comes instead,
    /// nothing written); confirmed, the content it replaces is kept on the revision and can be restored.
    /// </summary>
    public Task<IActionResult> OnPostRedraftAsync(string slug, int year, int revision, int? version, string? confirmed, CancellationToken cancellationToken) =>
        ActAsync(slug, year, revision, c => c.CanEdit, async (c, r) =>
        {
            if (c.Analysis is null || c.Framework is null)
            {
                throw new PlanWorkflowException("ยังไม่มีผลการประเมินของปีนี้ที่วิเคราะห์ได้ จึงร่างมาตรการจากผลไม่ได้",
                    "There is no result of this year to analyse, so no draft can be made from it.");
            }
            var draft = PlanDrafting.Draft(c.Analysis, c.Framework);
            if (!string.Equals(confirmed, "yes", StringComparison.Ordinal))
            {
                // The question, as the page at the version posted: a stale page is refused like any stale write.
                if (r!.IsStale(version))
                {
                    throw new PlanConflictException(r!);
                }
                if (PlanWorkflow.WhyNot(r!.Status, PlanAction.Edit) is { } why)
                {
                    throw new PlanWorkflowException(why.Th, why.En);
                }
                ConfirmRedraft = draft;
                return ConfirmStep;
            }
            await store.ReplaceAsync(r!.Id, PlanDrafting.KeepIds(draft.Plan, r.Plan()), PlanContext.Actor(user), "redrafted",
                PlanDrafting.Note(draft), version, cancellationToken);
            return $"{c.PagePath}/edit";
        }, cancellationToken);

    /// <summary>Brings back the content the last deletion or redraft replaced (swapping it with the content now); back to the editor when asked from there.</summary>
    public Task<IActionResult> OnPostRestoreAsync(string slug, int year, int revision, int? version, string? back, CancellationToken cancellationToken) =>
        ActAsync(slug, year, revision, c => c.CanEdit, async (c, r) =>
        {
            await store.RestoreAsync(r!.Id, PlanContext.Actor(user), version, cancellationToken);
            return string.Equals(back, "edit", StringComparison.Ordinal) ? $"{c.PagePath}/edit#measures" : c.PagePath;
        }, cancellationToken);

    /// <summary>Set when a redraft was posted without confirmation: the page asks, showing what would replace the plan.</summary>
    public Core.Measures.DraftResult? ConfirmRedraft { get; private set; }

    /// <summary>Whether the agency has an executive to approve its plans (a plan submitted without one waits forever).</summary>
    public bool HasApprover { get; private set; } = true;

    /// <summary>What an action returns to answer 200 with the page (a confirmation step), not a redirect or a 400.</summary>
    private const string ConfirmStep = "#confirm";

    public Task<IActionResult> OnPostReviseAsync(string slug, int year, int revision, int? version, CancellationToken cancellationToken) =>
        ActAsync(slug, year, revision, c => c.CanEdit, async (c, r) =>
        {
            await store.ApplyAsync(r!.Id, PlanAction.Revise, PlanContext.Actor(user), expectedVersion: version, cancellationToken: cancellationToken);
            return $"{c.PagePath}/edit";
        }, cancellationToken);

    private async Task<string?> ApplyAsync(PlanContext c, MeasurePlanRevision? revision, PlanAction action, Core.Measures.Approval? approval,
        string? note, int? version, CancellationToken cancellationToken)
    {
        await store.ApplyAsync(revision!.Id, action, PlanContext.Actor(user), approval, note, version, cancellationToken);
        return c.PagePath;
    }

    /// <summary>
    /// The frame of every action: 404 when the agency cannot be read (or the revision does not exist), 403 when the
    /// user may not do it, 409 with the workflow's reason when the status does not allow it, 400 when the form is
    /// incomplete (the action returns null), else a redirect to where the action leads.
    /// </summary>
    private async Task<IActionResult> ActAsync(string slug, int year, int? revisionNumber, Func<PlanContext, bool> allowed,
        Func<PlanContext, MeasurePlanRevision?, Task<string?>> action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        MeasurePlanRevision? revision = null;
        if (revisionNumber is { } number)
        {
            revision = Context.Revisions.FirstOrDefault(r => r.Revision == number);
            if (revision is null)
            {
                return NotFound();
            }
        }
        if (!allowed(Context))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        try
        {
            var next = await action(Context, revision);
            if (next == ConfirmStep)
            {
                Shown = revision;
                await ShowAsync(cancellationToken);
                return Page();
            }
            if (next is not null)
            {
                return Redirect(next);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PlanConflictException e)
        {
            Error = PlanConflicts.Message(e, lang);
            Response.StatusCode = StatusCodes.Status409Conflict;
            await ReloadAsync(cancellationToken);
        }
        catch (PlanWorkflowException e)
        {
            Error = lang.T(e.Th, e.En);
            Response.StatusCode = StatusCodes.Status409Conflict;
            await ReloadAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two starts or revisions at the same moment: the unique (agency, year, revision) index refuses the second.
            Error = lang.T("มีผู้อื่นเปลี่ยนมาตรการนี้ในเวลาเดียวกัน กรุณาตรวจสอบอีกครั้ง", "Someone changed this plan at the same moment; check it again.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            await ReloadAsync(cancellationToken);
        }
        Shown = revision is null ? null : Context.Revisions.FirstOrDefault(r => r.Revision == revision.Revision);
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await PlanContext.LoadAsync(slug, year, lookup, db, catalog, store, cancellationToken) is not { } context)
        {
            return NotFound();
        }
        Context = context;
        return null;
    }

    /// <summary>After a refused action the revisions are read again: someone else may have moved the plan on.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken) =>
        Context = (await PlanContext.LoadAsync(Context.Agency.Slug, Context.Year, lookup, db, catalog, store, cancellationToken))!;

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Shown ??= Context.Revisions.Count > 0 ? Context.Revisions[0] : null;
        IsLatest = Shown is not null && Shown.Revision == Context.Revisions[0].Revision;
        if (Shown is not null)
        {
            try
            {
                Plan = Shown.Plan();
                if (IsLatest && Shown.Status == PlanStatus.Draft && Context.CanEdit && Problems.Count == 0)
                {
                    Problems.AddRange(PlanChecks.Validate(Plan, Context.Framework));
                }
            }
            catch (MeasurePlanException e)
            {
                Error ??= lang.Of(e.Describe());
            }
        }
        if (Context.CanSeeDrafts && Context.Revisions.Count > 0 && Context.Revisions[0].Status is PlanStatus.Draft or PlanStatus.Submitted)
        {
            HasApprover = await store.HasApproverAsync(Context.Agency.Id, cancellationToken);
        }
        var events = await store.EventsAsync(Context.Agency.Id, Context.Year, cancellationToken);
        // Decision (issue 4): who does not see drafts sees the audit trail of the published revisions only.
        var visible = Context.Revisions.Select(r => r.Revision).ToHashSet();
        Events = events.Where(e => visible.Contains(e.Revision)).ToList();
    }
}

/// <summary>The executive's approval as typed: name, position, date (Buddhist Era d/M/yyyy, or Common Era), memo number.</summary>
public sealed class ApprovalForm
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string Date { get; set; } = "";
    public string MemoNumber { get; set; } = "";

    /// <summary>The approval, or null with every missing or wrong field named in <paramref name="errors"/>.</summary>
    public Core.Measures.Approval? Read(List<PlanCheck> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = Name?.Trim() ?? "";
        var position = Position?.Trim() ?? "";
        var memo = MemoNumber?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("Approval.Name", "กรุณาระบุชื่อผู้อนุมัติ", "Enter the name of the approver."));
        }
        if (position.Length == 0)
        {
            errors.Add(new("Approval.Position", "กรุณาระบุตำแหน่งผู้อนุมัติ", "Enter the approver's position."));
        }
        var date = MeasureText.ParseDate(Date);
        if (date is null)
        {
            errors.Add(new("Approval.Date", string.IsNullOrWhiteSpace(Date)
                    ? "กรุณาระบุวันที่อนุมัติ" : "วันที่อนุมัติไม่ถูกต้อง (เช่น 30/11/2565)",
                string.IsNullOrWhiteSpace(Date) ? "Enter the date of approval." : "The date of approval is not a date (e.g. 30/11/2565)."));
        }
        if (memo.Length == 0)
        {
            errors.Add(new("Approval.MemoNumber", "กรุณาระบุเลขที่บันทึกข้อความ", "Enter the memo number."));
        }
        foreach (var (field, value, max, th, en) in new[]
        {
            ("Approval.Name", name, UserText.PersonMax, "ชื่อผู้อนุมัติ", "The approver's name"),
            ("Approval.Position", position, UserText.PersonMax, "ตำแหน่งผู้อนุมัติ", "The approver's position"),
            ("Approval.Date", Date ?? "", UserText.ShortMax, "วันที่อนุมัติ", "The date of approval"),
            ("Approval.MemoNumber", memo, UserText.ShortMax, "เลขที่บันทึกข้อความ", "The memo number"),
        })
        {
            if (UserText.Check(value, max) is { } bad)
            {
                errors.RemoveAll(e => e.Field == field);
                errors.Add(new(field, $"{th}: {bad.Th}", $"{en} {bad.En}"));
            }
        }
        return errors.Count > 0 ? null : new Core.Measures.Approval(name, position, date!.Value, memo);
    }
}
