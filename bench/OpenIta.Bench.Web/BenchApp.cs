using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Data;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Bench.Web;

/// <summary>
/// The real web application (src/OpenIta.Web, its Program, pipeline and settings) in-process on a benchmark database,
/// in the Production environment, with <see cref="SqlMeter"/> added to its database context. Requests go through the
/// in-memory test server: the whole ASP.NET Core pipeline, no socket.
/// </summary>
internal sealed partial class BenchApp(DatabaseEngine engine, string connectionString, SqlMeter meter, bool caseSensitiveLike)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseContentRoot(ContentRoot());
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Engine", engine == DatabaseEngine.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:OpenIta", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"); // keeps stdout for the report
        builder.ConfigureTestServices(services => services.ConfigureDbContext<OpenItaDb>(options =>
        {
            options.AddInterceptors(meter);
            if (caseSensitiveLike && engine == DatabaseEngine.Sqlite)
            {
                options.AddInterceptors(new CaseSensitiveLike());
            }
        }));
    }

    /// <summary>
    /// src/OpenIta.Web, from the manifest Microsoft.AspNetCore.Mvc.Testing writes next to the program (the factory itself
    /// looks for it in the current directory, which is the repository when run with <c>dotnet run --project</c>).
    /// </summary>
    private static string ContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest)) ?? [];
        var name = typeof(Program).Assembly.GetName().FullName;
        return roots.TryGetValue(name, out var root) ? root : throw new InvalidOperationException($"{manifest} does not name {name}");
    }

    /// <summary>A client that keeps cookies and does not follow redirects (a redirect is a failure here).</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the login form, anti-forgery token included, as a browser does.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = Client();
        var html = await client.GetStringAsync("/account/login");
        var token = TokenField().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("/account/login has no anti-forgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync("/account/login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing in as {userName} answered {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>A client with a new API token of <paramref name="userName"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var token = await ApiTokenAuthentication.IssueAsync(db, TimeProvider.System, userId, "benchmark");
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
