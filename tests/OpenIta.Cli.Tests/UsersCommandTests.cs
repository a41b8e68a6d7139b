using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary><c>openita users add|role</c>: the first administrator and roles, on a SQLite file or PostgreSQL.</summary>
public sealed class UsersCommandTests
{
    private static string NewDatabaseFile() =>
        Path.Combine(Directory.CreateTempSubdirectory("openita-cli-users-").FullName, "data", "openita.db");

    private static OpenItaDb Open(string file) =>
        DatabaseEngines.Create(DatabaseEngine.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());

    private static bool PasswordMatches(AppUser user, string password) =>
        new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    [Fact]
    public async Task Users_add_makes_the_first_administrator_with_a_password_from_standard_input()
    {
        var file = NewDatabaseFile();
        var run = CliRunner.RunWithInput("a-long-password-42\n", "users", "add", "--db", file, "--user", "admin", "--admin", "--password-stdin");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal($"Administrator admin added to {file}.\n", run.Out.ReplaceLineEndings("\n"));
        await using var db = Open(file);
        var user = await db.Users.SingleAsync();
        Assert.Equal("admin", user.UserName);
        Assert.True(user.IsAdministrator);
        Assert.True(PasswordMatches(user, "a-long-password-42"));
        Assert.Equal(SchemaMigrator.Known(db), await SchemaMigrator.AppliedAsync(db));
    }

    [Fact]
    public async Task Users_add_generates_a_password_and_prints_it_once()
    {
        var file = NewDatabaseFile();
        var run = CliRunner.Run("users", "add", "--db", file, "--user", "somchai", "--display-name", "สมชาย ใจดี");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var lines = run.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal($"User somchai added to {file}.", lines[0]);
        var password = Assert.Single(lines, l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))["Password (shown once): ".Length..];
        Assert.Equal(20, password.Length);
        await using var db = Open(file);
        var user = await db.Users.SingleAsync();
        Assert.False(user.IsAdministrator);
        Assert.Equal("สมชาย ใจดี", user.DisplayName);
        Assert.True(PasswordMatches(user, password));
    }

    [Fact]
    public async Task Users_role_gives_a_role_in_an_agency_once()
    {
        var file = NewDatabaseFile();
        Assert.Equal(CliApp.Ok, CliRunner.RunWithInput("a-long-password-42\n", "users", "add", "--db", file, "--user", "somchai", "--password-stdin").ExitCode);
        await using (var db = Open(file))
        {
            db.Agencies.Add(new Agency { Slug = "spm", NameTh = "สำนักเลขาธิการนายกรัฐมนตรี" });
            await AgencyPaths.RebuildAsync(db);
        }

        var run = CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "spm", "--role", "coordinator");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal("somchai is now Coordinator of spm (สำนักเลขาธิการนายกรัฐมนตรี).", run.Out.Trim());
        var again = CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "spm", "--role", "Coordinator");
        Assert.Equal(CliApp.Ok, again.ExitCode);
        Assert.Equal("somchai is already Coordinator of spm.", again.Out.Trim());
        Assert.Equal(CliApp.Ok, CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "spm", "--role", "Oversight").ExitCode);

        await using var check = Open(file);
        var roles = await check.Memberships.Where(m => m.Agency!.Slug == "spm").Select(m => m.Role).OrderBy(r => r).ToListAsync();
        Assert.Equal([Role.Coordinator, Role.Oversight], roles);
    }

    [Fact]
    public async Task Users_role_gives_an_assessor_a_year_and_refuses_an_assessor_without_one()
    {
        var file = NewDatabaseFile();
        Assert.Equal(CliApp.Ok, CliRunner.RunWithInput("a-long-password-42\n", "users", "add", "--db", file, "--user", "somchai", "--password-stdin").ExitCode);
        await using (var db = Open(file))
        {
            db.Agencies.Add(new Agency { Slug = "opm", NameTh = "สำนักนายกรัฐมนตรี" });
            await AgencyPaths.RebuildAsync(db);
        }

        var without = CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "opm", "--role", "Assessor");
        Assert.Equal(CliApp.BadInput, without.ExitCode);
        Assert.Contains("--year: An assessor needs a fiscal year", without.Error, StringComparison.Ordinal);
        var viewerWithYear = CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "opm", "--role", "Viewer", "--year", "2568");
        Assert.Equal(CliApp.BadInput, viewerWithYear.ExitCode);
        Assert.Contains("--year: Only an assessor's role takes a fiscal year", viewerWithYear.Error, StringComparison.Ordinal);
        var run = CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "opm", "--role", "assessor", "--year", "2568");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal("somchai is now Assessor of opm for 2568 (สำนักนายกรัฐมนตรี).", run.Out.Trim());
        // Another year is another role.
        Assert.Equal(CliApp.Ok, CliRunner.Run("users", "role", "--db", file, "--user", "somchai", "--agency", "opm", "--role", "Assessor", "--year", "2569").ExitCode);

        await using var check = Open(file);
        var years = await check.Memberships.Where(m => m.Role == Role.Assessor).Select(m => m.FiscalYear).OrderBy(y => y).ToListAsync();
        Assert.Equal([2568, 2569], years);
    }

    [Theory]
    [InlineData("users add --user admin", "give the database: --db FILE (SQLite) or --postgres")]
    [InlineData("users add --db {db} --postgres Host=x --user admin", "give the database: --db FILE (SQLite) or --postgres")]
    [InlineData("users add --db {db}", "--user")]
    [InlineData("users add --db {db} --user admin --password-stdin", "--password-stdin: standard input holds no password")]
    [InlineData("users role --db {db} --user nobody --agency spm --role Viewer", "--user: no user named nobody")]
    [InlineData("users role --db {db} --user nobody --agency spm --role Boss", "--role: 'Boss' is not one of Coordinator, UnitOwner, Executive, Viewer, Oversight, Assessor")]
    [InlineData("users add --postgres Host=127.0.0.1;Port=1;Timeout=1 --user admin", "--postgres: cannot open the database")]
    public void Users_commands_refuse_bad_arguments(string args, string message)
    {
        var file = NewDatabaseFile();
        var run = CliRunner.Run(args.Replace("{db}", file, StringComparison.Ordinal).Split(' '));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Users_add_refuses_a_taken_name_a_weak_password_and_an_unknown_agency()
    {
        var file = NewDatabaseFile();
        Assert.Equal(CliApp.Ok, CliRunner.RunWithInput("a-long-password-42\n", "users", "add", "--db", file, "--user", "admin", "--admin", "--password-stdin").ExitCode);

        var taken = CliRunner.RunWithInput("another-password-42\n", "users", "add", "--db", file, "--user", "admin", "--password-stdin");
        Assert.Equal(CliApp.BadInput, taken.ExitCode);
        Assert.Contains("--user: A user named admin already exists", taken.Error, StringComparison.Ordinal);

        var weak = CliRunner.RunWithInput("short\n", "users", "add", "--db", file, "--user", "weak", "--password-stdin");
        Assert.Equal(CliApp.BadInput, weak.ExitCode);
        Assert.Contains("at least 10 characters", weak.Error, StringComparison.Ordinal);

        var agency = CliRunner.Run("users", "role", "--db", file, "--user", "admin", "--agency", "nowhere", "--role", "Viewer");
        Assert.Equal(CliApp.BadInput, agency.ExitCode);
        Assert.Contains("--agency: no agency 'nowhere'", agency.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_add_works_on_postgresql_and_runs_its_migrations()
    {
        Assert.True(PostgresServer.Unavailable() is null, PostgresServer.Unavailable());
        using var server = PostgresServer.Start();
        var connection = server.ConnectionStringFor("postgres");

        var run = CliRunner.RunWithInput("a-long-password-42\n", "users", "add", "--postgres", connection, "--user", "admin", "--admin", "--password-stdin");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal("Administrator admin added to the PostgreSQL database.", run.Out.Trim());

        await using var db = DatabaseEngines.Create(DatabaseEngine.Postgres, connection);
        Assert.Equal(SchemaMigrator.Known(db), await SchemaMigrator.AppliedAsync(db));
        var user = await db.Users.SingleAsync();
        Assert.True(user.IsAdministrator);
        Assert.True(PasswordMatches(user, "a-long-password-42"));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("role")]
    public void Help_of_users(string command)
    {
        var run = CliRunner.Run("users", command, "--help");
        Assert.Equal(CliApp.Ok, run.ExitCode);
        Approvals.Verify(run.Out, $"users-{command}-help");
    }
}
