using System.Security.Claims;
using OpenIta.Data;
using OpenIta.Data.Users;

namespace OpenIta.Web.Infrastructure;

/// <summary>The signed-in user of a request and what they may do, read once per request.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, OpenItaDb db)
{
    private Permissions? _permissions;

    public string? Id => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? Name => accessor.HttpContext?.User.Identity?.Name;

    public bool IsSignedIn => accessor.HttpContext?.User.Identity?.IsAuthenticated == true;

    public async Task<Permissions> PermissionsAsync(CancellationToken cancellationToken = default) =>
        _permissions ??= await Permissions.ForAsync(db, Id, cancellationToken);
}
