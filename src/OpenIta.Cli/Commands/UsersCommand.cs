using System.CommandLine;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Data;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita users add|role</c>: the first administrator (before anyone can sign in) and roles in agencies, straight
/// on the database (a SQLite file or PostgreSQL). The schema is brought up to date first, so this also works on a
/// database the web application has never opened.
/// </summary>
public static class UsersCommand
{
    /// <summary>The options every users command takes: which database, which user.</summary>
    private sealed record Target(Option<FileInfo?> Db, Option<string?> Postgres, Option<string> User)
    {
        public static Target Create() => new(
            new Option<FileInfo?>("--db") { Description = "The SQLite database file (made if missing).", HelpName = "FILE" },
            new Option<string?>("--postgres") { Description = "A PostgreSQL connection string, instead of --db.", HelpName = "CONNSTRING" },
            new Option<string>("--user") { Description = "The user name.", Required = true, HelpName = "NAME" });
    }

    public static Command Create(CliContext context)
    {
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator: sees and changes everything." };
        var displayName = new Option<string?>("--display-name") { Description = "The name shown in the application (default: the user name).", HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input; otherwise one is generated and printed once.",
        };
        var addTarget = Target.Create();
        var add = new Command("add", "Add a user (the first administrator: --admin).")
        {
            addTarget.Db, addTarget.Postgres, addTarget.User, admin, displayName, passwordStdin,
        };
        add.SetAction(parsed => AddAsync(context, parsed, addTarget, parsed.GetValue(admin), parsed.GetValue(displayName), parsed.GetValue(passwordStdin))
            .GetAwaiter().GetResult());

        var agency = new Option<string>("--agency") { Description = "The agency's slug.", Required = true, HelpName = "SLUG" };
        var role = new Option<string>("--role")
        {
            Description = $"The role in the agency: {string.Join("|", Enum.GetNames<Role>())}.",
            Required = true,
            HelpName = "ROLE",
        };
        var year = new Option<int?>("--year")
        {
            Description = "The fiscal year (BE) an Assessor assesses; required for Assessor, refused for every other role.",
            HelpName = "YEAR",
        };
        var roleTarget = Target.Create();
        var grant = new Command("role", "Give a user a role in an agency (Oversight: in a group and every agency below it; Assessor: the same, for --year).")
        {
            roleTarget.Db, roleTarget.Postgres, roleTarget.User, agency, role, year,
        };
        grant.SetAction(parsed => RoleAsync(context, parsed, roleTarget, parsed.GetValue(agency)!, parsed.GetValue(role)!, parsed.GetValue(year))
            .GetAwaiter().GetResult());

        return new Command("users", "Users and their roles: the first administrator, a role in an agency.") { add, grant };
    }

    private static async Task<int> AddAsync(CliContext context, ParseResult parsed, Target target, bool admin, string? displayName, bool passwordStdin)
    {
        var name = parsed.GetValue(target.User)!.Trim();
        var generated = !passwordStdin;
        var password = passwordStdin ? ReadPassword(context.In) : NewPassword();
        await using var database = await OpenAsync(parsed, target);
        var accounts = database.Services.GetRequiredService<UserAccounts>();
        try
        {
            await accounts.AddAsync(name, displayName, admin, password);
        }
        catch (AccountException e)
        {
            throw Usage(e);
        }
        context.Out.WriteLine($"{(admin ? "Administrator" : "User")} {name} added to {database.Name}.");
        if (generated)
        {
            context.Out.WriteLine($"Password (shown once): {password}");
        }
        return CliApp.Ok;
    }

    private static async Task<int> RoleAsync(CliContext context, ParseResult parsed, Target target, string slug, string roleName, int? year)
    {
        var role = Enum.GetValues<Role>().Where(r => string.Equals(r.ToString(), roleName.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(r => (Role?)r).FirstOrDefault()
            ?? throw new UsageException($"--role: '{roleName}' is not one of {string.Join(", ", Enum.GetNames<Role>())}");
        var name = parsed.GetValue(target.User)!.Trim();
        await using var database = await OpenAsync(parsed, target);
        var user = await database.Services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name)
            ?? throw new UsageException($"--user: no user named {name}");
        var agency = await database.Db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug.Trim())
            ?? throw new UsageException($"--agency: no agency '{slug.Trim()}'");
        bool added;
        try
        {
            added = await database.Services.GetRequiredService<UserAccounts>().GrantAsync(user, agency.Slug, role, year);
        }
        catch (AccountException e)
        {
            throw Usage(e);
        }
        var of = year is null ? agency.Slug : $"{agency.Slug} for {year}";
        context.Out.WriteLine(added
            ? $"{name} is now {role} of {of} ({agency.NameTh})."
            : $"{name} is already {role} of {of}.");
        return CliApp.Ok;
    }

    /// <summary>A refusal of the shared rules, naming the command's option instead of the form's field.</summary>
    private static UsageException Usage(AccountException e) => new(e.Field switch
    {
        "UserName" => "--user",
        "DisplayName" => "--display-name",
        "Agency" => "--agency",
        "Role" => "--role",
        "FiscalYear" => "--year",
        _ => "--password-stdin",
    } + ": " + e.English);

    /// <summary>The database of --db or --postgres, at the current schema, with Identity's user manager over it.</summary>
    private sealed class Database(ServiceProvider provider, AsyncServiceScope scope, string name) : IAsyncDisposable
    {
        public IServiceProvider Services => scope.ServiceProvider;
        public OpenItaDb Db => Services.GetRequiredService<OpenItaDb>();
        public string Name => name;

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await provider.DisposeAsync();
        }
    }

    private static async Task<Database> OpenAsync(ParseResult parsed, Target target)
    {
        var file = parsed.GetValue(target.Db);
        var postgres = parsed.GetValue(target.Postgres);
        if ((file is null) == string.IsNullOrWhiteSpace(postgres))
        {
            throw new UsageException("give the database: --db FILE (SQLite) or --postgres \"CONNSTRING\"");
        }
        DatabaseEngine engine;
        string connectionString;
        string name;
        if (file is not null)
        {
            if (Directory.Exists(file.FullName))
            {
                throw new UsageException($"--db: {file.FullName} is a folder, not a database file");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(file.FullName)!);
            engine = DatabaseEngine.Sqlite;
            connectionString = new SqliteConnectionStringBuilder { DataSource = file.FullName, Pooling = false }.ToString();
            name = file.FullName;
        }
        else
        {
            engine = DatabaseEngine.Postgres;
            connectionString = postgres!;
            name = "the PostgreSQL database";
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenItaDb(engine, connectionString);
        // The rules of the web application (UserAccounts: the password rules, adding users, giving roles).
        services.AddSingleton(TimeProvider.System);
        services.AddIdentityCore<AppUser>(UserAccounts.ConfigureIdentity).AddEntityFrameworkStores<OpenItaDb>();
        services.AddScoped<UserAccounts>();
        var provider = services.BuildServiceProvider();
        var scope = provider.CreateAsyncScope();
        var database = new Database(provider, scope, name);
        try
        {
            await SchemaMigrator.MigrateAsync(database.Db);
            return database;
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
        {
            await database.DisposeAsync();
            throw new UsageException($"{(file is null ? "--postgres" : "--db")}: cannot open the database: {e.Message}");
        }
    }

    private static string ReadPassword(TextReader stdin)
    {
        var line = stdin.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new UsageException("--password-stdin: standard input holds no password");
        }
        return line.TrimEnd('\r', '\n');
    }

    /// <summary>20 characters without look-alikes (no l, 1, o, 0); at least one digit and one letter, as the rules ask.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 20);
            if (password.Any(char.IsDigit) && password.Any(char.IsLetter))
            {
                return password;
            }
        }
    }
}
