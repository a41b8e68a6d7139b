using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// /account: the signed-in user's own account: their roles, and their password, which they change here (their other
/// sessions end; this browser stays signed in). Only their own: the form names no user.
/// </summary>
public sealed class IndexModel(OpenItaDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, UserAccounts accounts,
    CurrentUser current, ILogger<IndexModel> logger) : SignedInPageModel
{
    public sealed record RoleRow(string AgencySlug, string AgencyName, Role Role);

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public AppUser? Me { get; private set; }

    public List<RoleRow> Roles { get; private set; } = [];

    public AccountException? Error { get; private set; }

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Changed = Request.Query.ContainsKey("changed");
        return await LoadAsync(cancellationToken) ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(current.Id ?? "");
        if (user is null)
        {
            return Challenge();
        }
        try
        {
            await accounts.ChangePasswordAsync(user, CurrentPassword, NewPassword, ConfirmPassword);
        }
        catch (AccountException e)
        {
            Error = e;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
        // The stamp changed: every other session ends; this browser gets a cookie with the new stamp.
        await signIn.RefreshSignInAsync(user);
        SecurityLog.PasswordChanged(logger, user.Id);
        return Redirect("/account?changed=1");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var id = current.Id;
        Me = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        Roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == id)
            .OrderBy(m => m.Agency!.Path).ThenBy(m => m.Role)
            .Select(m => new RoleRow(m.Agency!.Slug, m.Agency.NameTh, m.Role)).ToListAsync(cancellationToken);
        return Me is not null;
    }
}
