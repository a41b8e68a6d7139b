using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Admin.Users;

/// <summary>
/// /admin/users: every user (or those whose name holds <c>q</c>) with their rights, and the form that adds one. A new
/// user has no password: the page shows a one-time link for them to set it, to hand over.
/// </summary>
public sealed class IndexModel(OpenItaDb db, UserAccounts accounts, CurrentUser current, TimeProvider clock, ILogger<IndexModel> logger)
    : PeoplePageModel(current)
{
    /// <summary>The most users a page lists; a search narrows the list.</summary>
    public const int PageSize = 500;

    public sealed record Row(string Id, string UserName, string DisplayName, bool IsAdministrator, bool Disabled, IReadOnlyList<(Role Role, string Agency)> Roles);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public bool Administrator { get; set; }

    public List<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public AccountException? Error { get; private set; }

    /// <summary>The user just added and the link that sets their first password (this answer only).</summary>
    public (string Id, string UserName, string Link, DateTimeOffset Expires)? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var user = await accounts.AddAsync(UserName, DisplayName, Administrator);
            var (secret, expires) = await accounts.IssueResetLinkAsync(user, Current.Name ?? "", cancellationToken);
            SecurityLog.PeopleChanged(logger, Current.Id ?? "", user.Id, Administrator ? "added (administrator)" : "added");
            Added = (user.Id, user.UserName!, ResetAddress(secret), expires);
            // The form is empty again for the next user (the posted values would otherwise be shown back).
            ModelState.Clear();
            UserName = DisplayName = null;
            Administrator = false;
        }
        catch (AccountException e)
        {
            Error = e;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var q = Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }
        Total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.UserName).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.IsAdministrator, u.LockoutEnd,
                Roles = u.Memberships.OrderBy(m => m.Agency!.Path).Select(m => new { m.Role, m.Agency!.NameTh }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        Rows = page.Select(u => new Row(u.Id, u.UserName ?? "", u.DisplayName, u.IsAdministrator, u.LockoutEnd > now,
            u.Roles.Select(r => (r.Role, r.NameTh)).ToList())).ToList();
    }
}
