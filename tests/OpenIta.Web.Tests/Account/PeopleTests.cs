using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Account;

/// <summary>
/// People in the web (issue 10, item 5): the administrator adds users, gives and removes roles, disables users and
/// issues one-time password links; every user changes their own password.
/// </summary>
public sealed partial class PeopleTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string NewPassword = "a-new-password-7";

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_administrator_adds_a_user_whose_link_sets_the_password_once(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");

        var added = await PostAsync(admin, "/admin/users", ("UserName", "somchai"), ("DisplayName", "สมชาย ใจดี"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.True(added.Headers.CacheControl?.NoStore);
        var link = ResetLink(await added.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "somchai"));
        Assert.Equal("สมชาย ใจดี", stored.DisplayName);
        Assert.Null(stored.PasswordHash); // nobody knows a password until the user sets one
        Assert.DoesNotContain(link, await app.WithDbAsync(db => db.PasswordResetLinks.Select(l => l.TokenHash).SingleAsync()), StringComparison.Ordinal);

        var anonymous = app.Client();
        var form = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("somchai", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A password the rules refuse: 400 naming it in Thai; the link still works.
        var weak = await PostAsync(anonymous, link, ("NewPassword", "short1"), ("ConfirmPassword", "short1"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var differ = await PostAsync(anonymous, link, ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        Assert.Contains("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var set = await PostAsync(anonymous, link, ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login?reset=1", set.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "somchai", NewPassword)).StatusCode);

        // Used up: the page says so, and a second use sets nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);
        var again = await PostAsync(anonymous, link, ("NewPassword", "another-password-8"), ("ConfirmPassword", "another-password-8"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("ลิงก์ตั้งรหัสผ่านนี้ใช้ไม่ได้แล้ว", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestApp.SignInAsync(app.Client(), "somchai", "another-password-8")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_expires_and_only_the_newest_works()
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(configure: TestHosting.With(clock));
        await app.AddUserAsync("admin", administrator: true);
        var id = await app.AddUserAsync("somchai");
        var admin = await app.SignedInAsync("admin");
        var anonymous = app.Client();

        var first = ResetLink(await (await PostAsync(admin, $"/admin/users/{id}/reset")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first)).StatusCode);
        var second = ResetLink(await (await PostAsync(admin, $"/admin/users/{id}/reset")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);

        clock.Advance(UserAccounts.ResetLinkLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        var late = await PostAsync(anonymous, second, ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        // The old password still works: nothing was changed.
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "somchai", TestApp.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_disabled_user_cannot_sign_in_and_their_sessions_and_tokens_stop(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddUserAsync("admin", administrator: true);
        var id = await app.AddUserAsync("somchai");
        var admin = await app.SignedInAsync("admin");
        var session = await app.SignedInAsync("somchai");
        var api = await app.ApiClientAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);

        var disabled = await PostAsync(admin, $"/admin/users/{id}/disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var after = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/agencies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestApp.SignInAsync(app.Client(), "somchai", TestApp.Password)).StatusCode);
        Assert.Contains("ระงับ", await admin.GetStringAsync($"/admin/users/{id}"), StringComparison.Ordinal);
        // A disabled user's reset link does not open the account either.
        var refused = await PostAsync(admin, $"/admin/users/{id}/reset");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/enable")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "somchai", TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agencies")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Roles_given_and_removed_in_the_web_open_and_close_the_agency_and_the_group(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("own", "prov");
        await app.AddUserAsync("admin", administrator: true);
        var id = await app.AddUserAsync("somchai");
        var admin = await app.SignedInAsync("admin");
        var user = await app.SignedInAsync("somchai");
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/agencies/own")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "own"), ("Role", "Viewer"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/agencies/own")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/groups/prov")).StatusCode);
        // Given twice: still one role.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "own"), ("Role", "Viewer"))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == id)));

        // Oversight of the group: its dashboard and every agency below it.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "prov"), ("Role", "Oversight"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/groups/prov")).StatusCode);

        foreach (var membership in await app.WithDbAsync(db => db.Memberships.Where(m => m.UserId == id).Select(m => m.Id).ToListAsync()))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/revoke?membership={membership}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/agencies/own")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/groups/prov")).StatusCode);

        // A client's mistakes: 400 in Thai naming the field, nothing written.
        var unknown = await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "nowhere"), ("Role", "Viewer"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("ไม่พบหน่วยงานรหัส nowhere", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badRole = await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "own"), ("Role", "Boss"));
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("เลือกบทบาทจากรายการ", await badRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/no-such-user")).StatusCode);

        // An assessor's role needs its fiscal year; no other role takes one.
        var noYear = await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "prov"), ("Role", "Assessor"), ("FiscalYear", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);
        Assert.Contains("ผู้ประเมินต้องระบุปีงบประมาณ", await noYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var viewerYear = await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "own"), ("Role", "Viewer"), ("FiscalYear", "2568"));
        Assert.Equal(HttpStatusCode.BadRequest, viewerYear.StatusCode);
        Assert.Contains("ระบุปีงบประมาณได้เฉพาะบทบาทผู้ประเมิน", await viewerYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/users/{id}/grant", ("Agency", "prov"), ("Role", "Assessor"), ("FiscalYear", "2568"))).StatusCode);
        Assert.Equal(2568, await app.WithDbAsync(db => db.Memberships.Where(m => m.UserId == id).Select(m => m.FiscalYear).SingleAsync()));
        var page = await admin.GetStringAsync($"/admin/users/{id}");
        Assert.Contains("ผู้ประเมิน", page, StringComparison.Ordinal);
        Assert.Contains("ปีงบประมาณ 2568", page, StringComparison.Ordinal);
        // The assessor reads the agencies below the group, but does not oversee it.
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/agencies/own")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/groups/prov")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Adding_a_user_refuses_a_taken_or_invalid_name_in_Thai(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddUserAsync("admin", administrator: true);
        await app.AddUserAsync("somchai");
        var admin = await app.SignedInAsync("admin");
        foreach (var (name, message) in new[]
        {
            ("somchai", "มีผู้ใช้ชื่อ somchai อยู่แล้ว"),
            ("", "กรอกชื่อผู้ใช้"),
            ("สมชาย", "ชื่อผู้ใช้ใช้ได้เฉพาะอักษรภาษาอังกฤษ"),
        })
        {
            var response = await PostAsync(admin, "/admin/users", ("UserName", name), ("DisplayName", ""));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_or_take_away_their_own_right()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");
        var disable = await PostAsync(admin, $"/admin/users/{id}/disable");
        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Contains("ท่านระงับบัญชีของตนเองไม่ได้", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var demote = await PostAsync(admin, $"/admin/users/{id}/administrator?value=false");
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.True(user.IsAdministrator);
        Assert.Null(user.LockoutEnd);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_user_changes_their_own_password_and_their_other_sessions_end(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddUserAsync("somchai");
        await app.AddUserAsync("somsri");
        var here = await app.SignedInAsync("somchai");
        var elsewhere = await app.SignedInAsync("somchai");

        var wrong = await PostAsync(here, "/account", ("CurrentPassword", "not-my-password-1"), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("รหัสผ่านปัจจุบันไม่ถูกต้อง", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The form names no user: a field naming another one changes only the signed-in user's password.
        var changed = await PostAsync(here, "/account", ("CurrentPassword", TestApp.Password), ("NewPassword", NewPassword),
            ("ConfirmPassword", NewPassword), ("UserName", "somsri"), ("Id", "somsri"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).StatusCode); // this browser stays signed in
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account")).StatusCode); // the other session ended
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestApp.SignInAsync(app.Client(), "somchai", TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "somchai", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(app.Client(), "somsri", TestApp.Password)).StatusCode);
    }

    /// <summary>The reset link on the administrator's page, as a path.</summary>
    public static string ResetLink(string html)
    {
        var match = LinkPattern().Match(html);
        Assert.True(match.Success, "no reset link on the page");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("id=\"reset-link\">https?://[^/<]+(/account/reset/[A-Za-z0-9_-]+)<")]
    private static partial Regex LinkPattern();
}
