namespace OpenIta.Web.Features.Api;

/// <summary>The REST API under /api/v1.</summary>
public static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/v1");
    }
}
