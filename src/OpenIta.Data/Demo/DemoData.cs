using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
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

    /// <summary>
    /// The measures of seeds 000–003 as the agencies published them (<c>Demo/Seeds/measures-*.json</c>, how they were
    /// entered in <c>Demo/Seeds/MEASURES.md</c>): (agency slug, results year, the approval when the seed prints it).
    /// They go in as published revision 1; a seed that does not print its approval has none.
    /// </summary>
    public static IReadOnlyList<(string Slug, int FiscalYear, Approval? Approval)> SeedPlans { get; } =
    [
        // Seed 000: บันทึกข้อความ ศปท. 0706/2565 of 28 November 2565, approved by the Secretary-General on 30 November 2565.
        // The seed names the position, not the person: the name is the position, as the seed writes it.
        (SpmSlug, 2565, new Approval("เลขาธิการนายกรัฐมนตรี", "เลขาธิการนายกรัฐมนตรี", new DateOnly(2022, 11, 30), "ศปท. 0706/2565")),
        (TcebSlug, 2564, null),
        (OpdcSlug, 2566, null),
        (TambonSlug, 2567, null),
        // Seed 004: the eight measures of สลน.'s FY2568 report (answering FY2567 results), with their KPIs; the seed
        // prints no approval of them.
        (SpmSlug, 2567, null),
    ];

    /// <summary>Seed 004's action plan of FY2568 with its 12-month results and measures report (Seeds/PLANS.md), for spm.</summary>
    public static string SeedActionPlanJson() => Resource("plan-spm-2568.json");

    /// <summary>spm's units as seed 004 names them (budget owners and the coordinator's centre); the demo unit owner owns ศปท.</summary>
    public static IReadOnlyList<string> SpmUnits { get; } = ["ศปท.", "กทบ.", "กพบ.", "กลุ่มงานจริยธรรม ศปท."];

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
            AnalysisTarget = 95.00m, // seed 001: the agency's own target for FY2564
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
            AddSeedPlans(db, bySlug, clock);
            await db.SaveChangesAsync(cancellationToken);
            await new UnitStore(db).AddMissingAsync(bySlug[SpmSlug].Id, SpmUnits, cancellationToken);
            await new PlanStore(db, clock).ImportJsonAsync(bySlug[SpmSlug], SeedActionPlanJson(), new PlanActor(null, SavedBy), cancellationToken);
            await DemoSurveys.AddAsync(db, bySlug[SpmSlug], clock, catalog, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var created = await DemoUsers.CreateAsync(db, users, cancellationToken);
        await OwnUnitsAsync(db, cancellationToken);
        DemoUsers.Write(passwordsFile, created, clock);
        return new DemoOutcome(true, created, passwordsFile);
    }

    /// <summary>The demo unit owner owns spm's ศปท. (seed 004 names no owners, so the plan's items have none to match yet).</summary>
    private static async Task OwnUnitsAsync(OpenItaDb db, CancellationToken cancellationToken)
    {
        var owner = await db.Memberships.Where(m => m.Role == Role.UnitOwner && m.Agency!.Slug == SpmSlug && m.User!.UserName == "unitowner")
            .Select(m => new { m.UserId, m.AgencyId }).SingleOrDefaultAsync(cancellationToken);
        var unit = await db.AgencyUnits.Where(u => u.Agency!.Slug == SpmSlug && u.Name == SpmUnits[0]).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        if (owner is not null && unit is { } id)
        {
            await new UnitStore(db).SetOwnedUnitsAsync(owner.UserId, owner.AgencyId, [id], cancellationToken);
        }
    }

    /// <summary>The input JSON of a seed result (the contract of <c>openita score</c>).</summary>
    public static string SeedJson(string slug, int fiscalYear) => Resource($"{slug}-{fiscalYear}.json");

    /// <summary>The measures JSON of a seed plan (the contract of <see cref="MeasurePlanJson"/>).</summary>
    public static string SeedPlanJson(string slug, int fiscalYear) => Resource($"measures-{slug}-{fiscalYear}.json");

    /// <summary>The seeds' plans, published as the agencies published them; the audit trail says where they came from.</summary>
    private static void AddSeedPlans(OpenItaDb db, Dictionary<string, Agency> bySlug, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (slug, year, approval) in SeedPlans)
        {
            var agency = bySlug[slug];
            var json = MeasurePlanJson.Write(MeasurePlanJson.Read(SeedPlanJson(slug, year)));
            db.MeasurePlans.Add(new MeasurePlanRevision
            {
                AgencyId = agency.Id,
                FiscalYear = year,
                Revision = 1,
                Status = PlanStatus.Published,
                ContentJson = json,
                CreatedAtUnixMs = now,
                CreatedBy = SavedBy,
                UpdatedAtUnixMs = now,
                UpdatedBy = SavedBy,
                ApprovedByName = approval?.Name,
                ApprovedPosition = approval?.Position,
                ApprovedOn = approval?.Date,
                MemoNumber = approval?.MemoNumber,
                PublishedAtUnixMs = now,
            });
            db.PlanEvents.Add(new PlanEvent
            {
                AgencyId = agency.Id,
                FiscalYear = year,
                Revision = 1,
                Action = "imported",
                UserName = SavedBy,
                AtUnixMs = now,
                Note = "มาตรการตามเอกสารที่หน่วยงานเผยแพร่ (ข้อมูลตัวอย่าง)" + (approval is null ? "; เอกสารไม่ระบุการอนุมัติ" : ""),
            });
        }
    }

    internal static string Resource(string file)
    {
        var name = $"OpenIta.Data.Demo.Seeds.{file}";
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo seed file {name} is not built into {typeof(DemoData).Assembly.GetName().Name}.");
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
