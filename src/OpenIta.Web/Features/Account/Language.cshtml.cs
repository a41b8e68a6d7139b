using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

/// <summary>Switches between Thai (the default) and English, for a year.</summary>
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string lang, string? returnUrl)
    {
        Lang.Remember(Response, lang, clock);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
