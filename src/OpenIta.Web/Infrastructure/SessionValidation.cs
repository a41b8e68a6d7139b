using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIta.Data;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// Every request with a sign-in cookie checks the cookie's security stamp against the user's current one (one
/// primary-key read). Sign-out, a password change or an administrator's reset change the stamp, so every copy of an
/// older cookie, on any instance, is refused from the next request on. Chosen over server-side sessions: no session
/// table to keep, and "sign out" ending every session of the user is what a shared-office system wants.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampClaim);
        if (userId is not null && stamp is not null)
        {
            var db = services.GetRequiredService<OpenItaDb>();
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp)
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            if (string.Equals(current, stamp, StringComparison.Ordinal))
            {
                return;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
