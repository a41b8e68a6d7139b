using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Text;

namespace OpenIta.Data.Users;

/// <summary>
/// A refused change to a user: which field, and why in Thai and English. The web answers 400 (a page naming the field),
/// the CLI exit code 2 with the option's name.
/// </summary>
public sealed class AccountException(string field, string thai, string english) : Exception(english)
{
    /// <summary>The form field (the CLI maps it to its option).</summary>
    public string Field { get; } = field;

    public string Thai { get; } = thai;

    public string English { get; } = english;
}

/// <summary>
/// People: the one home of the rules for adding users, giving and removing roles, making administrators, disabling
/// users, one-time password-reset links and password changes. The administrator's pages (Features/Admin/Users) and
/// <c>openita users</c> both call it; who may call what is <see cref="Permissions.CanManagePeople"/>.
/// <list type="bullet">
/// <item>A disabled user cannot sign in (Identity's lockout, set only here: failed sign-ins never lock an account), their
/// sessions end (the security stamp changes) and their API tokens are refused (ApiTokenAuthentication reads the lockout).</item>
/// <item>A reset link works once, for <see cref="ResetLinkLifetime"/>, and only the newest one of a user; using it
/// changes the security stamp, so every session of the user ends. An administrator never sees or types a password.</item>
/// <item>An administrator cannot disable themselves or take away their own administrator right: the last administrator
/// cannot lock everyone out.</item>
/// </list>
/// </summary>
public sealed class UserAccounts(UserManager<AppUser> users, OpenItaDb db, TimeProvider clock)
{
    /// <summary>How long a password-reset link works: long enough to hand it over across a weekend.</summary>
    public static readonly TimeSpan ResetLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>The password and user-name rules, for the web application and the CLI alike: length over composition.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false; // length over composition rules (NIST SP 800-63B)
        options.Password.RequireUppercase = false;
        // Failed sign-ins never lock an account (anyone could then switch it off): SignInLimits throttles them.
        // Lockout stays enabled so that an administrator can disable a user (LockoutEnd), tokens included.
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    }

    /// <summary>Whether an administrator disabled the user (only <see cref="DisableAsync"/> sets a lockout).</summary>
    public static bool IsDisabled(AppUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd is { } end && end > now;
    }

    /// <summary>
    /// Adds a user. Without a password (the web) nobody can sign in as them until they set one through a reset link;
    /// the CLI gives one.
    /// </summary>
    public async Task<AppUser> AddAsync(string? userName, string? displayName, bool administrator, string? password = null)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new AccountException("UserName", "กรอกชื่อผู้ใช้", "Enter a user name.");
        }
        var display = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
        if (UserText.Check(display, UserText.PersonMax) is { } bad)
        {
            throw new AccountException("DisplayName", "ชื่อที่แสดง: " + bad.Th, "Display name: " + bad.En);
        }
        if (await users.FindByNameAsync(name) is not null)
        {
            throw new AccountException("UserName", $"มีผู้ใช้ชื่อ {name} อยู่แล้ว", $"A user named {name} already exists.");
        }
        var user = new AppUser { UserName = name, DisplayName = display, IsAdministrator = administrator };
        Check("UserName", password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        return user;
    }

    /// <summary>The user, or a refusal naming <c>user</c>.</summary>
    public async Task<AppUser> FindAsync(string? userId, CancellationToken cancellationToken = default) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
        ?? throw new AccountException("user", "ไม่พบผู้ใช้นี้", "No such user.");

    /// <summary>The fiscal years (BE) an assessor's role may be given for.</summary>
    public const int FirstFiscalYear = 2560, LastFiscalYear = 2600;

    /// <summary>
    /// Gives a role in an agency (oversight: in a group and every agency below it; an assessor: in a group and every agency
    /// below it, for <paramref name="fiscalYear"/>, which only an assessor's role takes and must). False when the user
    /// already has it.
    /// </summary>
    public async Task<bool> GrantAsync(AppUser user, string? agencySlug, Role role, int? fiscalYear = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.IsDefined(role))
        {
            throw new AccountException("Role", "เลือกบทบาทจากรายการ", "Choose a role from the list.");
        }
        if (role == Role.Assessor && fiscalYear is not (>= FirstFiscalYear and <= LastFiscalYear))
        {
            throw new AccountException("FiscalYear",
                $"ผู้ประเมินต้องระบุปีงบประมาณ (พ.ศ. {FirstFiscalYear}–{LastFiscalYear})",
                $"An assessor needs a fiscal year (BE {FirstFiscalYear}–{LastFiscalYear}).");
        }
        if (role != Role.Assessor && fiscalYear is not null)
        {
            throw new AccountException("FiscalYear", "ระบุปีงบประมาณได้เฉพาะบทบาทผู้ประเมิน", "Only an assessor's role takes a fiscal year.");
        }
        var slug = agencySlug?.Trim() ?? "";
        var agency = slug.Length == 0 ? null : await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (agency is null)
        {
            throw new AccountException("Agency",
                slug.Length == 0 ? "เลือกหน่วยงาน" : $"ไม่พบหน่วยงานรหัส {slug}",
                slug.Length == 0 ? "Choose an agency." : $"No agency with the code {slug}.");
        }
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.AgencyId == agency.Id && m.Role == role && m.FiscalYear == fiscalYear, cancellationToken))
        {
            return false;
        }
        db.Memberships.Add(new Membership { UserId = user.Id, AgencyId = agency.Id, Role = role, FiscalYear = fiscalYear });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes one of the user's roles. False when it was already gone.</summary>
    public async Task<bool> RevokeAsync(AppUser user, int membershipId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await db.Memberships.Where(m => m.Id == membershipId && m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Makes the user an administrator, or no longer one (never oneself).</summary>
    public async Task SetAdministratorAsync(string actingUserId, AppUser user, bool administrator)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!administrator && user.Id == actingUserId)
        {
            throw new AccountException("Administrator", "ท่านถอนสิทธิ์ผู้ดูแลระบบของตนเองไม่ได้ ให้ผู้ดูแลระบบคนอื่นทำ",
                "You cannot take away your own administrator right: another administrator can.");
        }
        user.IsAdministrator = administrator;
        Check("Administrator", await users.UpdateAsync(user));
    }

    /// <summary>Disables the user: no sign-in, every session and API token refused from the next request on.</summary>
    public async Task DisableAsync(string actingUserId, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == actingUserId)
        {
            throw new AccountException("user", "ท่านระงับบัญชีของตนเองไม่ได้", "You cannot disable your own account.");
        }
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        // The new stamp ends every session at once (SessionValidation); one UPDATE with the lockout.
        Check("user", await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Lets a disabled user sign in again (with their password, or a new reset link).</summary>
    public async Task EnableAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.LockoutEnd = null;
        Check("user", await users.UpdateAsync(user));
    }

    /// <summary>A new reset link's secret (for the address /account/reset/{secret}) and when it expires; the user's older links stop working.</summary>
    public async Task<(string Secret, DateTimeOffset Expires)> IssueResetLinkAsync(AppUser user, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = now + ResetLinkLifetime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PasswordResetLinks.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        db.PasswordResetLinks.Add(new PasswordResetLink
        {
            UserId = user.Id,
            TokenHash = Hash(secret),
            CreatedBy = issuedBy,
            CreatedAtUnixMs = now.ToUnixTimeMilliseconds(),
            ExpiresAtUnixMs = expires.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (secret, expires);
    }

    /// <summary>The user a reset link is for, while it works (unused, not expired, the user not disabled); else null.</summary>
    public async Task<AppUser?> ResetLinkUserAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var user = await db.PasswordResetLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.UsedAtUnixMs == null && l.ExpiresAtUnixMs > nowMs)
            .Select(l => l.User).SingleOrDefaultAsync(cancellationToken);
        return user is null || IsDisabled(user, now) ? null : user;
    }

    /// <summary>
    /// Sets the password through a reset link: the link is used up and the password set in one transaction (a password
    /// the rules refuse leaves the link usable). Returns the user; refuses a link that does not work (field <c>link</c>).
    /// </summary>
    public async Task<AppUser> ResetPasswordAsync(string? secret, string? password, string? confirm, CancellationToken cancellationToken = default)
    {
        var found = await ResetLinkUserAsync(secret, cancellationToken) ?? throw LinkNotWorking();
        CheckNewPassword(password, confirm);
        var hash = Hash(secret!);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional: of two uses at once (two tabs, two instances), one succeeds.
        var used = await db.PasswordResetLinks
            .Where(l => l.TokenHash == hash && l.UsedAtUnixMs == null && l.ExpiresAtUnixMs > nowMs)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAtUnixMs, nowMs), cancellationToken);
        if (used == 0)
        {
            throw LinkNotWorking();
        }
        var user = await users.FindByIdAsync(found.Id) ?? throw LinkNotWorking();
        // Identity's own reset (the password rules, the hash, a new security stamp) with a token made for this call.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check("NewPassword", await users.ResetPasswordAsync(user, token, password!));
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>A user changes their own password; the security stamp changes, so their other sessions end.</summary>
    public async Task ChangePasswordAsync(AppUser user, string? current, string? password, string? confirm)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(current))
        {
            throw new AccountException("CurrentPassword", "กรอกรหัสผ่านปัจจุบัน", "Enter your current password.");
        }
        CheckNewPassword(password, confirm);
        Check("NewPassword", await users.ChangePasswordAsync(user, current, password!));
    }

    private static void CheckNewPassword(string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new AccountException("NewPassword", "กรอกรหัสผ่านใหม่", "Enter the new password.");
        }
        if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            throw new AccountException("ConfirmPassword", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน", "The two new passwords differ.");
        }
    }

    private static AccountException LinkNotWorking() => new("link",
        "ลิงก์ตั้งรหัสผ่านนี้ใช้ไม่ได้แล้ว (ใช้ไปแล้ว หมดอายุ หรือมีลิงก์ใหม่กว่า) ขอลิงก์ใหม่จากผู้ดูแลระบบ",
        "This password link no longer works (used, expired or replaced by a newer one): ask an administrator for a new one.");

    /// <summary>Identity's refusals in Thai and English, naming the field.</summary>
    private static void Check(string field, IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }
        var error = result.Errors.First();
        var (thai, english) = error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => ("รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร", "The password must be at least 10 characters long."),
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => ("รหัสผ่านต้องมีตัวเลขอย่างน้อย 1 ตัว", "The password must contain a digit."),
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => ("รหัสผ่านต้องมีอักษรภาษาอังกฤษตัวพิมพ์เล็กอย่างน้อย 1 ตัว", "The password must contain a lower-case letter (a–z)."),
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => ("รหัสผ่านต้องมีอักษรภาษาอังกฤษตัวพิมพ์ใหญ่อย่างน้อย 1 ตัว", "The password must contain an upper-case letter (A–Z)."),
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => ("รหัสผ่านต้องมีสัญลักษณ์อย่างน้อย 1 ตัว", "The password must contain a symbol."),
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => ("รหัสผ่านมีอักขระซ้ำกันมากเกินไป", "The password repeats too few different characters."),
            nameof(IdentityErrorDescriber.PasswordMismatch) => ("รหัสผ่านปัจจุบันไม่ถูกต้อง", "The current password is wrong."),
            nameof(IdentityErrorDescriber.InvalidUserName) => ("ชื่อผู้ใช้ใช้ได้เฉพาะอักษรภาษาอังกฤษ ตัวเลข และ - . _ @ +", "A user name may hold only letters a–z, digits and - . _ @ +."),
            nameof(IdentityErrorDescriber.DuplicateUserName) => ("มีผู้ใช้ชื่อนี้อยู่แล้ว", "A user with this name already exists."),
            nameof(IdentityErrorDescriber.ConcurrencyFailure) => ("ผู้ใช้นี้เพิ่งถูกแก้ไขโดยผู้อื่น โหลดหน้าใหม่แล้วลองอีกครั้ง", "Someone else changed this user just now: reload the page and try again."),
            _ => ("บันทึกไม่ได้: ข้อมูลไม่ถูกต้อง", error.Description),
        };
        if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
        {
            field = "CurrentPassword";
        }
        throw new AccountException(field, thai, english);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
