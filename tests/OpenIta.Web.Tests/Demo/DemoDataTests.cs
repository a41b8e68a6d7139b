using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Demo;

/// <summary>The demo database (issue 3, item 8) on both engines, and demo mode in the running application.</summary>
public sealed class DemoDataTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>Every result the seeds publish: total as printed, and the rating (printed, or the scale's for the total).</summary>
    public static TheoryData<string, int, string, string> SeedResults => new()
    {
        { "spm", 2565, "89.21", "A" },
        { "tceb", 2563, "93.75", "A" },
        { "tceb", 2564, "95.01", "AA" },
        { "opdc", 2565, "92.62", "A" },
        { "opdc", 2566, "90.47", "Pass" },
        { "maet-na-thom", 2567, "96.74", "GoodPass" },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_demo_database_has_the_seed_agencies_their_results_the_synthetic_province_and_a_user_per_role(DatabaseEngine engine)
    {
        await using var demo = await DemoDatabase.CreateAsync(engine);
        var outcome = await demo.EnsureAsync();
        Assert.True(outcome.Created);
        var db = demo.Db;

        // The seed agencies, with their stable slugs, under their groups.
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Slug);
        Assert.Equal("สำนักเลขาธิการนายกรัฐมนตรี", agencies["spm"].NameTh);
        Assert.Equal("สลน.", agencies["spm"].Abbreviation);
        Assert.Equal("สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)", agencies["tceb"].NameTh);
        Assert.Equal("สสปน.", agencies["tceb"].Abbreviation);
        Assert.Equal("สำนักงานคณะกรรมการพัฒนาระบบราชการ", agencies["opdc"].NameTh);
        Assert.Equal("องค์การบริหารส่วนตำบลแมดนาท่ม", agencies["maet-na-thom"].NameTh);
        foreach (var slug in new[] { "spm", "tceb", "opdc" })
        {
            Assert.Equal(agencies["opm"].Id, agencies[slug].ParentId);
            Assert.StartsWith(agencies["opm"].Path, agencies[slug].Path, StringComparison.Ordinal);
            Assert.False(agencies[slug].IsSynthetic);
        }
        Assert.Equal(agencies["sakon-nakhon"].Id, agencies["maet-na-thom"].ParentId);
        Assert.All(agencies.Values.Where(a => a.ParentId is { } p), a => Assert.Equal($"{agencies.Values.Single(x => x.Id == a.ParentId).Path}{a.Id}/", a.Path));

        // Every seed result with its published total and rating.
        var results = await db.Results.AsNoTracking().Include(r => r.Agency).Where(r => !r.Agency!.IsSynthetic).ToListAsync();
        Assert.Equal(SeedResults.Count, results.Count);
        foreach (var row in SeedResults)
        {
            var (slug, year, total, rating) = ((string)row[0], (int)row[1], (string)row[2], (string)row[3]);
            var result = Assert.Single(results, r => r.Agency!.Slug == slug && r.FiscalYear == year);
            Assert.Equal(total, (result.TotalHundredths!.Value / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            Assert.Equal(rating, result.RatingCode);
        }
        Assert.Equal(1, results.Single(r => r.Agency!.Slug == "tceb" && r.FiscalYear == 2564).DiscrepancyCount); // indicator 4 as printed
        Assert.Equal(2, results.Single(r => r.Agency!.Slug == "opdc" && r.FiscalYear == 2566).DiscrepancyCount); // EIT 88.75 as printed

        // The synthetic province: 142 agencies below sakon-nakhon, 141 of them synthetic and labelled so.
        var provincePath = agencies["sakon-nakhon"].Path;
        var province = agencies.Values.Where(a => a.Path.StartsWith(provincePath, StringComparison.Ordinal) && a.Path != provincePath).ToList();
        Assert.Equal(142, province.Count);
        Assert.Equal(141, province.Count(a => a.IsSynthetic));
        Assert.Equal(141, agencies.Values.Count(a => a.IsSynthetic));
        Assert.All(province.Where(a => a.IsSynthetic), a =>
        {
            Assert.Contains("ข้อมูลสังเคราะห์", a.NameTh, StringComparison.Ordinal);
            Assert.Contains("synthetic", a.NameEn!, StringComparison.Ordinal);
        });
        Assert.True(province.Select(a => a.Kind).Distinct().Count() >= 3);

        // Generated results for each year the catalog allows: most pass, some do not, a few are missing.
        var years = SyntheticProvince.Years(FrameworkCatalog.BuiltIn);
        Assert.Equal([2566, 2567, 2568], years);
        var synthetic = await db.Results.AsNoTracking().Where(r => r.Agency!.IsSynthetic).ToListAsync();
        foreach (var year in years)
        {
            var totals = synthetic.Where(r => r.FiscalYear == year).Select(r => r.TotalHundredths!.Value / 100m).ToList();
            Assert.InRange(totals.Count, 120, 140); // some of the 141 are missing
            Assert.Contains(totals, t => t < 85);
            Assert.InRange(totals.Count(t => t >= 85) / (double)totals.Count, 0.75, 0.97);
            Assert.True(totals.Count(t => t is >= 80 and <= 98) > totals.Count * 0.8);
            Assert.All(synthetic.Where(r => r.FiscalYear == year), r => Assert.NotNull(r.RatingCode));
        }

        // One user per role, with the right memberships, and the passwords that were printed.
        var users = await db.Users.AsNoTracking().Include(u => u.Memberships).ThenInclude(m => m.Agency).ToListAsync();
        Assert.Equal(["admin", "assessor", "coordinator", "executive", "oversight", "tambon", "unitowner", "viewer"], users.Select(u => u.UserName!).Order(StringComparer.Ordinal));
        string Roles(string userName) => string.Join(",", users.Single(u => u.UserName == userName).Memberships
            .Select(m => $"{m.Role}@{m.Agency!.Slug}").Order(StringComparer.Ordinal));
        Assert.True(users.Single(u => u.UserName == "admin").IsAdministrator);
        Assert.Equal("", Roles("admin"));
        Assert.Equal("Coordinator@spm", Roles("coordinator"));
        Assert.Equal("UnitOwner@spm", Roles("unitowner"));
        Assert.Equal("Executive@spm", Roles("executive"));
        Assert.Equal("Viewer@spm", Roles("viewer"));
        Assert.Equal("Oversight@sakon-nakhon", Roles("oversight"));
        Assert.Equal("Coordinator@maet-na-thom", Roles("tambon"));
        var assessor = Assert.Single(users.Single(u => u.UserName == "assessor").Memberships);
        Assert.Equal((Role.Assessor, "opm", (int?)DemoUsers.DemoAssessorYear), (assessor.Role, assessor.Agency!.Slug, assessor.FiscalYear));
        Assert.All(users.Where(u => u.UserName != "admin"), u => Assert.False(u.IsAdministrator));
        Assert.Equal(8, outcome.Users.Select(u => u.Password).Distinct().Count());
        foreach (var user in outcome.Users)
        {
            var stored = await demo.Users.FindByNameAsync(user.UserName);
            Assert.True(await demo.Users.CheckPasswordAsync(stored!, user.Password), user.UserName);
        }
        Assert.Equal(outcome.Users, DemoUsers.Read(outcome.PasswordsFile));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Running_it_again_changes_nothing(DatabaseEngine engine)
    {
        await using var demo = await DemoDatabase.CreateAsync(engine);
        var first = await demo.EnsureAsync();
        var before = await demo.SnapshotAsync();
        var fileBefore = await File.ReadAllTextAsync(first.PasswordsFile);

        var second = await demo.EnsureAsync();
        Assert.False(second.Created);
        Assert.Equal(first.Users, second.Users);
        Assert.Equal(before, await demo.SnapshotAsync());
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(second.PasswordsFile));
    }

    [Fact]
    public async Task A_database_that_has_agencies_is_left_alone()
    {
        await using var demo = await DemoDatabase.CreateAsync(DatabaseEngine.Sqlite);
        demo.Db.Agencies.Add(new OpenIta.Data.Agencies.Agency { Slug = "mine", NameTh = "หน่วยงานจริง", Path = "/1/" });
        await demo.Db.SaveChangesAsync();

        var outcome = await demo.EnsureAsync();
        Assert.False(outcome.Created);
        Assert.Empty(outcome.Users);
        Assert.False(File.Exists(outcome.PasswordsFile));
        Assert.Equal(1, await demo.Db.Agencies.CountAsync());
        Assert.Equal(0, await demo.Db.Users.CountAsync());
    }

    [Fact]
    public void The_embedded_seed_results_are_the_input_levels_of_the_seed_files()
    {
        string[] levels = ["fiscalYear", "indicators", "subIndicators", "instruments", "questions", "oitItems", "responses", "total", "participation", "published"];
        string[] publishedLevels = ["total", "instruments", "indicators", "subIndicators", "questions", "rating"];
        var seeds = Path.Combine(RepositoryPaths.Root, "tests", "OpenIta.Core.Tests", "Seeds");
        var files = Directory.GetFiles(seeds, "seed*.json");
        Assert.Equal(DemoData.SeedResults.Count, files.Length);
        foreach (var (slug, year) in DemoData.SeedResults)
        {
            var file = Assert.Single(files, f => Path.GetFileName(f).EndsWith($"-{year}.json", StringComparison.Ordinal)
                && Path.GetFileName(f).Contains(slug == "maet-na-thom" ? "-mae-nathom-" : $"-{slug}-", StringComparison.Ordinal));
            var seed = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var expected = new JsonObject();
            foreach (var level in levels.Where(seed.ContainsKey))
            {
                expected[level] = seed[level]!.DeepClone();
            }
            if (expected["published"] is JsonObject published)
            {
                foreach (var extra in published.Select(p => p.Key).Where(k => !publishedLevels.Contains(k)).ToList())
                {
                    published.Remove(extra);
                }
            }
            var embedded = JsonNode.Parse(DemoData.SeedJson(slug, year));
            Assert.True(JsonNode.DeepEquals(expected, embedded), $"{slug}-{year}: the embedded file differs from {Path.GetFileName(file)}");
        }
    }

    [Fact]
    public void The_synthetic_data_is_the_same_every_time()
    {
        var catalog = FrameworkCatalog.BuiltIn;
        var first = SyntheticProvince.Results(SyntheticProvince.Agencies(), catalog).Select(r => (r.Agency.Slug, r.InputJson)).ToList();
        var second = SyntheticProvince.Results(SyntheticProvince.Agencies(), catalog).Select(r => (r.Agency.Slug, r.InputJson)).ToList();
        Assert.Equal(first, second);
        Assert.Equal(SyntheticProvince.AgencyCount, SyntheticProvince.Agencies().Select(a => a.Slug).Distinct().Count());
    }

    [Fact]
    public async Task Demo_mode_fills_the_database_at_start_and_the_demo_users_can_sign_in()
    {
        var connectionString = await TestDatabases.CreateAsync(DatabaseEngine.Sqlite);
        var passwordsFile = Path.Combine(Directory.CreateTempSubdirectory("openita-demo-").FullName, "demo-users.txt");
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite, connectionString);
        await using var demo = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:PasswordsFile", passwordsFile);
        });
        var client = demo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var users = DemoUsers.Read(passwordsFile);
        Assert.Equal(8, users.Count);
        var coordinator = users.Single(u => u.UserName == "coordinator");
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, coordinator.UserName, coordinator.Password)).StatusCode);
        Assert.Equal(147, await app.WithDbAsync(db => db.Agencies.CountAsync()));
    }

    [Fact]
    public void The_start_up_block_names_the_address_demo_mode_and_every_user_with_role_and_password()
    {
        var users = DemoUsers.Specs.Select(s => new DemoUser(s.UserName, s.DisplayName, s.Role?.ToString() ?? DemoUsers.Administrator, s.AgencySlug, DemoUsers.NewPassword())).ToList();
        var banner = Features.Demo.DemoStartup.Banner(["http://127.0.0.1:5000"], new DemoOutcome(true, users, "/x/demo-users.txt"));
        Assert.Contains("http://127.0.0.1:5000", banner, StringComparison.Ordinal);
        Assert.Contains("DEMO MODE", banner, StringComparison.Ordinal);
        foreach (var user in users)
        {
            Assert.Contains(user.Password, banner, StringComparison.Ordinal);
            Assert.Matches($"{user.UserName} +{DemoUsers.Describe(user)} +{user.Password}", banner);
        }
        Assert.Contains("Coordinator of spm", banner, StringComparison.Ordinal);
        Assert.Contains("Oversight of sakon-nakhon", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void The_passwords_file_is_kept_next_to_the_SQLite_database_unless_configured()
    {
        static string Of(params (string Key, string Value)[] settings) => Features.Demo.DemoStartup.PasswordsFile(
            new ConfigurationBuilder()
                .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

        var folder = Path.Combine(Path.GetTempPath(), "openita-somewhere");
        Assert.Equal(Path.Combine(folder, "demo-users.txt"), Of(("Database:Path", Path.Combine(folder, "openita.db"))));
        Assert.Equal(Path.Combine(folder, "demo-users.txt"), Of(("ConnectionStrings:OpenIta", $"Data Source={Path.Combine(folder, "x.db")};Pooling=False")));
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "demo-users.txt")), Of());
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "demo-users.txt")), Of(("Database:Engine", "postgres"), ("ConnectionStrings:OpenIta", "Host=db")));
        Assert.Equal(Path.Combine(folder, "p.txt"), Of(("Demo:PasswordsFile", Path.Combine(folder, "p.txt"))));
    }

    [Fact]
    public void Passwords_are_random_and_meet_any_password_rule()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => DemoUsers.NewPassword()).ToList();
        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 12);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains('-', p);
        });
    }

    /// <summary>A new database on one engine, migrated, with a UserManager on the same context (as the CLI builds it).</summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_demo_database_has_the_seeds_measures_published_with_seed_000s_approval(DatabaseEngine engine)
    {
        await using var demo = await DemoDatabase.CreateAsync(engine);
        await demo.EnsureAsync();
        var db = demo.Db;

        var plans = await db.MeasurePlans.AsNoTracking().Include(p => p.Agency).ToListAsync();
        Assert.Equal(
            ["maet-na-thom 2567", "opdc 2566", "spm 2565", "spm 2567", "tceb 2564"],
            plans.Select(p => $"{p.Agency!.Slug} {p.FiscalYear}").Order(StringComparer.Ordinal));
        Assert.All(plans, p =>
        {
            Assert.Equal(1, p.Revision);
            Assert.Equal(OpenIta.Core.Measures.PlanStatus.Published, p.Status);
            var plan = p.Plan();
            Assert.Equal(p.FiscalYear, plan.ResultsYear.BuddhistEra);
            Assert.NotEmpty(plan.Measures);
        });

        var spm = plans.Single(p => p.Agency!.Slug == "spm" && p.FiscalYear == 2565);
        Assert.Equal(new OpenIta.Core.Measures.Approval("เลขาธิการนายกรัฐมนตรี", "เลขาธิการนายกรัฐมนตรี", new DateOnly(2022, 11, 30), "ศปท. 0706/2565"), spm.Approval());
        Assert.Equal(OpenIta.Core.Measures.PlanLayout.ByItem, spm.Plan().Layout);
        Assert.Null(plans.Single(p => p.Agency!.Slug == "opdc").Approval());
        Assert.Equal(OpenIta.Core.Measures.PlanLayout.ByTheme, plans.Single(p => p.Agency!.Slug == "maet-na-thom").Plan().Layout);

        // Seed 001's own target for the total.
        Assert.Equal(95.00m, await db.Agencies.Where(a => a.Slug == "tceb").Select(a => a.AnalysisTarget).SingleAsync());

        var events = await db.PlanEvents.AsNoTracking().ToListAsync();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("imported", e.Action));

        // Seed 004: spm's FY2568 action plan with its 12-month round (plan items and the eight measures), accepted.
        var actionPlan = await db.ActionPlans.AsNoTracking().SingleAsync();
        Assert.Equal((2568, 2568), (actionPlan.FirstYear, actionPlan.LastYear));
        var round = await db.ProgressRounds.AsNoTracking().SingleAsync();
        Assert.Equal(("12", OpenIta.Data.Plans.RoundStatus.Open), (round.Period, round.Status));
        Assert.Equal(8, await db.ProgressEntries.CountAsync(e => e.MeasureNumber != null));
        Assert.All(await db.ProgressEntries.ToListAsync(), e => Assert.Equal(OpenIta.Data.Plans.ReviewStatus.Accepted, e.Review));
        var owned = await new OpenIta.Data.Agencies.UnitStore(db).UnitsAsync(actionPlan.AgencyId);
        Assert.Equal("unitowner", Assert.Single(owned.Single(u => u.Name == "ศปท.").Owners).UserName);
    }

    private sealed class DemoDatabase : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly AsyncServiceScope _scope;
        private readonly string _passwordsFile;

        private DemoDatabase(ServiceProvider provider, string passwordsFile)
        {
            _provider = provider;
            _scope = provider.CreateAsyncScope();
            _passwordsFile = passwordsFile;
        }

        public OpenItaDb Db => _scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        public UserManager<AppUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        public static async Task<DemoDatabase> CreateAsync(DatabaseEngine engine)
        {
            var connectionString = await TestDatabases.CreateAsync(engine);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddOpenItaDb(engine, connectionString);
            services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<OpenItaDb>();
            var folder = Directory.CreateTempSubdirectory("openita-demo-").FullName;
            var demo = new DemoDatabase(services.BuildServiceProvider(), Path.Combine(folder, "demo-users.txt"));
            await SchemaMigrator.MigrateAsync(demo.Db);
            return demo;
        }

        public Task<DemoOutcome> EnsureAsync() =>
            DemoData.EnsureAsync(Db, Users, TimeProvider.System, FrameworkCatalog.BuiltIn, _passwordsFile);

        /// <summary>Every row that matters, as text, to compare before and after.</summary>
        public async Task<string> SnapshotAsync()
        {
            await using var fresh = _provider.CreateAsyncScope();
            var db = fresh.ServiceProvider.GetRequiredService<OpenItaDb>();
            var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Id)
                .Select(a => $"{a.Id} {a.Slug} {a.Path} {a.ParentId} {a.Kind} {a.IsSynthetic}").ToListAsync();
            var results = await db.Results.AsNoTracking().OrderBy(r => r.Id)
                .Select(r => $"{r.Id} {r.AgencyId} {r.FiscalYear} {r.TotalExact} {r.RatingCode} {r.UpdatedAtUnixMs}").ToListAsync();
            var scores = await db.ResultScores.CountAsync();
            var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => $"{u.Id} {u.UserName} {u.PasswordHash}").ToListAsync();
            var memberships = await db.Memberships.AsNoTracking().OrderBy(m => m.Id).Select(m => $"{m.UserId} {m.AgencyId} {m.Role}").ToListAsync();
            return string.Join("\n", agencies.Concat(results).Concat(users).Concat(memberships).Append(scores.ToString(CultureInfo.InvariantCulture)));
        }

        public async ValueTask DisposeAsync()
        {
            await _scope.DisposeAsync();
            await _provider.DisposeAsync();
        }
    }
}
