using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// The measures pages' base: a request no handler answers (a POST without <c>?handler=</c>, a made-up handler name)
/// is a 404, never the page rendered without its data.
/// </summary>
public abstract class PlanPageModel : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerMethod is null)
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }
}
