using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.OpenApi;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// The REST API under /api/v1: one file per resource (AgenciesApi, ResultsApi, ScoreApi, FrameworksApi, GroupsApi).
/// <para>
/// Who may call what: every endpoint needs credentials (401 without). Reading takes an API token
/// (<c>Authorization: Bearer oita_…</c>) or the browser's sign-in cookie. <b>Changing anything takes an API token
/// only</b>: the groups of state-changing endpoints carry <see cref="TokenOnlyPolicy"/>, which does not look at the
/// cookie at all, so a page of another site cannot make a signed-in browser change data (CSRF). A browser cannot
/// attach the Authorization header to a cross-site request without a CORS preflight, and the app allows no CORS.
/// <c>POST /score</c> changes nothing and may take the cookie (the result entry page calls it as you type); its
/// JSON body also needs <c>Content-Type: application/json</c>, which a cross-site form cannot send.
/// </para>
/// </summary>
public static class ApiEndpoints
{
    /// <summary>The policy of state-changing endpoints: authenticated by an API token, never by the cookie.</summary>
    public const string TokenOnlyPolicy = "api-token";

    /// <summary>Services of the API: the token-only policy and the OpenAPI description of the security schemes.</summary>
    public static IServiceCollection AddOpenItaApi(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(TokenOnlyPolicy, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        // Thai in JSON answers stays readable; characters that matter to HTML are still escaped.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Encoder = JavaScriptEncoder.Create(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation));
        // The answers that the framework writes without a word (401 from authentication, 415 from routing) say what to do.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var others = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                others?.Invoke(context);
                ApiProblems.Explain(context);
                ApiProblemMessages.Negotiate(context);
            };
        });
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<ApiSecurityDocument>();
            options.AddOperationTransformer<ApiSecurityDocument>();
        });
        return services;
    }

    public static void MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapAgencies();
        api.MapResults();
        api.MapScore();
        api.MapFrameworks();
        api.MapGroups();
        api.MapLinkChecks();
        Oit.OitApi.MapOit(api);
    }

    /// <summary>A group of state-changing endpoints: API token only (see the class summary).</summary>
    internal static RouteGroupBuilder Changes(this RouteGroupBuilder group) =>
        group.MapGroup("").RequireAuthorization(TokenOnlyPolicy);
}
