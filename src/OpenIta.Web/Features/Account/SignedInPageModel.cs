using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// A page of /account for a user signed in with the browser: the /Account folder is open to anonymous users (sign-in,
/// a reset link), these pages are not, and an API token never opens them (a token cannot make tokens or change a password).
/// </summary>
public abstract class SignedInPageModel : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme))
        {
            context.Result = Challenge();
            return;
        }
        await next();
    }
}
