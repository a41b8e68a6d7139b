using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// A migrated database of its own on either engine, without the web host, for the data layer of plans and units:
/// agencies <c>spm</c> and <c>other</c>, and users added as rows with their memberships.
/// </summary>
internal sealed class PlanDb
{
    private PlanDb(DatabaseEngine engine, string connectionString)
    {
        Engine = engine;
        ConnectionString = connectionString;
    }

    public DatabaseEngine Engine { get; }
    public string ConnectionString { get; }

    public static async Task<PlanDb> CreateAsync(DatabaseEngine engine)
    {
        var database = new PlanDb(engine, await TestDatabases.CreateAsync(engine));
        await using var db = database.Open();
        await SchemaMigrator.MigrateAsync(db);
        db.Agencies.Add(new Agency { Slug = "spm", NameTh = "สำนักเลขาธิการนายกรัฐมนตรี", Abbreviation = "สลน." });
        db.Agencies.Add(new Agency { Slug = "other", NameTh = "หน่วยงานอื่น" });
        await db.SaveChangesAsync();
        await AgencyPaths.RebuildAsync(db);
        await db.SaveChangesAsync();
        return database;
    }

    /// <summary>A new context; the caller disposes it.</summary>
    public OpenItaDb Open() => DatabaseEngines.Create(Engine, ConnectionString);

    public async Task<Agency> AgencyAsync(string slug)
    {
        await using var db = Open();
        return db.Agencies.Single(a => a.Slug == slug);
    }

    /// <summary>Adds a user with roles (agency slug, role); returns its id.</summary>
    public async Task<string> UserAsync(string name, params (string Agency, Role Role)[] roles)
    {
        await using var db = Open();
        var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name };
        db.Users.Add(user);
        foreach (var (slug, role) in roles)
        {
            db.Memberships.Add(new Membership { UserId = user.Id, AgencyId = db.Agencies.Single(a => a.Slug == slug).Id, Role = role });
        }
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Permissions> PermissionsAsync(string userId)
    {
        await using var db = Open();
        return await Permissions.ForAsync(db, userId);
    }
}
