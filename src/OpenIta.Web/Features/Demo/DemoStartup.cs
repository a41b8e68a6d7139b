using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Data.Users;

namespace OpenIta.Web.Features.Demo;

/// <summary>
/// Demo mode (<c>Demo:Enabled</c>, set by <c>./run.sh</c>; off in appsettings.json): fills an empty database with the
/// demo data and, once the server listens, prints the address and the demo users with their passwords. The passwords
/// live in <c>Demo:PasswordsFile</c>, by default <c>demo-users.txt</c> next to the SQLite file.
/// </summary>
public static class DemoStartup
{
    public const string PasswordsFileName = "demo-users.txt";

    public static async Task EnsureDemoAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var passwordsFile = PasswordsFile(app.Configuration);
        DemoOutcome outcome;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            // Two instances starting at once on an empty database: one fills it, the other then finds it filled.
            await using var held = await Infrastructure.DatabaseSetup.UnderInstanceLockAsync(app, services.GetRequiredService<OpenItaDb>(), "demo");
            outcome = await DemoData.EnsureAsync(
                services.GetRequiredService<OpenItaDb>(),
                services.GetRequiredService<UserManager<AppUser>>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<FrameworkCatalog>(),
                passwordsFile,
                app.Lifetime.ApplicationStopping);
        }
        if (outcome.Created)
        {
            app.Logger.LogInformation("Demo data created; demo passwords written to {PasswordsFile}", outcome.PasswordsFile);
        }
        app.Lifetime.ApplicationStarted.Register(() => Console.Out.Write(Banner(Addresses(app), outcome)));
    }

    /// <summary>Where the demo passwords are kept: <c>Demo:PasswordsFile</c>, or next to the SQLite database.</summary>
    public static string PasswordsFile(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Demo:PasswordsFile"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        var folder = "data";
        if (DatabaseEngines.Parse(configuration["Database:Engine"]) == DatabaseEngine.Sqlite)
        {
            var connectionString = configuration.GetConnectionString("OpenIta");
            var database = string.IsNullOrWhiteSpace(connectionString)
                ? configuration["Database:Path"] ?? Path.Combine("data", "openita.db")
                : new SqliteConnectionStringBuilder(connectionString).DataSource;
            folder = Path.GetDirectoryName(Path.GetFullPath(database)) ?? folder;
        }
        return Path.GetFullPath(Path.Combine(folder, PasswordsFileName));
    }

    /// <summary>The console block: the address, that this is demo mode, and each demo user with role and password.</summary>
    public static string Banner(IReadOnlyList<string> addresses, DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(outcome);
        const string rule = "==============================================================================";
        var text = new StringBuilder();
        text.Append('\n').Append(rule).Append('\n');
        text.Append("  OpenITA: โหมดสาธิต · DEMO MODE (demo data, not for real use)\n");
        foreach (var address in addresses)
        {
            text.Append("  Open ").Append(address).Append('\n');
        }
        text.Append('\n');
        if (outcome.Users.Count == 0)
        {
            text.Append("  The demo users' passwords are not known: ").Append(outcome.PasswordsFile).Append(" is missing.\n");
            text.Append("  Delete the database file and start again to make a new demo database with new passwords.\n");
        }
        else
        {
            text.Append("  ผู้ใช้ตัวอย่าง · Demo users (user name, role, password):\n");
            foreach (var line in DemoUsers.Lines(outcome.Users))
            {
                text.Append("    ").Append(line).Append('\n');
            }
            text.Append('\n');
            text.Append("  Passwords are kept in ").Append(outcome.PasswordsFile).Append('\n');
            text.Append("  Agencies marked ข้อมูลสังเคราะห์ (synthetic) are generated, not real ITA results.\n");
        }
        text.Append(rule).Append("\n\n");
        return text.ToString();
    }

    private static List<string> Addresses(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is { Count: > 0 })
        {
            return [.. addresses];
        }
        var urls = app.Configuration["urls"];
        return string.IsNullOrWhiteSpace(urls)
            ? ["http://localhost:5000"]
            : [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
