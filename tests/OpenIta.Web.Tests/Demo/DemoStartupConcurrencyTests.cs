using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Demo;

/// <summary>Two instances in demo mode starting at the same moment on one empty database fill it once, and both start.</summary>
public sealed class DemoStartupConcurrencyTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_instances_starting_together_fill_the_demo_database_once(DatabaseEngine engine)
    {
        var connectionString = await TestDatabases.CreateAsync(engine);
        var passwordsFile = Path.Combine(Directory.CreateTempSubdirectory("openita-demo-").FullName, "demo-users.txt");
        Action<IWebHostBuilder> demo = builder =>
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:PasswordsFile", passwordsFile);
        };
        using var go = new ManualResetEventSlim();
        var starting = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return await TestApp.StartAsync(engine, connectionString, demo);
        })).ToList();
        go.Set();
        await using var one = await starting[0];
        await using var two = await starting[1];

        Assert.Equal(147, await one.WithDbAsync(db => db.Agencies.CountAsync()));
        var users = DemoUsers.Read(passwordsFile);
        Assert.Equal(9, users.Count);
        Assert.Equal(9, await two.WithDbAsync(db => db.Users.CountAsync()));
        var coordinator = users.Single(u => u.UserName == "coordinator");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await TestApp.SignInAsync(two.Client(), coordinator.UserName, coordinator.Password)).StatusCode);
    }
}
