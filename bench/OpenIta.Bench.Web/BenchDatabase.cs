using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Demo;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;
using OpenIta.Data.Users;

namespace OpenIta.Bench.Web;

/// <summary>What <see cref="BenchDatabase.BuildAsync"/> made: the slugs the pages are asked for and what loading cost.</summary>
/// <param name="SecondGroupSlug">The second, smaller group beside the first one, or null when there is none.</param>
internal sealed record BuiltDatabase(
    string GroupSlug, string OneSlug, int Agencies, string? SecondGroupSlug, int SecondGroupAgencies, int Results, int ScoreRows,
    string AdminUser, string AdminPassword, double LoadSeconds);

/// <summary>
/// One benchmark database: a group (Kind Province) with N synthetic agencies below it, results for about 95 % of them for
/// one fiscal year given at indicator level (a seeded <see cref="Random"/>), stored through <see cref="ResultStore"/>
/// exactly as the import does, and one administrator made through Identity's own <see cref="UserManager{TUser}"/>.
/// Optionally a second, smaller group beside it (a province in a national database), made the same way.
/// </summary>
internal static class BenchDatabase
{
    public const string GroupSlug = "bench-province";
    public const string SecondGroupSlug = "bench-province-b";
    public const string AdminUser = "bench.admin";

    /// <summary>Meets Identity's default rules (the loader's) and the application's (10 characters at least).</summary>
    public const string AdminPassword = "Bench-Pages-2567";

    private const int Batch = 500;
    private const double ResultShare = 0.95;

    public static async Task<BuiltDatabase> BuildAsync(
        DatabaseEngine engine, string connectionString, int count, int secondCount, int seed, int year)
    {
        var watch = Stopwatch.StartNew();
        var catalog = FrameworkCatalog.BuiltIn;
        var framework = catalog.Get(new FiscalYear(year));
        var random = new Random(seed);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenItaDb(engine, connectionString);
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<OpenItaDb>();
        await using var provider = services.BuildServiceProvider();

        List<int> agencyIds;
        var secondIds = new List<int>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
            await SchemaMigrator.MigrateAsync(db);
            var groupId = await AddGroupAsync(db, GroupSlug, "จังหวัดทดสอบ", "Benchmark province");
            for (var n = 1; n <= count; n++)
            {
                db.Agencies.Add(NewAgency(Slug(n), n, groupId, random));
            }
            await db.SaveChangesAsync();
            if (secondCount > 0)
            {
                var secondId = await AddGroupAsync(db, SecondGroupSlug, "จังหวัดทดสอบ ข", "Benchmark province B");
                for (var n = 1; n <= secondCount; n++)
                {
                    db.Agencies.Add(NewAgency(SecondSlug(n), n, secondId, random));
                }
                await db.SaveChangesAsync();
                secondIds = await db.Agencies.Where(a => a.ParentId == secondId).OrderBy(a => a.Slug).Select(a => a.Id).ToListAsync();
            }
            await AgencyPaths.RebuildAsync(db);
            agencyIds = await db.Agencies.Where(a => a.ParentId == groupId).OrderBy(a => a.Slug).Select(a => a.Id).ToListAsync();

            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = new AppUser { UserName = AdminUser, DisplayName = "ผู้ดูแลระบบ (benchmark)", IsAdministrator = true };
            var created = await users.CreateAsync(admin, AdminPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("could not create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        // Results: ~95 % of the agencies, in batches, each batch one context and one SaveChanges.
        var withResult = agencyIds.Where(_ => random.NextDouble() < ResultShare).ToList();
        var secondWithResult = secondIds.Where(_ => random.NextDouble() < ResultShare).ToList();
        var toStore = withResult.Concat(secondWithResult).ToList();
        var results = 0;
        for (var start = 0; start < toStore.Count; start += Batch)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var id in toStore.Skip(start).Take(Batch))
            {
                var quality = Clamp(Normal(random, 90.8, 4.2), 66, 99.4);
                await ResultStore.StageAsync(db, new Agency { Id = id, Slug = "", NameTh = "" }, SyntheticProvince.Input(framework, quality, random),
                    "bench", TimeProvider.System, catalog);
                results++;
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        int scoreRows;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
            scoreRows = await db.ResultScores.CountAsync();
            // Fresh statistics, as a database that has been running a while would have (autovacuum, or SQLite's optimize).
            await db.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres ? "ANALYZE" : "PRAGMA optimize");
        }

        // The agency whose result and overview pages are timed: the first one (in slug order) with a result.
        var oneId = withResult[0];
        var oneSlug = Slug(agencyIds.IndexOf(oneId) + 1);
        return new BuiltDatabase(GroupSlug, oneSlug, count, secondCount > 0 ? SecondGroupSlug : null, secondCount, results, scoreRows,
            AdminUser, AdminPassword, watch.Elapsed.TotalSeconds);
    }

    private static async Task<int> AddGroupAsync(OpenItaDb db, string slug, string nameTh, string nameEn)
    {
        var group = new Agency
        {
            Slug = slug, NameTh = $"{nameTh} (ข้อมูลสังเคราะห์)", NameEn = $"{nameEn} (synthetic)",
            Kind = AgencyKind.Province, Province = nameTh, IsSynthetic = true,
        };
        db.Agencies.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    private static string Slug(int n) => string.Create(CultureInfo.InvariantCulture, $"bench-{n:D5}");

    private static string SecondSlug(int n) => string.Create(CultureInfo.InvariantCulture, $"bench-b-{n:D5}");

    private static Agency NewAgency(string slug, int n, int parentId, Random random)
    {
        var number = n.ToString("D5", CultureInfo.InvariantCulture);
        var draw = random.NextDouble();
        var (kind, th, en) = draw switch
        {
            < 0.70 => (AgencyKind.SubdistrictAdministration, "อบต.ทดสอบ", "Sample subdistrict administration"),
            < 0.90 => (AgencyKind.Municipality, "เทศบาลตำบลทดสอบ", "Sample subdistrict municipality"),
            _ => (AgencyKind.ProvincialOffice, "สำนักงานจังหวัดทดสอบ", "Sample provincial office"),
        };
        return new Agency
        {
            Slug = slug,
            NameTh = $"{th} {number} (ข้อมูลสังเคราะห์)",
            NameEn = $"{en} {number} (synthetic)",
            Kind = kind,
            Size = random.NextDouble() < 0.7 ? AgencySize.Small : AgencySize.Medium,
            Province = "ทดสอบ",
            ParentId = parentId,
            IsSynthetic = true,
        };
    }


    /// <summary>An agency's overall level: normal around the demo province's mean.</summary>
    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2));
    }

    private static double Clamp(double value, double min, double max) => Math.Min(max, Math.Max(min, value));
}
