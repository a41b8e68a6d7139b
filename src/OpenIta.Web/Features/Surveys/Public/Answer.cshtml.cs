using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenIta.Web.Features.Surveys.Public;

/// <summary>
/// The public survey page of a link (<c>/s/{token}</c>): no sign-in, Thai first, made for a phone. The page is a shell;
/// wwwroot/js/survey.js fetches the questionnaire and sends the answers through the public JSON API only
/// (<c>/api/v1/public/surveys/{link}</c>), the contract offline collection tools use too, and keeps the answers on the
/// device until they are sent (resumable). Nothing about the respondent is read or written here.
/// </summary>
[AllowAnonymous]
public sealed class AnswerModel : PageModel
{
    public string Token { get; private set; } = "";

    public void OnGet(string token) => Token = token;
}
