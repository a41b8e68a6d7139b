using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Setup;

/// <summary>
/// First run: while the database has no user at all, anyone who reaches the app makes the first administrator here
/// (or with <c>openita users add --admin</c>). From then on the page does not exist (404).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(OpenItaDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, Lang lang) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Two first administrators made at the same moment by two browsers, on one instance or two: one waits for the
        // other's lock (InstanceLock: the database's, shared by the instances), then finds a user and gets a 404.
        await using (await InstanceLock.AcquireAsync(db, "setup", cancellationToken))
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return NotFound();
            }
            if (string.IsNullOrWhiteSpace(UserName))
            {
                Errors.Add(lang.T("กรอกชื่อผู้ใช้", "Enter a user name."));
            }
            if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
            {
                Errors.Add(lang.T("รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passwords differ."));
            }
            if (Errors.Count == 0)
            {
                var user = new AppUser
                {
                    UserName = UserName!.Trim(),
                    DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? UserName.Trim() : DisplayName.Trim(),
                    IsAdministrator = true,
                };
                var created = await users.CreateAsync(user, Password ?? "");
                if (created.Succeeded)
                {
                    await signIn.SignInAsync(user, isPersistent: false);
                    return LocalRedirect("/");
                }
                Errors.AddRange(created.Errors.Select(e => lang.Of(IdentityMessages.Of(e))));
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
