using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// Describes how to authenticate in the OpenAPI document: the bearer scheme (an API token) on every operation, and the
/// sign-in cookie on the operations that change nothing (see <see cref="ApiEndpoints"/> for why).
/// </summary>
internal sealed class ApiSecurityDocument : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "oita_…",
            Description = "An API token (`Authorization: Bearer oita_…`), made by a signed-in user on the page /account/tokens. " +
                "Every endpoint takes it; the endpoints that change data take nothing else.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "openita",
            Description = "The browser's sign-in cookie. Accepted only by endpoints that change nothing, so that another site " +
                "cannot make a signed-in browser change data (CSRF).",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true
            || metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }
        var tokenOnly = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == ApiEndpoints.TokenOnlyPolicy);
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
        if (!tokenOnly)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] });
        }
        return Task.CompletedTask;
    }
}
