using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// Finds an agency by slug for the current user, with the answer every page and endpoint needs:
/// not found (404), not allowed (403), or the agency and the user's permissions.
/// An agency the user may not read is reported as not allowed only to users who may know it exists (none): it is
/// "not found" to them, so that slugs cannot be probed.
/// </summary>
public sealed class AgencyLookup(OpenItaDb db, CurrentUser user)
{
    public sealed record Found(Agency Agency, Permissions Permissions);

    /// <summary>The agency if the user may read it; null when there is none or the user may not read it.</summary>
    public async Task<Found?> ReadableAsync(string slug, CancellationToken cancellationToken = default)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (agency is null)
        {
            return null;
        }
        var permissions = await user.PermissionsAsync(cancellationToken);
        return permissions.CanRead(agency) ? new Found(agency, permissions) : null;
    }
}
