using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Oit;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Oit;

/// <summary>
/// /agencies/{slug}/oit/{year}/items/{code}: one OIT item and the forms of whoever works on it: the coordinator assigns
/// the owner unit and due date; the owner (or the coordinator) enters the links, one a line, and a note; an assessor of
/// the year scores it 100 or 0, ticking the criteria not met, with a reason and a suggestion (and confirms or changes it
/// after a clarification); the agency files a clarification in the window. Every refusal is <see cref="OitStore"/>'s,
/// shown in Thai with its status (400, 403, 409); the form keeps what was typed.
/// </summary>
public sealed class ItemModel(OpenItaDb db, AgencyLookup lookup, OitStore store, CurrentUser user, TimeProvider clock) : OitPageModel(lookup, store)
{
    public OitItemView Item { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public bool CanEnterLinks { get; private set; }
    public OitException? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    /// <summary>The links as typed: one a line; "URL | reason" for a link off the agency's website domain.</summary>
    [BindProperty]
    public string? Links { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    public bool CanManage => Permissions.CanManageOit(View.Agency);

    public bool WindowOpen => View.Window?.IsOpenOn(ThaiTime.Today(clock)) == true;

    public async Task<IActionResult> OnGetAsync(string slug, int year, string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, code, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Links = string.Join("\n", Item.Urls.Select(u => u.Row.Exception is null ? u.Row.Url : $"{u.Row.Url} | {u.Row.Exception}"));
        Note = Item.Row.Note;
        return Page();
    }

    public Task<IActionResult> OnPostLinksAsync(string slug, int year, string code, CancellationToken cancellationToken) =>
        ActAsync(slug, year, code, "links", () => Store.SaveLinksAsync(View.Agency, year, code, ParseLinks(Links), Note, Version,
            Permissions, OitApi.Actor(user), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(string slug, int year, string code, int? unit, DateOnly? dueOn, CancellationToken cancellationToken) =>
        ActAsync(slug, year, code, "assigned", () => Store.AssignAsync(View.Agency, year, code, unit, dueOn, Version,
            Permissions, OitApi.Actor(user), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostScoreAsync(string slug, int year, string code, int? score, int[]? criteria, string? reason, string? suggestion,
        CancellationToken cancellationToken) =>
        ActAsync(slug, year, code, "scored", () => Store.ScoreAsync(View.Agency, year, code, score, criteria, reason, suggestion, Version,
            Permissions, OitApi.Actor(user), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostClarifyAsync(string slug, int year, string code, string? url, string? explanation, CancellationToken cancellationToken) =>
        ActAsync(slug, year, code, "clarified", () => Store.ClarifyAsync(View.Agency, year, code, new OitLinkInput(url), explanation, Version,
            Permissions, OitApi.Actor(user), cancellationToken), cancellationToken);

    /// <summary>The textarea's lines as links: "URL" or "URL | why it is off the website domain".</summary>
    public static IReadOnlyList<OitLinkInput> ParseLinks(string? text) => (text ?? "")
        .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries) is [var url, var why] ? new OitLinkInput(url, why) : new OitLinkInput(line))
        .ToList();

    private async Task<IActionResult> ActAsync(string slug, int year, string code, string done, Func<Task> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, code, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        try
        {
            await change();
            return Redirect($"/agencies/{Uri.EscapeDataString(slug)}/oit/{year}/items/{Uri.EscapeDataString(Item.Row.Code)}?done={done}");
        }
        catch (OitException e)
        {
            db.ChangeTracker.Clear();
            Error = e;
            Response.StatusCode = OitText.Status(e);
            await LoadAsync(slug, year, code, cancellationToken);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, string code, CancellationToken cancellationToken)
    {
        if (await LoadYearAsync(slug, year, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (View.Item(code) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        CanEnterLinks = await Store.CanEnterLinksAsync(View.Agency, year, item.Row.Code, Permissions, cancellationToken);
        var agencyId = View.Agency.Id;
        Units = (await db.AgencyUnits.AsNoTracking().Where(u => u.AgencyId == agencyId).OrderBy(u => u.Name)
            .Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.Name)).ToList();
        return null;
    }

    public static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
