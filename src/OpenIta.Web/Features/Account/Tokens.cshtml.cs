using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Account;

/// <summary>
/// A user's API tokens: make one with a name and an optional expiry (shown once, stored as a hash), see them, revoke
/// them. Only for a user signed in with the browser: a token cannot make or revoke tokens.
/// </summary>
public sealed class TokensModel(OpenItaDb db, CurrentUser user, TimeProvider clock, Lang lang) : SignedInPageModel
{
    /// <summary>The lifetimes offered, in days; none means the token does not expire.</summary>
    public static readonly int[] Lifetimes = [7, 30, 90, 365];

    public sealed record Row(int Id, string Name, DateTimeOffset Created, DateTimeOffset? Expires, DateTimeOffset? LastUsed, bool Expired);

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Days until the token expires; null for never.</summary>
    [BindProperty]
    public int? Days { get; set; } = 90;

    public List<Row> Tokens { get; private set; } = [];

    /// <summary>The token just made: shown on this answer only.</summary>
    public string? NewToken { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            Error = lang.T("ตั้งชื่อโทเค็น (ไม่เกิน 100 ตัวอักษร) เพื่อให้จำได้ว่าใช้ที่ใด", "Give the token a name (up to 100 characters) to remember where it is used.");
        }
        else if (Days is { } days && !Lifetimes.Contains(days))
        {
            Error = lang.T("เลือกอายุของโทเค็นจากรายการ", "Choose the token's lifetime from the list.");
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
        NewToken = await ApiTokenAuthentication.IssueAsync(db, clock, user.Id!, name,
            Days is { } d ? TimeSpan.FromDays(d) : null, cancellationToken);
        Name = null;
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        await db.ApiTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = user.Id;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        Tokens = tokens.Select(t => new Row(
            t.Id, t.Name, DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAtUnixMs),
            t.ExpiresAtUnixMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            t.LastUsedAtUnixMs is { } u ? DateTimeOffset.FromUnixTimeMilliseconds(u) : null,
            t.ExpiresAtUnixMs <= now)).ToList();
    }
}
