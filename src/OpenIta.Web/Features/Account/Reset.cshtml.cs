using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// /account/reset/{secret}: the one-time link an administrator issued (<see cref="UserAccounts.IssueResetLinkAsync"/>).
/// Anyone holding a working link sets the password of its user, once; then they sign in. A link that no longer works
/// (used, expired, replaced, its user disabled) is a 404 page saying so.
/// </summary>
public sealed class ResetModel(UserAccounts accounts, ILogger<ResetModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Secret { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Whose password the link sets; null when the link does not work.</summary>
    public string? UserName { get; private set; }

    public AccountException? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        UserName = (await accounts.ResetLinkUserAsync(Secret, cancellationToken))?.UserName;
        if (UserName is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            var user = await accounts.ResetPasswordAsync(Secret, NewPassword, ConfirmPassword, cancellationToken);
            SecurityLog.PasswordReset(logger, user.Id);
            return Redirect("/account/login?reset=1");
        }
        catch (AccountException e)
        {
            Error = e;
            UserName = (await accounts.ResetLinkUserAsync(Secret, cancellationToken))?.UserName;
            Response.StatusCode = UserName is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
