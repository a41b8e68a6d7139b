using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

[EnableRateLimiting("login")]
public sealed class LoginModel(SignInManager<AppUser> signIn, Lang lang, OpenIta.Data.OpenItaDb db) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>True on a new installation: nobody can sign in yet, so the page points to /setup.</summary>
    public bool NoUsers { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        NoUsers = !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, cancellationToken);

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        Error = result.IsLockedOut
            ? lang.T("บัญชีถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง", "The account is locked for a while after too many failed attempts. Try again later.")
            : lang.T("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
