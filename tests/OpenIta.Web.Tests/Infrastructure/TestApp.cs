using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Tests.Infrastructure;

/// <summary>
/// The real application, through its real HTTP pipeline, on a database of its own. Helpers make agencies and users,
/// sign in with a cookie (like a browser, anti-forgery token included) or make API tokens.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-42";

    private readonly Action<IWebHostBuilder>? _configure;

    private TestApp(DatabaseEngine engine, string connectionString, Action<IWebHostBuilder>? configure)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _configure = configure;
    }

    public DatabaseEngine Engine { get; }
    public string ConnectionString { get; }

    /// <summary>Starts the app; <paramref name="configure"/> may add settings or services (a clock, a test peer address).</summary>
    /// <summary>
    /// The app on a database created with a Thai collation when <paramref name="thaiCollation"/> (PostgreSQL), with ten
    /// agencies made first, so that the agencies a test makes have two-digit ids: paths such as "/12/13/" and "/121/"
    /// are what a Thai collation once put outside and inside the range of "/12/".
    /// </summary>
    public static async Task<TestApp> StartAsync(DatabaseEngine engine, bool thaiCollation)
    {
        if (!thaiCollation)
        {
            return await StartAsync(engine);
        }
        var app = await StartAsync(engine, await TestDatabases.CreateAsync(engine, thaiCollation: true));
        for (var i = 0; i < 10; i++)
        {
            await app.AddAgencyAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pad{i}"));
        }
        return app;
    }

    public static async Task<TestApp> StartAsync(
        DatabaseEngine engine = DatabaseEngine.Sqlite, string? connectionString = null, Action<IWebHostBuilder>? configure = null)
    {
        var app = new TestApp(engine, connectionString ?? await TestDatabases.CreateAsync(engine), configure);
        _ = app.Server; // start now: migrations run before the first test request
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Engine", Engine == DatabaseEngine.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:OpenIta", ConnectionString);
        builder.UseSetting("Demo:Enabled", "false");
        _configure?.Invoke(builder);
    }

    /// <summary>Runs <paramref name="work"/> with a database context of its own and saves.</summary>
    public async Task<T> WithDbAsync<T>(Func<OpenItaDb, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var result = await work(db);
        await db.SaveChangesAsync();
        return result;
    }

    public async Task<Agency> AddAgencyAsync(string slug, string? parentSlug = null, AgencyKind kind = AgencyKind.Department) =>
        await WithDbAsync(async db =>
        {
            var parent = parentSlug is null ? null : db.Agencies.Single(a => a.Slug == parentSlug);
            var agency = new Agency { Slug = slug, NameTh = $"หน่วยงาน {slug}", NameEn = $"Agency {slug}", Kind = kind, ParentId = parent?.Id };
            db.Agencies.Add(agency);
            await AgencyPaths.RebuildAsync(db);
            return agency;
        });

    /// <summary>Makes a user with the given roles (agency slug, role); returns its id.</summary>
    public async Task<string> AddUserAsync(string userName, bool administrator = false, params (string Agency, Role Role)[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, IsAdministrator = administrator };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        foreach (var (slug, role) in roles)
        {
            db.Memberships.Add(new Membership { UserId = user.Id, AgencyId = db.Agencies.Single(a => a.Slug == slug).Id, Role = role });
        }
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Makes a user who assesses the group <paramref name="groupSlug"/> (and every agency below it) in
    /// <paramref name="fiscalYear"/>; returns its id.</summary>
    public async Task<string> AddAssessorAsync(string userName, string groupSlug, int fiscalYear)
    {
        var id = await AddUserAsync(userName);
        await WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership
            {
                UserId = id, AgencyId = db.Agencies.Single(a => a.Slug == groupSlug).Id, Role = Role.Assessor, FiscalYear = fiscalYear,
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A client that does not follow redirects, so that tests see them.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as <paramref name="userName"/> through the login form.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password = Password)
    {
        var client = Client();
        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} answered {(int)response.StatusCode}.");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The anti-forgery token of a page's form, as a browser would send it back.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{path} has no anti-forgery token.");
    }

    /// <summary>A client that calls the API with a new token of <paramref name="userId"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(string userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var token = await ApiTokenAuthentication.IssueAsync(
            scope.ServiceProvider.GetRequiredService<OpenItaDb>(), TimeProvider.System, userId, "test");
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The cast of the authorization matrices: agencies <c>own</c> (in province <c>prov</c>), <c>other</c> (in
    /// <c>prov2</c>) and <c>elsewhere</c>, and one API client per role, in this order: administrator, coordinator,
    /// unit owner, executive and viewer of <c>own</c>, oversight of <c>prov</c>, a coordinator of <c>elsewhere</c>,
    /// an anonymous client, and (last, so that matrices written before it may leave it out) an assessor of <c>prov</c>
    /// for FY2565.
    /// </summary>
    public async Task<HttpClient[]> RoleApiClientsAsync()
    {
        await AddAgencyAsync("prov", kind: AgencyKind.Province);
        await AddAgencyAsync("own", "prov");
        await AddAgencyAsync("prov2", kind: AgencyKind.Province);
        await AddAgencyAsync("other", "prov2");
        await AddAgencyAsync("elsewhere");
        return
        [
            await ApiClientAsync(await AddUserAsync("administrator", administrator: true)),
            await ApiClientAsync(await AddUserAsync("coordinator", false, ("own", Role.Coordinator))),
            await ApiClientAsync(await AddUserAsync("unit-owner", false, ("own", Role.UnitOwner))),
            await ApiClientAsync(await AddUserAsync("executive", false, ("own", Role.Executive))),
            await ApiClientAsync(await AddUserAsync("viewer", false, ("own", Role.Viewer))),
            await ApiClientAsync(await AddUserAsync("oversight", false, ("prov", Role.Oversight))),
            await ApiClientAsync(await AddUserAsync("stranger", false, ("elsewhere", Role.Coordinator))),
            Client(),
            await ApiClientAsync(await AddAssessorAsync("assessor", "prov", 2565)),
        ];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
