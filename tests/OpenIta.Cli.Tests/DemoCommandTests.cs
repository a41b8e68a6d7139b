using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Demo;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary><c>openita demo --db FILE</c>: the web application's demo database, made from the command line.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task It_creates_a_demo_database_with_the_seed_agencies_the_province_and_the_users()
    {
        var folder = Directory.CreateTempSubdirectory("openita-cli-demo-").FullName;
        var file = Path.Combine(folder, "sub", "demo.db");

        var run = CliRunner.Run("demo", "--db", file);

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal("", run.Error);
        var users = DemoUsers.Read(Path.Combine(folder, "sub", "demo-users.txt"));
        Assert.Equal(9, users.Count); // administrator, coordinator, unit owner, executive, viewer, oversight, tambon, opdc coordinator, assessor
        foreach (var user in users)
        {
            Assert.Contains($"{user.UserName} ", run.Out, StringComparison.Ordinal);
            Assert.Contains(user.Password, run.Out, StringComparison.Ordinal);
        }
        Assert.Contains("Coordinator of spm", run.Out, StringComparison.Ordinal);

        await using var db = Open(file);
        var slugs = await db.Agencies.Select(a => a.Slug).ToListAsync();
        Assert.Superset(new HashSet<string>(["opm", "spm", "tceb", "opdc", "sakon-nakhon", "maet-na-thom"]), slugs.ToHashSet());
        var province = await db.Agencies.SingleAsync(a => a.Slug == "sakon-nakhon");
        var below = (await db.Agencies.Select(a => a.Path).ToListAsync())
            .Count(p => p.StartsWith(province.Path, StringComparison.Ordinal) && p != province.Path);
        Assert.Equal(142, below);
        var spm = await db.Results.SingleAsync(r => r.Agency!.Slug == "spm" && r.FiscalYear == 2565);
        Assert.Equal(8921, spm.TotalHundredths);
        Assert.Equal("A", spm.RatingCode);
        Assert.Equal(9, await db.Users.CountAsync());
    }

    [Fact]
    public void It_refuses_a_file_that_holds_agencies_unless_forced()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("openita-cli-demo-").FullName, "demo.db");
        Assert.Equal(CliApp.Ok, CliRunner.Run("demo", "--db", file).ExitCode);
        var passwordsFile = Path.Combine(Path.GetDirectoryName(file)!, "demo-users.txt");
        var firstPasswords = File.ReadAllText(passwordsFile);

        var again = CliRunner.Run("demo", "--db", file);
        Assert.Equal(CliApp.BadInput, again.ExitCode);
        Assert.Contains("already holds", again.Error, StringComparison.Ordinal);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        Assert.Equal(firstPasswords, File.ReadAllText(passwordsFile));

        var forced = CliRunner.Run("demo", "--db", file, "--force");
        Assert.True(forced.ExitCode == CliApp.Ok, forced.Error);
        Assert.NotEqual(firstPasswords, File.ReadAllText(passwordsFile)); // a new database, new passwords
    }

    [Fact]
    public void It_refuses_a_file_that_is_not_a_database()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("openita-cli-demo-").FullName, "notes.txt");
        File.WriteAllText(file, "not a database, and long enough to have a header of its own ...................................");

        var run = CliRunner.Run("demo", "--db", file, "--force");

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("not an OpenITA SQLite database", run.Error, StringComparison.Ordinal);
    }

    private static OpenItaDb Open(string file) => DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={file};Pooling=False");
}
