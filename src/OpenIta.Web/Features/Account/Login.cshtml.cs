using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// Sign-in. Every attempt counts against the client's address, and wrong passwords against the user name
/// (<see cref="SignInLimits"/>, shared by all instances); the account itself is never locked by failures, so nobody can
/// switch off someone else's account or tokens. An unknown user name costs the same password hashing as a known one
/// and gets the same answer, so neither the time nor the message tells whether a user exists.
/// </summary>
public sealed class LoginModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInLimits limits, Lang lang, OpenItaDb db,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>True on a new installation: nobody can sign in yet, so the page points to /setup.</summary>
    public bool NoUsers { get; private set; }

    /// <summary>Arrived from a reset link (/account/reset): the password is set.</summary>
    public bool PasswordSet { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NoUsers = !await db.Users.AnyAsync(cancellationToken);
        PasswordSet = Request.Query.ContainsKey("reset");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var client = HttpContext.Connection.RemoteIpAddress;
        var userName = UserName?.Trim() ?? "";
        var verdict = await limits.CheckAsync(client, userName, cancellationToken);
        if (!verdict.Allowed)
        {
            SecurityLog.SignInThrottled(logger, verdict.Limit, limits.AccountPseudonym(userName), limits.ClientPseudonym(client), verdict.RetryAfterSeconds);
            Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            Error = lang.T(
                $"พยายามเข้าสู่ระบบหลายครั้งเกินไป กรุณารอ {verdict.RetryAfterSeconds} วินาทีแล้วลองใหม่",
                $"Too many sign-in attempts. Wait {verdict.RetryAfterSeconds} seconds and try again.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (userName.Length == 0 || string.IsNullOrEmpty(Password))
        {
            Error = userName.Length == 0
                ? lang.T("กรอกชื่อผู้ใช้", "Enter your user name.")
                : lang.T("กรอกรหัสผ่าน", "Enter your password.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.FindByNameAsync(userName);
        SignInResult result;
        if (user is null)
        {
            // The same PBKDF2 work as a real check, so that the answer's time does not tell the name is unknown.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash(users.PasswordHasher), Password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        }
        if (result.Succeeded)
        {
            await limits.SucceededAsync(userName, cancellationToken);
            SecurityLog.SignInSucceeded(logger, user!.Id, limits.ClientPseudonym(client));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        await limits.FailedAsync(userName, cancellationToken);
        SecurityLog.SignInFailed(logger, limits.AccountPseudonym(userName), limits.ClientPseudonym(client),
            result.IsLockedOut ? "disabled" : "wrong name or password");
        // One message whatever went wrong (unknown name, wrong password, an account an administrator disabled).
        Error = lang.T("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private static string? _unknownUserHash;

    /// <summary>A hash of a random password, made once with the application's own hasher (same algorithm and cost).</summary>
    private static string UnknownUserHash(IPasswordHasher<AppUser> hasher) =>
        _unknownUserHash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}
