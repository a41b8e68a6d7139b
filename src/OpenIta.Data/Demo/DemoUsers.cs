using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Users;

namespace OpenIta.Data.Demo;

/// <summary>A demo user: its role (<c>Administrator</c> or a <see cref="Users.Role"/>), the agency of that role, and its password.</summary>
public sealed record DemoUser(string UserName, string DisplayName, string Role, string? AgencySlug, string Password);

/// <summary>
/// One demo user per role. Passwords are random (<see cref="RandomNumberGenerator"/>), made when the demo database is
/// made, and kept only in the passwords file next to the database (never in the code or the repository), so that demo
/// mode can print them at every start.
/// </summary>
public static class DemoUsers
{
    public const string Administrator = "Administrator";

    /// <summary>The demo users: user name, display name, role (null: administrator), agency slug, and the fiscal year of an
    /// assessor's role.</summary>
    public static IReadOnlyList<(string UserName, string DisplayName, Role? Role, string? AgencySlug, int? FiscalYear)> Specs { get; } =
    [
        ("admin", "ผู้ดูแลระบบ (ตัวอย่าง)", null, null, null),
        ("coordinator", "ผู้ประสานงาน ศปท. สลน. (ตัวอย่าง)", Role.Coordinator, DemoData.SpmSlug, null),
        ("unitowner", "เจ้าของหน่วยงานย่อย สลน. (ตัวอย่าง)", Role.UnitOwner, DemoData.SpmSlug, null),
        ("executive", "ผู้บริหาร สลน. (ตัวอย่าง)", Role.Executive, DemoData.SpmSlug, null),
        ("viewer", "ผู้อ่านผลการประเมิน สลน. (ตัวอย่าง)", Role.Viewer, DemoData.SpmSlug, null),
        ("oversight", "ผู้กำกับดูแล จังหวัดสกลนคร (ตัวอย่าง)", Role.Oversight, DemoData.ProvinceSlug, null),
        ("tambon", "ผู้ประสานงาน อบต.แมดนาท่ม (ตัวอย่าง)", Role.Coordinator, DemoData.TambonSlug, null),
        // Assesses the OIT of every agency of สำนักนายกรัฐมนตรี in the demo OIT year (DemoOit).
        ("assessor", "ผู้ประเมิน OIT สำนักนายกรัฐมนตรี ปี " + DemoAssessorYear.ToString(CultureInfo.InvariantCulture) + " (ตัวอย่าง)",
            Role.Assessor, DemoData.MinistrySlug, DemoAssessorYear),
    ];

    /// <summary>The fiscal year the demo assessor assesses: the year of the demo OIT.</summary>
    public const int DemoAssessorYear = 2566;

    // No 0, O, 1, l or I: the passwords are read off a console.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random password such as <c>k7Qm-x3Fp-2hTa-Wq9e</c>: 19 characters, lower and upper case, digits and dashes.</summary>
    public static string NewPassword()
    {
        while (true)
        {
            var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4));
            var password = string.Join('-', groups);
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit))
            {
                return password;
            }
        }
    }

    /// <summary>Creates the demo users and their memberships (the agencies must exist).</summary>
    internal static async Task<IReadOnlyList<DemoUser>> CreateAsync(OpenItaDb db, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var slugs = Specs.Select(s => s.AgencySlug).OfType<string>().Distinct().ToList();
        var agencies = await db.Agencies.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
        var created = new List<DemoUser>();
        foreach (var (userName, displayName, role, slug, year) in Specs)
        {
            var password = NewPassword();
            var user = new AppUser { UserName = userName, DisplayName = displayName, IsAdministrator = role is null };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"The demo user {userName} could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
            if (role is { } r && slug is not null)
            {
                db.Memberships.Add(new Membership { UserId = user.Id, AgencyId = agencies[slug], Role = r, FiscalYear = year });
            }
            created.Add(new DemoUser(userName, displayName, role?.ToString() ?? Administrator, slug, password));
        }
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Writes the passwords file (tab-separated; readable by its owner only where the system allows).</summary>
    public static void Write(string path, IReadOnlyList<DemoUser> users, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(clock);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var text = new StringBuilder();
        text.Append("# OpenITA demo users: demo mode only, never for real data. Made ")
            .Append(clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# user name<TAB>password<TAB>role<TAB>agency<TAB>display name\n");
        foreach (var user in users)
        {
            text.Append(user.UserName).Append('\t').Append(user.Password).Append('\t').Append(user.Role).Append('\t')
                .Append(user.AgencySlug ?? "-").Append('\t').Append(user.DisplayName).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Reads the passwords file; empty when it is missing.</summary>
    public static IReadOnlyList<DemoUser> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var users = new List<DemoUser>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length >= 5)
            {
                users.Add(new DemoUser(fields[0], fields[4], fields[2], fields[3] == "-" ? null : fields[3], fields[1]));
            }
        }
        return users;
    }

    /// <summary>How a demo user is printed: "coordinator  Coordinator of spm  k7Qm-x3Fp-2hTa-Wq9e".</summary>
    public static string Describe(DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.AgencySlug is null ? user.Role : $"{user.Role} of {user.AgencySlug}";
    }

    /// <summary>The users as aligned console lines: user name, role and agency, password.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<DemoUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var nameWidth = users.Select(u => u.UserName.Length).DefaultIfEmpty(0).Max();
        var roleWidth = users.Select(u => Describe(u).Length).DefaultIfEmpty(0).Max();
        return users.Select(u => $"{u.UserName.PadRight(nameWidth)}  {Describe(u).PadRight(roleWidth)}  {u.Password}");
    }
}
