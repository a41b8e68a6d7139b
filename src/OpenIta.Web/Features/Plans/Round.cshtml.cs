using Microsoft.AspNetCore.Mvc;
using OpenIta.Data;
using OpenIta.Data.Plans;
using OpenIta.Web.Features.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// A progress round (issue 11, item 4): what each unit still owes, what is overdue and at risk, every item and measure
/// with its report's review and its KPIs' achievement, the budget planned and spent per level; for the coordinator the
/// review (return with a note, accept), the due date, and closing the round. Anyone who may read the agency reads it.
/// </summary>
public sealed class RoundModel(OpenItaDb db, PlanStore store, AgencyLookup lookup, CurrentUser user, Lang lang, TimeProvider clock)
    : PlanPagesModel(lookup, user, lang)
{
    public RoundView View { get; private set; } = null!;

    public bool CanManage => Permissions.CanManagePlans(Agency);

    /// <summary>The entry a return was refused for, and the note as typed.</summary>
    public int? ReturnEntry { get; private set; }
    public string ReturnNote { get; private set; } = "";
    public string DueInput { get; private set; } = "";
    public string NotesInput { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, int round, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostReturnAsync(string slug, int round, int entry, int? version, string? note, CancellationToken cancellationToken)
    {
        ReturnEntry = entry;
        ReturnNote = note ?? "";
        return ManageAsync(slug, round, async () =>
        {
            await store.ReturnEntryAsync(Agency, entry, note ?? "", Actor, Permissions, version, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round) + "#review");
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostAcceptAsync(string slug, int round, int entry, int? version, CancellationToken cancellationToken) =>
        ManageAsync(slug, round, async () =>
        {
            await store.AcceptEntryAsync(Agency, entry, Actor, Permissions, null, version, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round) + "#review");
        }, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string slug, int round, int? version, CancellationToken cancellationToken) =>
        ManageAsync(slug, round, async () =>
        {
            await store.CloseRoundAsync(Agency, round, Actor, Permissions, version, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round));
        }, cancellationToken);

    /// <summary>Publishes the closed round's reports (issue 13): they then have a public address.</summary>
    public Task<IActionResult> OnPostPublishAsync(string slug, int round, int? version, CancellationToken cancellationToken) =>
        ManageAsync(slug, round, async () =>
        {
            await store.PublishRoundAsync(Agency, round, Actor, Permissions, version, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round) + "#round-status");
        }, cancellationToken);

    public Task<IActionResult> OnPostDueAsync(string slug, int round, int? version, string? due, string? notes, CancellationToken cancellationToken)
    {
        DueInput = due ?? "";
        NotesInput = notes ?? "";
        return ManageAsync(slug, round, async () =>
        {
            DateOnly? dueOn = null;
            if (!string.IsNullOrWhiteSpace(due))
            {
                dueOn = MeasureText.ParseDate(due);
                if (dueOn is null)
                {
                    Invalid("due", "วันครบกำหนดไม่ถูกต้อง (เช่น 15/4/2568)", "The due date is not a date (e.g. 15/4/2568).");
                    await LoadAsync(round, cancellationToken);
                    return Page();
                }
            }
            var lines = (notes ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            await store.UpdateRoundAsync(Agency, round, dueOn, lines, Actor, Permissions, version, cancellationToken);
            return Redirect(PlanPaths.Round(Agency.Slug, round));
        }, cancellationToken);
    }

    /// <summary>The coordinator's actions: 404 without the agency or round, 403 for anyone else, then the store's rules.</summary>
    private async Task<IActionResult> ManageAsync(string slug, int round, Func<Task<IActionResult>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || !await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }
        if (!CanManage)
        {
            return Forbidden();
        }
        return await ActAsync(change, () => LoadAsync(round, cancellationToken));
    }

    private async Task<bool> LoadAsync(int round, CancellationToken cancellationToken)
    {
        var view = await RoundView.LoadAsync(db, store, Agency, Permissions, round, clock, cancellationToken);
        if (view is null)
        {
            return false;
        }
        View = view;
        if (DueInput.Length == 0 && view.Round.DueOn is { } dueOn)
        {
            DueInput = MeasureText.DateInput(dueOn);
        }
        if (NotesInput.Length == 0)
        {
            NotesInput = view.Round.Notes ?? "";
        }
        return true;
    }
}
