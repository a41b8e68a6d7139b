using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Data.Users;

namespace OpenIta.Data.Demo;

/// <summary>What <see cref="DemoData.EnsureAsync"/> did: whether it filled the database, and the demo users.</summary>
/// <param name="Created">True when the database was empty and now holds the demo data.</param>
/// <param name="Users">The demo users with their passwords, as written to (or read back from) the passwords file;
/// empty when the database already held agencies and the file is missing.</param>
/// <param name="PasswordsFile">The full path of the passwords file.</param>
public sealed record DemoOutcome(bool Created, IReadOnlyList<DemoUser> Users, string PasswordsFile);

/// <summary>
/// The demo database (issue 3, item 8): the seed agencies with every result the seed documents publish, a synthetic
/// province of 142 agencies with generated results, and one demo user per role. Used by the web application in demo
/// mode (<c>Demo:Enabled</c>) and by <c>openita demo --db FILE</c>.
/// </summary>
public static class DemoData
{
    /// <summary>Who the demo results are saved by.</summary>
    public const string SavedBy = "demo";

    public const string MinistrySlug = "opm";
    public const string SpmSlug = "spm";
    public const string TcebSlug = "tceb";
    public const string OpdcSlug = "opdc";
    public const string ProvinceSlug = "sakon-nakhon";
    public const string TambonSlug = "maet-na-thom";

    /// <summary>
    /// Every result the seeds publish: (agency slug, fiscal year). The files under <c>Demo/Seeds/</c> hold the input
    /// levels of <c>tests/OpenIta.Core.Tests/Seeds/*.json</c> without their annotations (a test keeps them equal).
    /// </summary>
    public static IReadOnlyList<(string Slug, int FiscalYear)> SeedResults { get; } =
    [
        (SpmSlug, 2565),
        (TcebSlug, 2563),
        (TcebSlug, 2564),
        (OpdcSlug, 2565),
        (OpdcSlug, 2566),
        (TambonSlug, 2567),
    ];

    /// <summary>The seed agencies and the two groups above them, parents first.</summary>
    internal static IReadOnlyList<(Agency Agency, string? ParentSlug)> SeedAgencies() =>
    [
        (new Agency
        {
            Slug = MinistrySlug,
            NameTh = "สำนักนายกรัฐมนตรี",
            NameEn = "Office of the Prime Minister",
            Kind = AgencyKind.Ministry,
        }, null),
        (new Agency
        {
            Slug = SpmSlug,
            NameTh = "สำนักเลขาธิการนายกรัฐมนตรี",
            NameEn = "Secretariat of the Prime Minister",
            Abbreviation = "สลน.",
            Kind = AgencyKind.Department,
        }, MinistrySlug),
        (new Agency
        {
            Slug = TcebSlug,
            NameTh = "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)",
            NameEn = "Thailand Convention and Exhibition Bureau (TCEB)",
            Abbreviation = "สสปน.",
            Kind = AgencyKind.PublicOrganization,
        }, MinistrySlug),
        (new Agency
        {
            Slug = OpdcSlug,
            NameTh = "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
            NameEn = "Office of the Public Sector Development Commission (OPDC)",
            Abbreviation = "สำนักงาน ก.พ.ร.",
            Kind = AgencyKind.Department,
        }, MinistrySlug),
        (new Agency
        {
            Slug = ProvinceSlug,
            NameTh = "จังหวัดสกลนคร",
            NameEn = "Sakon Nakhon Province",
            Kind = AgencyKind.Province,
            Province = SyntheticProvince.ProvinceName,
        }, null),
        // Seed 002 prints the name as แมคนาทม, แมตนาทม and แม่นาทม; the sub-district is ตำบลแมดนาท่ม (code 471504).
        (new Agency
        {
            Slug = TambonSlug,
            NameTh = "องค์การบริหารส่วนตำบลแมดนาท่ม",
            NameEn = "Maet Na Thom Subdistrict Administrative Organization",
            Abbreviation = "อบต.แมดนาท่ม",
            Kind = AgencyKind.SubdistrictAdministration,
            Size = AgencySize.Small,
            Province = SyntheticProvince.ProvinceName,
        }, ProvinceSlug),
    ];

    /// <summary>
    /// Fills a database that has no agencies with the demo data and writes the demo users' passwords to
    /// <paramref name="passwordsFile"/>. A database that already has agencies is left alone; the users are then read
    /// back from the file (if it is there). <paramref name="users"/> should work on the same database as
    /// <paramref name="db"/>.
    /// </summary>
    public static async Task<DemoOutcome> EnsureAsync(
        OpenItaDb db, UserManager<AppUser> users, TimeProvider clock, FrameworkCatalog catalog, string passwordsFile,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordsFile);
        passwordsFile = Path.GetFullPath(passwordsFile);

        if (await db.Agencies.AnyAsync(cancellationToken))
        {
            return new DemoOutcome(false, DemoUsers.Read(passwordsFile), passwordsFile);
        }

        // Agencies and results in one transaction, so that a failure leaves an empty database to try again with.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var bySlug = await AddAgenciesAsync(db, cancellationToken);
            foreach (var (slug, year) in SeedResults)
            {
                await ResultStore.StageAsync(db, bySlug[slug], SeedJson(slug, year), SavedBy, clock, catalog, cancellationToken);
            }
            foreach (var (agency, json) in SyntheticProvince.Results(bySlug.Values.Where(a => a.IsSynthetic), catalog))
            {
                await ResultStore.StageAsync(db, agency, json, SavedBy, clock, catalog, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var created = await DemoUsers.CreateAsync(db, users, cancellationToken);
        DemoUsers.Write(passwordsFile, created, clock);
        return new DemoOutcome(true, created, passwordsFile);
    }

    /// <summary>The input JSON of a seed result (the contract of <c>openita score</c>).</summary>
    public static string SeedJson(string slug, int fiscalYear)
    {
        var name = $"OpenIta.Data.Demo.Seeds.{slug}-{fiscalYear}.json";
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo seed result {name} is not built into {typeof(DemoData).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<Dictionary<string, Agency>> AddAgenciesAsync(OpenItaDb db, CancellationToken cancellationToken)
    {
        var bySlug = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var (agency, parentSlug) in SeedAgencies())
        {
            agency.Parent = parentSlug is null ? null : bySlug[parentSlug];
            bySlug.Add(agency.Slug, agency);
        }
        foreach (var agency in SyntheticProvince.Agencies())
        {
            agency.Parent = bySlug[ProvinceSlug];
            bySlug.Add(agency.Slug, agency);
        }
        db.Agencies.AddRange(bySlug.Values);
        await AgencyPaths.RebuildAsync(db, cancellationToken);
        return bySlug;
    }
}
