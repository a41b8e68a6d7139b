using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Admin.Users;

/// <summary>
/// A page of /admin/users: only for those who manage people (<see cref="Data.Users.Permissions.CanManagePeople"/>);
/// anyone else gets the Thai 403 page before any handler runs. Nothing here is cached: a reset link is shown once.
/// </summary>
public abstract class PeoplePageModel(CurrentUser current) : PageModel
{
    protected CurrentUser Current { get; } = current;

    /// <summary>The user may not manage people: the page shows only the Thai 403 (Shared/_NotAllowed).</summary>
    public bool Forbidden { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Response.Headers.CacheControl = "no-store";
        var permissions = await Current.PermissionsAsync(HttpContext.RequestAborted);
        if (!permissions.CanManagePeople)
        {
            Forbidden = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Result = Page();
            return;
        }
        await next();
    }

    /// <summary>The absolute address of a reset link, to hand over.</summary>
    protected string ResetAddress(string secret) => $"{Request.Scheme}://{Request.Host}/account/reset/{secret}";
}
