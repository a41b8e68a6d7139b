using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Admin.Users;

/// <summary>
/// /admin/users/{id}: one user: their roles per agency and per group (give, remove), the administrator right, disabling
/// and enabling, and a one-time password-reset link (shown on this answer only). Every change is
/// <see cref="UserAccounts"/>'s; a refused one is a 400 page naming the field, an unknown user a 404.
/// </summary>
public sealed class EditModel(OpenItaDb db, UserAccounts accounts, CurrentUser current, TimeProvider clock, ILogger<EditModel> logger)
    : PeoplePageModel(current)
{
    /// <summary>The most agencies the agency field suggests (any other is typed by its code).</summary>
    public const int SuggestedAgencies = 2000;

    /// <summary>A role; for a unit owner, the names of the units they own in the agency.</summary>
    public sealed record RoleRow(int Id, string AgencySlug, string AgencyName, bool IsGroup, Role Role, int? FiscalYear, IReadOnlyList<string> Units);

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The agency's code (slug) for a new role.</summary>
    [BindProperty]
    public string? Agency { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    /// <summary>The fiscal year (BE) of an assessor's role; empty for every other role.</summary>
    [BindProperty]
    public string? FiscalYear { get; set; }

    public AppUser? Person { get; private set; }

    public bool Disabled { get; private set; }

    public bool IsSelf => Person?.Id == Current.Id;

    public List<RoleRow> Roles { get; private set; } = [];

    public List<(string Slug, string Name)> Agencies { get; private set; } = [];

    public AccountException? Error { get; private set; }

    public (string Link, DateTimeOffset Expires)? ResetLink { get; private set; }

    /// <summary>What the last action did (after its redirect), for the status line.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken) => ActAsync("granted", async user =>
    {
        if (!Enum.TryParse<Role>(Role, ignoreCase: false, out var role) || !Enum.IsDefined(role))
        {
            throw new AccountException("Role", "เลือกบทบาทจากรายการ", "Choose a role from the list.");
        }
        int? year = null;
        if (!string.IsNullOrWhiteSpace(FiscalYear))
        {
            year = int.TryParse(FiscalYear.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
                ? y
                : throw new AccountException("FiscalYear", "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น 2568", "The fiscal year must be a BE number such as 2568.");
        }
        await accounts.GrantAsync(user, Agency, role, year, cancellationToken);
        return $"role {role} in {Agency?.Trim()}" + (year is null ? "" : $" for {year}");
    }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(int membership, CancellationToken cancellationToken) => ActAsync("revoked", async user =>
    {
        await accounts.RevokeAsync(user, membership, cancellationToken);
        return $"role {membership} removed";
    }, cancellationToken);

    public Task<IActionResult> OnPostAdministratorAsync(bool value, CancellationToken cancellationToken) => ActAsync(value ? "admin" : "notadmin", async user =>
    {
        await accounts.SetAdministratorAsync(Current.Id ?? "", user, value);
        return value ? "made administrator" : "no longer administrator";
    }, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) => ActAsync("disabled", async user =>
    {
        await accounts.DisableAsync(Current.Id ?? "", user);
        return "disabled";
    }, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) => ActAsync("enabled", async user =>
    {
        await accounts.EnableAsync(user);
        return "enabled";
    }, cancellationToken);

    /// <summary>A new reset link, shown on this answer only (no redirect: the link is never in an address or a cookie).</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == Id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (UserAccounts.IsDisabled(user, clock.GetUtcNow()))
        {
            Error = new AccountException("reset", "บัญชีนี้ถูกระงับ เปิดใช้งานก่อนจึงออกลิงก์ตั้งรหัสผ่านได้",
                "This account is disabled: enable it before issuing a password link.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var (secret, expires) = await accounts.IssueResetLinkAsync(user, Current.Name ?? "", cancellationToken);
            SecurityLog.PeopleChanged(logger, Current.Id ?? "", user.Id, "reset link issued");
            ResetLink = (ResetAddress(secret), expires);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ActAsync(string done, Func<AppUser, Task<string>> change, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == Id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        try
        {
            var what = await change(user);
            SecurityLog.PeopleChanged(logger, Current.Id ?? "", user.Id, what);
            return Redirect($"/admin/users/{Uri.EscapeDataString(Id)}?done={done}");
        }
        catch (AccountException e)
        {
            Error = e;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Person = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id, cancellationToken);
        if (Person is null)
        {
            return false;
        }
        Disabled = UserAccounts.IsDisabled(Person, clock.GetUtcNow());
        var id = Person.Id;
        Roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == id)
            .OrderBy(m => m.Agency!.Path).ThenBy(m => m.Role)
            .Select(m => new RoleRow(m.Id, m.Agency!.Slug, m.Agency.NameTh, db.Agencies.Any(c => c.ParentId == m.AgencyId), m.Role, m.FiscalYear,
                db.UnitOwners.Where(o => o.MembershipId == m.Id).Select(o => o.Unit!.Name).OrderBy(n => n).ToList()))
            .ToListAsync(cancellationToken);
        Agencies = (await db.Agencies.AsNoTracking().OrderBy(a => a.Path).Take(SuggestedAgencies)
            .Select(a => new { a.Slug, a.NameTh }).ToListAsync(cancellationToken))
            .Select(a => (a.Slug, a.NameTh)).ToList();
        return true;
    }
}
