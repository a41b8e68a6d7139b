using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// Sign-out ends every session of the user, not only this browser's: the user's security stamp changes, and each
/// request checks the cookie's stamp against the database (<see cref="SessionValidation"/>), so a copied cookie stops
/// working at once.
/// </summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            SecurityLog.SignedOut(logger, user.Id);
        }
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
