using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita demo --db FILE</c>: makes the demo database of the web application's demo mode (seed agencies and
/// results, a synthetic province, one user per role) in a SQLite file and prints the demo users' passwords.
/// </summary>
public static class DemoCommand
{
    public const string PasswordsFileName = "demo-users.txt";

    public static Command Create(CliContext context)
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database file to create.", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "If the file already holds agencies, delete it and make it again." };
        var passwords = new Option<FileInfo?>("--passwords")
        {
            HelpName = "FILE",
            Description = $"Where to write the demo users' passwords (default: {PasswordsFileName} next to the database).",
        };
        var command = new Command("demo", "Create the demo database: seed agencies and results, a synthetic province, one user per role.")
        {
            db, force, passwords,
        };
        command.SetAction(parsed => RunAsync(
                context, parsed.GetValue(db)!, parsed.GetValue(force), parsed.GetValue(passwords), context.Frameworks(parsed))
            .GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, FileInfo file, bool force, FileInfo? passwords, FrameworkCatalog catalog)
    {
        var path = file.FullName;
        if (Directory.Exists(path))
        {
            throw new UsageException($"--db: {path} is a folder, not a database file");
        }
        if (File.Exists(path))
        {
            var agencies = await CountAgenciesAsync(path);
            if (agencies > 0 && !force)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--db: {path} already holds {agencies} agencies; add --force to delete it and make the demo database again"));
            }
            if (agencies > 0)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                {
                    File.Delete(path + suffix);
                }
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var passwordsFile = passwords?.FullName ?? Path.Combine(Path.GetDirectoryName(path)!, PasswordsFileName);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOpenItaDb(DatabaseEngine.Sqlite, ConnectionString(path));
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<OpenItaDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await SchemaMigrator.MigrateAsync(database);
        var outcome = await DemoData.EnsureAsync(
            database, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), TimeProvider.System, catalog, passwordsFile);

        var agencyCount = await database.Agencies.CountAsync();
        var synthetic = await database.Agencies.CountAsync(a => a.IsSynthetic);
        var results = await database.Results.CountAsync();
        var output = context.Out;
        output.WriteLine($"ฐานข้อมูลสาธิต · Demo database: {path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {agencyCount} agencies ({synthetic} synthetic), {results} results ({DemoData.SeedResults.Count} from the seed documents)"));
        output.WriteLine("ผู้ใช้ตัวอย่าง · Demo users (user name, role, password):");
        foreach (var line in DemoUsers.Lines(outcome.Users))
        {
            output.WriteLine($"  {line}");
        }
        output.WriteLine($"Passwords written to {outcome.PasswordsFile}");
        return CliApp.Ok;
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    /// <summary>How many agencies an existing file holds (0 when it has no agencies table yet).</summary>
    private static async Task<long> CountAgenciesAsync(string path)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            await connection.OpenAsync();
            await using var table = connection.CreateCommand();
            table.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'agencies'";
            if (Convert.ToInt64(await table.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return 0;
            }
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM agencies";
            return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw new UsageException($"--db: {path} is not an OpenITA SQLite database ({e.Message})");
        }
    }
}
