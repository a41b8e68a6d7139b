using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Account;

/// <summary>
/// The people pages × every role: only administrators administer people (everyone else gets the Thai 403 page and
/// nothing changes); every signed-in user reaches their own account (and only theirs: the form names no user);
/// anonymous clients are sent to sign in.
/// </summary>
public sealed class PeopleAuthorizationMatrixTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Done = HttpStatusCode.Redirect;
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode SignIn = HttpStatusCode.Redirect;

    private static readonly string[] Columns =
        ["users", "add user", "a user", "give role", "remove role", "administrator", "reset link", "disable", "my account", "my password"];

    private static readonly HttpStatusCode[] NotAdministrator = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Bad];

    private static readonly Dictionary<string, HttpStatusCode[]> Expected = new()
    {
        ["coordinator"] = NotAdministrator,
        ["unitowner"] = NotAdministrator,
        ["executive"] = NotAdministrator,
        ["viewer"] = NotAdministrator,
        ["oversight"] = NotAdministrator,
        ["anonymous"] = [SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn],
        // Last: what the administrator does changes the target.
        ["admin"] = [Ok, Ok, Ok, Done, Done, Done, Ok, Done, Ok, Bad],
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_administrators_administer_people_and_each_user_reaches_only_their_own_account(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("own", "prov");
        await app.AddUserAsync("admin", true);
        await app.AddUserAsync("coordinator", false, ("own", Role.Coordinator));
        await app.AddUserAsync("unitowner", false, ("own", Role.UnitOwner));
        await app.AddUserAsync("executive", false, ("own", Role.Executive));
        await app.AddUserAsync("viewer", false, ("own", Role.Viewer));
        await app.AddUserAsync("oversight", false, ("prov", Role.Oversight));
        var target = await app.AddUserAsync("target", false, ("own", Role.Viewer));
        var membership = await app.WithDbAsync(db => db.Memberships.Where(m => m.UserId == target).Select(m => m.Id).SingleAsync());

        var failures = new List<string>();
        foreach (var (user, expected) in Expected)
        {
            var client = user == "anonymous" ? app.Client() : await app.SignedInAsync(user);
            var actual = new[]
            {
                (await client.GetAsync("/admin/users")).StatusCode,
                (await PostAsync(client, "/admin/users", ("UserName", "new-" + user))).StatusCode,
                (await client.GetAsync($"/admin/users/{target}")).StatusCode,
                (await PostAsync(client, $"/admin/users/{target}/grant", ("Agency", "own"), ("Role", "Coordinator"))).StatusCode,
                (await PostAsync(client, $"/admin/users/{target}/revoke?membership={membership}")).StatusCode,
                (await PostAsync(client, $"/admin/users/{target}/administrator?value=true")).StatusCode,
                (await PostAsync(client, $"/admin/users/{target}/reset")).StatusCode,
                (await PostAsync(client, $"/admin/users/{target}/disable")).StatusCode,
                (await client.GetAsync("/account")).StatusCode,
                // A wrong current password: the form is theirs to use, the change is refused.
                (await PostAsync(client, "/account", ("CurrentPassword", "wrong-password-1"), ("NewPassword", "a-new-password-7"), ("ConfirmPassword", "a-new-password-7"))).StatusCode,
            };
            for (var i = 0; i < Columns.Length; i++)
            {
                if (actual[i] != expected[i])
                {
                    failures.Add($"{user} × {Columns[i]}: expected {(int)expected[i]}, got {(int)actual[i]}");
                }
            }
            if (user != "admin")
            {
                // Nothing changed behind a refusal.
                var state = await app.WithDbAsync(async db => new
                {
                    Users = await db.Users.CountAsync(),
                    Target = await db.Users.AsNoTracking().SingleAsync(u => u.Id == target),
                    Roles = await db.Memberships.Where(m => m.UserId == target).Select(m => m.Role).ToListAsync(),
                    Links = await db.PasswordResetLinks.CountAsync(),
                });
                if (state.Users != 7 || state.Target.IsAdministrator || state.Target.LockoutEnd is not null || state.Roles is not [Role.Viewer] || state.Links != 0)
                {
                    failures.Add($"{user}: a refused change was written");
                }
            }
        }
        Assert.Empty(failures);
        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.True(after.IsAdministrator);
        Assert.NotNull(after.LockoutEnd);
    }
}
