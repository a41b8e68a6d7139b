using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Plans;

/// <summary>Settings of action plans (section <c>Plans</c>).</summary>
public sealed record PlanStoreOptions
{
    public const string Section = "Plans";

    /// <summary>The largest evidence file kept in the database, in bytes (<c>Plans:EvidenceMaxBytes</c>; 10 MB).</summary>
    public long EvidenceMaxBytes { get; init; } = 10L * 1024 * 1024;
}

/// <summary>Which entries of a round: the plan items' (the progress report) or the measures' (the measures report).</summary>
public enum RoundPart
{
    Items,
    Measures,
}

/// <summary>A step the user may not take (a unit owner writing another unit's item, anyone but the coordinator
/// reviewing): a 403 to clients, Thai and English.</summary>
public sealed class ProgressForbiddenException(string th, string en) : Exception(en)
{
    public string Th { get; } = th;
    public string En { get; } = en;
}

/// <summary>A write from a stale version of a plan, round or entry: someone (<see cref="ChangedBy"/>, at
/// <see cref="ChangedAtUnixMs"/>) changed it since the form was shown. A 409 to clients.</summary>
public sealed class ProgressConflictException(string? changedBy, long changedAtUnixMs, int version)
    : PlanWorkflowException("มีผู้อื่นแก้ไขรายการนี้ก่อนคุณ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง", "Someone changed this before you; check it and save again.")
{
    public string? ChangedBy { get; } = changedBy;
    public long ChangedAtUnixMs { get; } = changedAtUnixMs;
    public int Version { get; } = version;
}

/// <summary>What a round asks about: a plan item or a measure, its owners, and the round's entry for it when there is one.</summary>
/// <param name="Depth">0 for the plan's top level; -1 for a measure.</param>
/// <param name="Level">The plan's name for the item's level (โครงการ …), or มาตรการ.</param>
public sealed record RoundSubject(string Subject, string? ItemNumber, int? MeasureNumber, string ShownNumber, string Title, int Depth,
    string Level, IReadOnlyList<string> Owners, ProgressEntryRow? Entry);

/// <summary>
/// One agency of a group in a round, for the oversight view: whether it has the round, how far its units' reports
/// are, its KPIs achieved (the core's <see cref="Achievement"/>, accepted entries only) and its budget planned and spent
/// for the year (<see cref="BudgetRollup"/>). Without a round, only the agency is given.
/// </summary>
public sealed record AgencyRoundSummary(int AgencyId, string Slug, string NameTh, int? RoundId, RoundStatus? Status, int Subjects,
    int Reported, int Waiting, int Accepted, int Achieved, int NotAchieved, int Unknown, decimal Planned, decimal? Spent);

/// <summary>What a user still owes in an open round: the subject, and its entry when one is started (draft or returned).</summary>
public sealed record ToDo(ProgressRoundRow Round, RoundSubject Subject);

/// <summary>
/// Saves action plans and their progress rounds (issue 11) and moves each unit's report through its review: a unit
/// owner saves and submits the entries of the items and measures their units own; the coordinator returns one with a
/// note or accepts it, and closes the round. A closed round is frozen: its entries are never rewritten, a correction is
/// a new entry (<see cref="ProgressEntryRow.Sequence"/> 1, 2 …) with its reason. Every write and its audit row
/// (<see cref="ActionPlanEvent"/>) are one SaveChanges; every workflow row carries its version
/// (<see cref="IWorkflowRow"/>): a write from an older one is a <see cref="ProgressConflictException"/>. What the
/// status does not allow is a <see cref="PlanWorkflowException"/>; who may act is asked of <see cref="Permissions"/>
/// here, so that no page can forget it (<see cref="ProgressForbiddenException"/>).
/// </summary>
public sealed partial class PlanStore(OpenItaDb db, TimeProvider clock, PlanStoreOptions? options = null)
{
    private readonly PlanStoreOptions _options = options ?? new PlanStoreOptions();

    public long EvidenceMaxBytes => _options.EvidenceMaxBytes;

    // ---- Reading ----

    /// <summary>The agency's plans, newest years first.</summary>
    public async Task<IReadOnlyList<ActionPlanRow>> PlansAsync(int agencyId, CancellationToken cancellationToken = default) =>
        await db.ActionPlans.AsNoTracking().Where(p => p.AgencyId == agencyId)
            .OrderByDescending(p => p.FirstYear).ToListAsync(cancellationToken);

    /// <summary>The agency's plan that covers the fiscal year, or null.</summary>
    public async Task<ActionPlanRow?> PlanForYearAsync(int agencyId, int fiscalYear, CancellationToken cancellationToken = default) =>
        await db.ActionPlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.FirstYear <= fiscalYear && p.LastYear >= fiscalYear)
            .OrderByDescending(p => p.FirstYear).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A plan of the agency by id, or null (also for another agency's plan).</summary>
    public async Task<ActionPlanRow?> FindPlanAsync(int agencyId, int planId, CancellationToken cancellationToken = default) =>
        await db.ActionPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId && p.AgencyId == agencyId, cancellationToken);

    /// <summary>The plan's rounds by year and period.</summary>
    public async Task<IReadOnlyList<ProgressRoundRow>> RoundsAsync(int planId, CancellationToken cancellationToken = default) =>
        [.. (await db.ProgressRounds.AsNoTracking().Where(r => r.PlanId == planId).ToListAsync(cancellationToken))
            .OrderBy(r => r.FiscalYear).ThenBy(r => r.AsPeriod().LastFiscalMonth).ThenBy(r => r.Period, StringComparer.Ordinal)];

    /// <summary>A round of the agency by id, or null.</summary>
    public async Task<ProgressRoundRow?> FindRoundAsync(int agencyId, int roundId, CancellationToken cancellationToken = default) =>
        await db.ProgressRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.AgencyId == agencyId, cancellationToken);

    /// <summary>The agency's round of a fiscal year and period ("6", "12", "q1" …), or null.</summary>
    public async Task<ProgressRoundRow?> RoundForAsync(int agencyId, int fiscalYear, string period, CancellationToken cancellationToken = default) =>
        await db.ProgressRounds.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == agencyId && r.FiscalYear == fiscalYear && r.Period == period, cancellationToken);

    /// <summary>Every entry of the round (entries and corrections), with their evidence but not the files' bytes.</summary>
    public async Task<IReadOnlyList<ProgressEntryRow>> EntriesAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var entries = await db.ProgressEntries.AsNoTracking().Where(e => e.RoundId == roundId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var ids = entries.Select(e => e.Id).ToList();
        var evidence = await db.ProgressEvidence.AsNoTracking().Where(v => ids.Contains(v.EntryId))
            .Select(v => new ProgressEvidence
            {
                Id = v.Id, EntryId = v.EntryId, AgencyId = v.AgencyId, Name = v.Name, Url = v.Url, FileName = v.FileName,
                ContentType = v.ContentType, Size = v.Size, Sha256 = v.Sha256, AddedAtUnixMs = v.AddedAtUnixMs, AddedBy = v.AddedBy,
            })
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Evidence = [.. evidence.Where(v => v.EntryId == entry.Id).OrderBy(v => v.Id)];
        }
        return entries;
    }

    /// <summary>An evidence file with its bytes, only within the agency asked for (null otherwise, and for links).</summary>
    public async Task<ProgressEvidence?> EvidenceFileAsync(int agencyId, int evidenceId, CancellationToken cancellationToken = default) =>
        await db.ProgressEvidence.AsNoTracking()
            .SingleOrDefaultAsync(v => v.Id == evidenceId && v.AgencyId == agencyId && v.FileName != null, cancellationToken);

    /// <summary>The plan's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<ActionPlanEvent>> EventsAsync(int planId, CancellationToken cancellationToken = default) =>
        await db.ActionPlanEvents.AsNoTracking().Where(e => e.PlanId == planId)
            .OrderBy(e => e.AtUnixMs).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The measures that run in <paramref name="fiscalYear"/>: the agency's measures plan answering the results of the
    /// year before, its newest published revision, else its newest revision; null when it has none.
    /// </summary>
    public Task<MeasurePlan?> MeasuresForAsync(int agencyId, int fiscalYear, CancellationToken cancellationToken = default) =>
        MeasuresForAsync(agencyId, fiscalYear, publishedOnly: false, cancellationToken);

    /// <summary>As <see cref="MeasuresForAsync(int, int, CancellationToken)"/>, the newest published revision only (the public's reports).</summary>
    public Task<MeasurePlan?> PublishedMeasuresForAsync(int agencyId, int fiscalYear, CancellationToken cancellationToken = default) =>
        MeasuresForAsync(agencyId, fiscalYear, publishedOnly: true, cancellationToken);

    private async Task<MeasurePlan?> MeasuresForAsync(int agencyId, int fiscalYear, bool publishedOnly, CancellationToken cancellationToken)
    {
        var revisions = await db.MeasurePlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.FiscalYear == fiscalYear - 1)
            .OrderByDescending(p => p.Revision).ToListAsync(cancellationToken);
        var chosen = revisions.FirstOrDefault(p => p.Status == PlanStatus.Published) ?? (publishedOnly ? null : revisions.FirstOrDefault());
        return chosen?.Plan();
    }

    /// <summary>
    /// What the round asks about: every item of the plan in document order, then every measure of the year's measures,
    /// each with its owners (an item without owners of its own has its nearest ancestor's) and the round's entry
    /// (sequence 0) for it.
    /// </summary>
    public async Task<IReadOnlyList<RoundSubject>> SubjectsAsync(int agencyId, int roundId, CancellationToken cancellationToken = default)
    {
        var round = await FindRoundAsync(agencyId, roundId, cancellationToken) ?? throw new KeyNotFoundException($"No round {roundId}.");
        var plan = (await db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == round.PlanId, cancellationToken)).Plan();
        var measures = await MeasuresForAsync(agencyId, round.FiscalYear, cancellationToken);
        var entries = (await EntriesAsync(roundId, cancellationToken)).Where(e => e.Sequence == 0)
            .ToDictionary(e => e.Subject, StringComparer.Ordinal);
        return Subjects(plan, measures, entries);
    }

    /// <summary>
    /// What the user still owes in the agency's open rounds: the subjects they may report on (<see cref="Permissions.CanReportOn"/>)
    /// with no entry yet, a draft, or a returned one. A coordinator's list is every such subject.
    /// </summary>
    public async Task<IReadOnlyList<ToDo>> ToDoAsync(Agency agency, Permissions permissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        var result = new List<ToDo>();
        if (!permissions.CanReportProgress(agency))
        {
            return result;
        }
        var rounds = await db.ProgressRounds.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.Status == RoundStatus.Open)
            .OrderBy(r => r.FiscalYear).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            foreach (var subject in await SubjectsAsync(agency.Id, round.Id, cancellationToken))
            {
                if (permissions.CanReportOn(agency, subject.Owners)
                    && subject.Entry?.Review is null or ReviewStatus.Draft or ReviewStatus.Returned)
                {
                    result.Add(new ToDo(round, subject));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The round as the core reads it, for documents and achievement: the plan items' entries or the measures', the
    /// accepted ones only unless <paramref name="acceptedOnly"/> is false, the corrections of a closed round, its notes
    /// and evidence.
    /// </summary>
    public async Task<ProgressRound> ProgressRoundAsync(int roundId, RoundPart part, bool acceptedOnly = true, CancellationToken cancellationToken = default)
    {
        var round = await db.ProgressRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new KeyNotFoundException($"No round {roundId}.");
        var rows = (await EntriesAsync(roundId, cancellationToken))
            .Where(e => (e.MeasureNumber is not null) == (part == RoundPart.Measures)).ToList();
        var entries = rows.Where(e => e.Sequence == 0 && (!acceptedOnly || e.Review == ReviewStatus.Accepted)).Select(Core).ToList();
        var closedAt = round.ClosedAtUnixMs is { } closed ? DateTimeOffset.FromUnixTimeMilliseconds(closed) : (DateTimeOffset?)null;
        var corrections = closedAt is null
            ? []
            : rows.Where(e => e.Sequence > 0).OrderBy(e => e.Sequence)
                .Select(e => new Correction(Core(e), e.CorrectionReason ?? "", e.CreatedBy ?? "", DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAtUnixMs)))
                .ToList();
        return new ProgressRound(round.Year(), round.AsPeriod(), entries, closedAt, corrections, Lines(round.Notes));
    }

    /// <summary>
    /// Every agency at or below <paramref name="group"/> with its round of the year and period (the oversight view):
    /// agencies are read by the group's path range, one agency's plan and round at a time.
    /// </summary>
    public async Task<IReadOnlyList<AgencyRoundSummary>> GroupRoundAsync(Agency group, int fiscalYear, string period,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var agencies = await db.Agencies.AsNoTracking().Within(group.Path).OrderBy(a => a.Path)
            .Select(a => new { a.Id, a.Slug, a.NameTh }).ToListAsync(cancellationToken);
        var inGroup = db.Agencies.AsNoTracking().Within(group.Path).Select(a => a.Id);
        var rounds = await db.ProgressRounds.AsNoTracking()
            .Where(r => r.FiscalYear == fiscalYear && r.Period == period && inGroup.Contains(r.AgencyId))
            .ToDictionaryAsync(r => r.AgencyId, cancellationToken);
        var totals = await db.Results.AsNoTracking().Where(r => r.FiscalYear == fiscalYear && inGroup.Contains(r.AgencyId))
            .Select(r => new { r.AgencyId, r.TotalExact }).ToDictionaryAsync(r => r.AgencyId, r => r.TotalExact, cancellationToken);
        var year = new FiscalYear(fiscalYear);
        var result = new List<AgencyRoundSummary>(agencies.Count);
        foreach (var agency in agencies)
        {
            if (!rounds.TryGetValue(agency.Id, out var round))
            {
                result.Add(new AgencyRoundSummary(agency.Id, agency.Slug, agency.NameTh, null, null, 0, 0, 0, 0, 0, 0, 0, 0m, null));
                continue;
            }
            var plan = (await db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == round.PlanId, cancellationToken)).Plan();
            var measures = await MeasuresForAsync(agency.Id, fiscalYear, cancellationToken);
            var reviews = await db.ProgressEntries.AsNoTracking().Where(e => e.RoundId == round.Id && e.Sequence == 0)
                .Select(e => e.Review).ToListAsync(cancellationToken);
            var progress = await ProgressRoundAsync(round.Id, RoundPart.Items, cancellationToken: cancellationToken);
            decimal? total = totals.TryGetValue(agency.Id, out var exact)
                && decimal.TryParse(exact, NumberStyles.Number, CultureInfo.InvariantCulture, out var t) ? t : null;
            var achieved = plan.Kpis().Select(k => Achievement.Of(k.Kpi, progress.ForItem(k.Item.Number), total).Status).ToList();
            var budget = BudgetRollup.ByYear(plan, [progress]).FirstOrDefault(b => b.FiscalYear == year);
            result.Add(new AgencyRoundSummary(agency.Id, agency.Slug, agency.NameTh, round.Id, round.Status,
                plan.All().Count() + (measures?.Measures.Count ?? 0), reviews.Count, reviews.Count(r => r == ReviewStatus.Submitted),
                reviews.Count(r => r == ReviewStatus.Accepted), achieved.Count(a => a == AchievementStatus.Achieved),
                achieved.Count(a => a == AchievementStatus.NotAchieved), achieved.Count(a => a == AchievementStatus.Unknown),
                budget?.Planned ?? 0m, budget?.Spent));
        }
        return result;
    }

    // ---- Plans ----

    /// <summary>
    /// Reads a plan file in the contract (<see cref="PlanJson"/>), checking its measures reports against the agency's
    /// measures of each year, and imports it (<see cref="ImportAsync(Agency, PlanImport, PlanActor, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="PlanException">The file is not valid; its path names the fault. Nothing is written.</exception>
    public async Task<ActionPlanRow> ImportJsonAsync(Agency agency, string json, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(json);
        var measures = await MeasurePlansAsync(agency.Id, cancellationToken);
        var import = PlanJson.Read(json, year => measures.GetValueOrDefault(year.BuddhistEra));
        return await ImportAsync(agency, import, actor, cancellationToken);
    }

    /// <summary>
    /// Imports a plan with its rounds, all or nothing: the plan replaces the agency's plans that cover any of its years
    /// (refused when one of them has a closed round: a closed round is never rewritten); each round of the file becomes
    /// a round (its plan and measures reports together), each entry an accepted entry, each correction a correction;
    /// owners the agency has no unit for become its units.
    /// </summary>
    /// <exception cref="PlanException">The plan breaks a rule of <see cref="PlanRules"/>.</exception>
    public async Task<ActionPlanRow> ImportAsync(Agency agency, PlanImport import, PlanActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(actor);
        var measures = await MeasurePlansAsync(agency.Id, cancellationToken);
        if (PlanRules.Validate(import, year => measures.GetValueOrDefault(year.BuddhistEra)) is [var first, ..])
        {
            throw new PlanException(first.Path, first.Reason);
        }
        var plan = import.Plan;
        var (firstYear, lastYear) = (plan.FiscalYears[0].BuddhistEra, plan.FiscalYears[^1].BuddhistEra);
        var replaced = await db.ActionPlans.Where(p => p.AgencyId == agency.Id && p.FirstYear <= lastYear && p.LastYear >= firstYear)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        if (await db.ProgressRounds.AnyAsync(r => replaced.Contains(r.PlanId) && r.Status == RoundStatus.Closed, cancellationToken))
        {
            throw new PlanWorkflowException("แผนของปีนี้มีรอบรายงานที่ปิดแล้ว นำเข้าแทนไม่ได้ กรุณาแก้ไขเป็นรายการแก้ไขเพิ่มเติม",
                "A plan of these years has a closed round, which is never rewritten; record corrections instead.");
        }
        var now = Now();
        // Its own transaction, unless the caller's (the demo's) is open: the delete and the save land together.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (replaced.Count > 0)
        {
            await db.ActionPlans.Where(p => replaced.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        var row = NewPlan(agency, plan, actor, now);
        await new UnitStore(db).AddMissingAsync(agency.Id, plan.All().SelectMany(p => p.Item.Owners), cancellationToken);
        var rounds = import.Reports.Select(r => (Round: r, Part: RoundPart.Items))
            .Concat(import.MeasureReports.Select(r => (Round: r, Part: RoundPart.Measures)))
            .GroupBy(r => (r.Round.FiscalYear, r.Round.Period));
        foreach (var group in rounds)
        {
            var closedAt = group.Select(g => g.Round.ClosedAt).Where(c => c is not null).Min();
            var roundRow = new ProgressRoundRow
            {
                Plan = row,
                AgencyId = agency.Id,
                FiscalYear = group.Key.FiscalYear.BuddhistEra,
                Period = group.Key.Period.ToString(),
                Status = closedAt is null ? RoundStatus.Open : RoundStatus.Closed,
                Notes = Joined(group.SelectMany(g => g.Round.Notes)),
                OpenedAtUnixMs = now,
                ClosedAtUnixMs = closedAt?.ToUnixTimeMilliseconds(),
                ClosedBy = closedAt is null ? null : actor.UserName,
                UpdatedAtUnixMs = now,
                UpdatedBy = actor.UserName,
            };
            db.ProgressRounds.Add(roundRow);
            foreach (var (round, _) in group)
            {
                foreach (var entry in round.Entries)
                {
                    db.ProgressEntries.Add(NewEntry(roundRow, agency.Id, entry, 0, ReviewStatus.Accepted, actor, now, null));
                }
                var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var correction in round.Corrections.OrderBy(c => c.At))
                {
                    var sequence = sequences[correction.Entry.Subject] = sequences.GetValueOrDefault(correction.Entry.Subject) + 1;
                    var corrected = NewEntry(roundRow, agency.Id, correction.Entry, sequence, ReviewStatus.Accepted,
                        new PlanActor(null, correction.By), correction.At.ToUnixTimeMilliseconds(), correction.Reason);
                    db.ProgressEntries.Add(corrected);
                }
            }
        }
        Record(row, null, null, "imported", actor, replaced.Count > 0 ? $"replaces plan {string.Join(", ", replaced)}" : null, now);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return row;
    }

    /// <summary>Starts a plan by hand (no rounds); refused when the agency has a plan for one of its years.</summary>
    public async Task<ActionPlanRow> CreateAsync(Agency agency, ActionPlan plan, PlanActor actor, Permissions permissions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(plan);
        Manager(agency, permissions);
        Valid(new PlanImport(plan, [], []), null);
        var (firstYear, lastYear) = (plan.FiscalYears[0].BuddhistEra, plan.FiscalYears[^1].BuddhistEra);
        if (await db.ActionPlans.AnyAsync(p => p.AgencyId == agency.Id && p.FirstYear <= lastYear && p.LastYear >= firstYear, cancellationToken))
        {
            throw new PlanWorkflowException("มีแผนปฏิบัติการที่ครอบคลุมปีงบประมาณนี้อยู่แล้ว", "The agency already has a plan for one of these years.");
        }
        var now = Now();
        var row = NewPlan(agency, plan, actor, now);
        await new UnitStore(db).AddMissingAsync(agency.Id, plan.All().SelectMany(p => p.Item.Owners), cancellationToken);
        Record(row, null, null, "created", actor, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Replaces the plan's content (the tree edited or reordered). Refused when the result breaks a rule, when an item
    /// or KPI that a round reports on is gone, or when the years leave out a round's year.
    /// </summary>
    public async Task<ActionPlanRow> SavePlanAsync(Agency agency, int planId, ActionPlan plan, PlanActor actor, Permissions permissions,
        int? expectedVersion = null, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(plan);
        Manager(agency, permissions);
        var row = await db.ActionPlans.SingleOrDefaultAsync(p => p.Id == planId && p.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No plan {planId}.");
        Fresh(row, expectedVersion, row.UpdatedBy, row.UpdatedAtUnixMs);
        var rounds = await db.ProgressRounds.AsNoTracking().Where(r => r.PlanId == planId).Select(r => r.Id).ToListAsync(cancellationToken);
        var reports = new List<ProgressRound>();
        foreach (var id in rounds)
        {
            reports.Add(await ProgressRoundAsync(id, RoundPart.Items, acceptedOnly: false, cancellationToken));
        }
        Valid(new PlanImport(plan, reports, []), null);
        var now = Now();
        row.Title = plan.Title;
        row.FirstYear = plan.FiscalYears[0].BuddhistEra;
        row.LastYear = plan.FiscalYears[^1].BuddhistEra;
        row.ContentJson = PlanJson.Write(new PlanImport(plan, [], []));
        row.UpdatedAtUnixMs = now;
        row.UpdatedBy = actor.UserName;
        await new UnitStore(db).AddMissingAsync(agency.Id, plan.All().SelectMany(p => p.Item.Owners), cancellationToken);
        Record(row, null, null, "edited", actor, note, now);
        await CommitAsync(row, () => db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == row.Id, cancellationToken),
            p => (p.UpdatedBy, p.UpdatedAtUnixMs, p.Version), cancellationToken);
        return row;
    }

    // ---- Rounds ----

    /// <summary>Opens the round of a year and period of the plan; refused outside the plan's years and when it exists.</summary>
    public async Task<ProgressRoundRow> OpenRoundAsync(Agency agency, int planId, int fiscalYear, ReportingPeriod period, PlanActor actor,
        Permissions permissions, DateOnly? dueOn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        Manager(agency, permissions);
        var plan = await db.ActionPlans.SingleOrDefaultAsync(p => p.Id == planId && p.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No plan {planId}.");
        if (!plan.Covers(fiscalYear))
        {
            throw new PlanWorkflowException($"ปีงบประมาณ {fiscalYear} ไม่อยู่ในแผนนี้ ({plan.FirstYear}–{plan.LastYear})",
                $"FY{fiscalYear} is not a year of this plan ({plan.FirstYear}–{plan.LastYear}).");
        }
        var name = period.ToString();
        if (await db.ProgressRounds.AnyAsync(r => r.PlanId == planId && r.FiscalYear == fiscalYear && r.Period == name, cancellationToken))
        {
            throw new PlanWorkflowException("มีรอบรายงานนี้อยู่แล้ว", "This round already exists.");
        }
        var now = Now();
        var round = new ProgressRoundRow
        {
            PlanId = planId,
            AgencyId = agency.Id,
            FiscalYear = fiscalYear,
            Period = name,
            Status = RoundStatus.Open,
            DueOn = dueOn,
            OpenedAtUnixMs = now,
            UpdatedAtUnixMs = now,
            UpdatedBy = actor.UserName,
        };
        db.ProgressRounds.Add(round);
        Record(plan, round, null, "round-opened", actor, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }

    /// <summary>Sets an open round's due date and notes.</summary>
    public async Task<ProgressRoundRow> UpdateRoundAsync(Agency agency, int roundId, DateOnly? dueOn, IReadOnlyList<string> notes, PlanActor actor,
        Permissions permissions, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notes);
        Manager(agency, permissions);
        var round = await LoadRoundAsync(agency, roundId, cancellationToken);
        Fresh(round, expectedVersion, round.UpdatedBy, round.UpdatedAtUnixMs);
        OpenOnly(round);
        foreach (var line in notes)
        {
            Text(line, UserText.NarrativeMax, "หมายเหตุ", "A note");
        }
        var now = Now();
        round.DueOn = dueOn;
        round.Notes = Joined(notes);
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.UserName;
        Record(round, null, "round-updated", actor, null, now);
        await CommitRoundAsync(round, cancellationToken);
        return round;
    }

    /// <summary>
    /// Closes an open round: from now on it is frozen. Refused while a report waits for review (return or accept it
    /// first). Drafts and returned reports stay as they are and are not part of what the round says.
    /// </summary>
    public async Task<ProgressRoundRow> CloseRoundAsync(Agency agency, int roundId, PlanActor actor, Permissions permissions,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Manager(agency, permissions);
        var round = await LoadRoundAsync(agency, roundId, cancellationToken);
        Fresh(round, expectedVersion, round.UpdatedBy, round.UpdatedAtUnixMs);
        OpenOnly(round, "รอบรายงานนี้ปิดแล้ว", "This round is already closed.");
        var waiting = await db.ProgressEntries.CountAsync(e => e.RoundId == roundId && e.Review == ReviewStatus.Submitted, cancellationToken);
        if (waiting > 0)
        {
            throw new PlanWorkflowException(string.Create(CultureInfo.InvariantCulture, $"ยังมีรายงาน {waiting} รายการรอการตรวจ กรุณาตรวจรับหรือส่งคืนก่อนปิดรอบ"),
                string.Create(CultureInfo.InvariantCulture, $"{waiting} reports wait for review; accept or return them before closing the round."));
        }
        var now = Now();
        round.Status = RoundStatus.Closed;
        round.ClosedAtUnixMs = now;
        round.ClosedBy = actor.UserName;
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.UserName;
        Record(round, null, "round-closed", actor, null, now);
        await CommitRoundAsync(round, cancellationToken);
        return round;
    }

    // ---- Entries ----

    /// <summary>
    /// Saves the round's entry of a plan item or a measure (adds it, or replaces a draft or returned one), as a draft
    /// or submitted for review. Only the owners' unit owners and the coordinator may (<see cref="Permissions.CanReportOn"/>);
    /// refused in a closed round (<see cref="CorrectAsync"/>), for an accepted entry unless the coordinator writes it,
    /// and when the entry names no item or measure of the round or breaks a rule (a KPI that is not the item's …).
    /// </summary>
    public async Task<ProgressEntryRow> SaveEntryAsync(Agency agency, int roundId, ProgressEntry entry, PlanActor actor, Permissions permissions,
        bool submit, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        var round = await LoadRoundAsync(agency, roundId, cancellationToken);
        OpenOnly(round, "รอบรายงานนี้ปิดแล้ว แก้ไขไม่ได้ กรุณาบันทึกเป็นการแก้ไขเพิ่มเติมพร้อมเหตุผล",
            "This round is closed and cannot be edited; record a correction with its reason.");
        await CheckEntryAsync(agency, round, entry, permissions, cancellationToken);
        var now = Now();
        var row = await db.ProgressEntries
            .SingleOrDefaultAsync(e => e.RoundId == roundId && e.Subject == entry.Subject && e.Sequence == 0, cancellationToken);
        var action = submit ? "submitted" : "saved";
        if (row is null)
        {
            if (expectedVersion is > 0)
            {
                throw new ProgressConflictException(null, now, 0);
            }
            row = NewEntry(round, agency.Id, entry, 0, submit ? ReviewStatus.Submitted : ReviewStatus.Draft, actor, now, null);
            db.ProgressEntries.Add(row);
        }
        else
        {
            Fresh(row, expectedVersion, row.UpdatedBy, row.UpdatedAtUnixMs);
            if (row.Review == ReviewStatus.Accepted && !permissions.CanManagePlans(agency))
            {
                throw new PlanWorkflowException("รายงานนี้ได้รับการตรวจรับแล้ว แก้ไขได้เมื่อผู้ประสานงานส่งคืน",
                    "This report is accepted; it can be changed once the coordinator returns it.");
            }
            SetEntry(row, entry);
            row.Review = submit ? ReviewStatus.Submitted : ReviewStatus.Draft;
            row.UpdatedAtUnixMs = now;
            row.UpdatedBy = actor.UserName;
            row.UpdatedByUserId = actor.UserId;
        }
        if (submit)
        {
            row.SubmittedAtUnixMs = now;
        }
        Record(round, entry.Subject, action, actor, null, now);
        await CommitEntryAsync(row, cancellationToken);
        return row;
    }

    /// <summary>Returns a submitted report to its unit with a note (required); coordinator only.</summary>
    public Task<ProgressEntryRow> ReturnEntryAsync(Agency agency, int entryId, string note, PlanActor actor, Permissions permissions,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new PlanWorkflowException("การส่งคืนต้องระบุสิ่งที่ต้องแก้ไข", "A return needs a note saying what to change.");
        }
        Text(note, UserText.NoteMax, "หมายเหตุการส่งคืน", "The note");
        return ReviewAsync(agency, entryId, ReviewStatus.Returned, "returned", note.Trim(), actor, permissions, expectedVersion, cancellationToken);
    }

    /// <summary>Accepts a submitted report; coordinator only. What is accepted is what the round's documents print.</summary>
    public Task<ProgressEntryRow> AcceptEntryAsync(Agency agency, int entryId, PlanActor actor, Permissions permissions, string? note = null,
        int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ReviewAsync(agency, entryId, ReviewStatus.Accepted, "accepted", string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor, permissions,
            expectedVersion, cancellationToken);

    /// <summary>
    /// Corrects what a closed round says about an item or a measure: a new, accepted entry beside the round's own
    /// (which stays as it was), with the reason, who and when, in the audit trail. Coordinator only; refused for an
    /// open round (edit the entry).
    /// </summary>
    public async Task<ProgressEntryRow> CorrectAsync(Agency agency, int roundId, ProgressEntry entry, string reason, PlanActor actor,
        Permissions permissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(entry);
        Manager(agency, permissions);
        var round = await LoadRoundAsync(agency, roundId, cancellationToken);
        if (round.Status != RoundStatus.Closed)
        {
            throw new PlanWorkflowException("รอบรายงานนี้ยังไม่ปิด แก้ไขรายการได้โดยตรง", "This round is open: edit the entry.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new PlanWorkflowException("การแก้ไขรอบที่ปิดแล้วต้องระบุเหตุผล", "A correction needs its reason.");
        }
        Text(reason, UserText.NoteMax, "เหตุผลการแก้ไข", "The reason");
        await CheckEntryAsync(agency, round, entry, permissions, cancellationToken);
        var last = await db.ProgressEntries.Where(e => e.RoundId == roundId && e.Subject == entry.Subject)
            .MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        var now = Now();
        var row = NewEntry(round, agency.Id, entry, last + 1, ReviewStatus.Accepted, actor, now, reason.Trim());
        db.ProgressEntries.Add(row);
        Record(round, entry.Subject, "corrected", actor, reason.Trim(), now);
        await CommitEntryAsync(row, cancellationToken);
        return row;
    }

    /// <summary>Adds a link as evidence of an entry of an open round (by whoever may write the entry).</summary>
    public async Task<ProgressEvidence> AddEvidenceLinkAsync(Agency agency, int entryId, string name, string url, PlanActor actor,
        Permissions permissions, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new PlanWorkflowException("ลิงก์หลักฐานต้องขึ้นต้นด้วย https:// หรือ http://", "An evidence link starts with https:// or http://.");
        }
        Text(uri.AbsoluteUri, UserText.TitleMax, "ลิงก์หลักฐาน", "The link");
        return await AddEvidenceAsync(agency, entryId, name, actor, permissions, e => e.Url = uri.AbsoluteUri, cancellationToken);
    }

    /// <summary>
    /// Adds a file as evidence of an entry of an open round, kept in the database; refused over
    /// <see cref="PlanStoreOptions.EvidenceMaxBytes"/> (read no further than that) and when empty.
    /// </summary>
    public async Task<ProgressEvidence> AddEvidenceFileAsync(Agency agency, int entryId, string name, string fileName, string? contentType,
        Stream content, PlanActor actor, Permissions permissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var cleanName = Path.GetFileName(fileName?.Trim() ?? "");
        if (cleanName.Length == 0)
        {
            throw new PlanWorkflowException("กรุณาระบุชื่อไฟล์หลักฐาน", "An evidence file needs its name.");
        }
        Text(cleanName, UserText.ShortMax * 2, "ชื่อไฟล์หลักฐาน", "The file name");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.EvidenceMaxBytes)
            {
                var mb = (_options.EvidenceMaxBytes / (1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture);
                throw new PlanWorkflowException($"ไฟล์หลักฐานใหญ่เกิน {mb} MB", $"An evidence file is at most {mb} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new PlanWorkflowException("ไฟล์หลักฐานว่างเปล่า", "The evidence file is empty.");
        }
        var bytes = buffer.ToArray();
        var type = string.IsNullOrWhiteSpace(contentType) || contentType.Length > 100 ? "application/octet-stream" : contentType.Trim();
        return await AddEvidenceAsync(agency, entryId, name, actor, permissions, e =>
        {
            e.FileName = cleanName;
            e.ContentType = type;
            e.Size = bytes.Length;
            e.Content = bytes;
            e.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }, cancellationToken);
    }

    /// <summary>Removes a piece of evidence of an entry of an open round.</summary>
    public async Task RemoveEvidenceAsync(Agency agency, int evidenceId, PlanActor actor, Permissions permissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var evidence = await db.ProgressEvidence.Where(v => v.Id == evidenceId && v.AgencyId == agency.Id)
            .Select(v => new { v.Id, v.EntryId, v.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"No evidence {evidenceId}.");
        var (entry, round) = await WritableEntryAsync(agency, evidence.EntryId, permissions, cancellationToken);
        await db.ProgressEvidence.Where(v => v.Id == evidence.Id).ExecuteDeleteAsync(cancellationToken);
        Record(round, entry.Subject, "evidence-removed", actor, evidence.Name, Now());
        await db.SaveChangesAsync(cancellationToken);
    }

    // ---- Helpers ----

    /// <summary>Parses the contract's name of a period ("6", "12", "q1"–"q4", "m1"–"m12").</summary>
    public static ReportingPeriod ParsePeriod(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "6" => ReportingPeriod.SixMonths,
            "12" => ReportingPeriod.TwelveMonths,
            ['q', .. var q] when int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4 => ReportingPeriod.Quarter(n),
            ['m', .. var m] when int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 12 => ReportingPeriod.Month(n),
            _ => throw new FormatException($"'{name}' is not a round: 6, 12, q1–q4, m1–m12."),
        };
    }

    /// <summary>
    /// The owners of each item: its own, or, when it names none, its nearest ancestor's (a project's activities belong
    /// to the project's units unless they say otherwise).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ItemOwners(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var owners = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var placed in plan.All())
        {
            owners[placed.Item.Number] = placed.Item.Owners.Count > 0 || placed.Parent is null
                ? placed.Item.Owners
                : owners[placed.Parent.Number];
        }
        return owners;
    }

    private static List<RoundSubject> Subjects(ActionPlan plan, MeasurePlan? measures, IReadOnlyDictionary<string, ProgressEntryRow> entries)
    {
        var owners = ItemOwners(plan);
        var subjects = plan.All().Select(p => new RoundSubject(p.Item.Number, p.Item.Number, null, p.Item.ShownNumber, p.Item.Title, p.Depth,
            plan.Levels[p.Depth], owners[p.Item.Number], entries.GetValueOrDefault(p.Item.Number))).ToList();
        foreach (var measure in measures?.Measures ?? [])
        {
            var subject = "measure " + measure.Number.ToString(CultureInfo.InvariantCulture);
            subjects.Add(new RoundSubject(subject, null, measure.Number, measure.Number.ToString(CultureInfo.InvariantCulture), measure.Title, -1,
                "มาตรการ", [.. Permissions.MeasureOwners(measure).Select(o => o.Trim()).Distinct(StringComparer.Ordinal)], entries.GetValueOrDefault(subject)));
        }
        return subjects;
    }

    private async Task<Dictionary<int, MeasurePlan>> MeasurePlansAsync(int agencyId, CancellationToken cancellationToken)
    {
        var years = await db.MeasurePlans.AsNoTracking().Where(p => p.AgencyId == agencyId).Select(p => p.FiscalYear).Distinct().ToListAsync(cancellationToken);
        var result = new Dictionary<int, MeasurePlan>();
        foreach (var resultsYear in years)
        {
            if (await MeasuresForAsync(agencyId, resultsYear + 1, cancellationToken) is { } plan)
            {
                result[resultsYear + 1] = plan;
            }
        }
        return result;
    }

    /// <summary>Whether the entry names a subject of the round the user may write, and keeps the rules.</summary>
    private async Task CheckEntryAsync(Agency agency, ProgressRoundRow round, ProgressEntry entry, Permissions permissions, CancellationToken cancellationToken)
    {
        var plan = (await db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == round.PlanId, cancellationToken)).Plan();
        var measures = entry.Measure is null ? null : await MeasuresForAsync(agency.Id, round.FiscalYear, cancellationToken);
        var subject = Subjects(plan, measures, new Dictionary<string, ProgressEntryRow>()).FirstOrDefault(s => s.Subject == entry.Subject)
            ?? throw new PlanWorkflowException(entry.Item is not null ? $"ไม่มีรายการเลขที่ {entry.Item} ในแผน" : $"ไม่มีมาตรการที่ {entry.Measure} ในปีนี้",
                $"The round has no {entry.Subject}.");
        if (!permissions.CanReportOn(agency, subject.Owners))
        {
            throw new ProgressForbiddenException("คุณไม่ได้เป็นเจ้าของหน่วยงานที่รับผิดชอบรายการนี้ จึงรายงานผลไม่ได้",
                "You do not own a unit responsible for this, so you cannot report on it.");
        }
        Text(entry.Text, UserText.NarrativeMax, "ผลการดำเนินงาน", "The text");
        Text(entry.Outcome, UserText.NarrativeMax, "ผลลัพธ์", "The outcome");
        Text(entry.Reason, UserText.NoteMax, "เหตุผล", "The reason");
        var period = round.AsPeriod();
        var single = new ProgressRound(round.Year(), period, [entry]);
        Valid(entry.Item is not null ? new PlanImport(plan, [single], []) : new PlanImport(plan, [], [single]),
            year => year.BuddhistEra == round.FiscalYear ? measures : null);
    }

    private static void Valid(PlanImport import, Func<FiscalYear, MeasurePlan?>? measures)
    {
        if (PlanRules.Validate(import, measures) is [var error, ..])
        {
            throw new PlanValidationException(error.Path, error.Reason);
        }
    }

    private async Task<ProgressEntryRow> ReviewAsync(Agency agency, int entryId, ReviewStatus to, string action, string? note, PlanActor actor,
        Permissions permissions, int? expectedVersion, CancellationToken cancellationToken)
    {
        Manager(agency, permissions);
        var row = await db.ProgressEntries.Include(e => e.Round).SingleOrDefaultAsync(e => e.Id == entryId && e.Round!.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No entry {entryId}.");
        Fresh(row, expectedVersion, row.UpdatedBy, row.UpdatedAtUnixMs);
        OpenOnly(row.Round!);
        if (row.Review != ReviewStatus.Submitted)
        {
            throw new PlanWorkflowException("รายงานนี้ยังไม่ได้ส่งให้ตรวจ", "This report has not been submitted for review.");
        }
        var now = Now();
        row.Review = to;
        row.ReviewNote = note;
        row.ReviewedAtUnixMs = now;
        row.ReviewedBy = actor.UserName;
        row.UpdatedAtUnixMs = now;
        row.UpdatedBy = actor.UserName;
        row.UpdatedByUserId = actor.UserId;
        Record(row.Round!, row.Subject, action, actor, note, now);
        await CommitEntryAsync(row, cancellationToken);
        return row;
    }

    private async Task<ProgressEvidence> AddEvidenceAsync(Agency agency, int entryId, string name, PlanActor actor, Permissions permissions,
        Action<ProgressEvidence> fill, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new PlanWorkflowException("กรุณาระบุชื่อหลักฐาน", "Evidence needs a name.");
        }
        Text(name.Trim(), UserText.TitleMax, "ชื่อหลักฐาน", "The evidence's name");
        var (entry, round) = await WritableEntryAsync(agency, entryId, permissions, cancellationToken);
        var now = Now();
        var evidence = new ProgressEvidence { EntryId = entry.Id, AgencyId = agency.Id, Name = name.Trim(), AddedAtUnixMs = now, AddedBy = actor.UserName };
        fill(evidence);
        db.ProgressEvidence.Add(evidence);
        Record(round, entry.Subject, "evidence-added", actor, evidence.Name, now);
        await db.SaveChangesAsync(cancellationToken);
        evidence.Content = null;
        return evidence;
    }

    private async Task<(ProgressEntryRow Entry, ProgressRoundRow Round)> WritableEntryAsync(Agency agency, int entryId, Permissions permissions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var entry = await db.ProgressEntries.AsNoTracking().Include(e => e.Round)
            .SingleOrDefaultAsync(e => e.Id == entryId && e.Round!.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No entry {entryId}.");
        OpenOnly(entry.Round!, "รอบรายงานนี้ปิดแล้ว แก้ไขหลักฐานไม่ได้", "This round is closed; its evidence cannot change.");
        var plan = (await db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == entry.Round!.PlanId, cancellationToken)).Plan();
        var measures = entry.MeasureNumber is null ? null : await MeasuresForAsync(agency.Id, entry.Round!.FiscalYear, cancellationToken);
        var subject = Subjects(plan, measures, new Dictionary<string, ProgressEntryRow>()).FirstOrDefault(s => s.Subject == entry.Subject);
        if (!permissions.CanReportOn(agency, subject?.Owners ?? []))
        {
            throw new ProgressForbiddenException("คุณไม่ได้เป็นเจ้าของหน่วยงานที่รับผิดชอบรายการนี้", "You do not own a unit responsible for this.");
        }
        if (entry.Review == ReviewStatus.Accepted && !permissions.CanManagePlans(agency))
        {
            throw new PlanWorkflowException("รายงานนี้ได้รับการตรวจรับแล้ว แก้ไขได้เมื่อผู้ประสานงานส่งคืน",
                "This report is accepted; it can be changed once the coordinator returns it.");
        }
        var round = entry.Round!;
        entry.Round = null;
        return (entry, round);
    }

    private async Task<ProgressRoundRow> LoadRoundAsync(Agency agency, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return await db.ProgressRounds.SingleOrDefaultAsync(r => r.Id == roundId && r.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No round {roundId}.");
    }

    private static void Manager(Agency agency, Permissions permissions)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!permissions.CanManagePlans(agency))
        {
            throw new ProgressForbiddenException("เฉพาะผู้ประสานงาน (ศปท.) ของหน่วยงานทำขั้นตอนนี้ได้", "Only the agency's coordinator may do this.");
        }
    }

    private static void OpenOnly(ProgressRoundRow round, string th = "รอบรายงานนี้ปิดแล้ว แก้ไขไม่ได้", string en = "This round is closed and cannot change.")
    {
        if (round.Status != RoundStatus.Open)
        {
            throw new PlanWorkflowException(th, en);
        }
    }

    private static void Fresh(IWorkflowRow row, int? expectedVersion, string? changedBy, long changedAt)
    {
        if (row.IsStale(expectedVersion))
        {
            throw new ProgressConflictException(changedBy, changedAt, row.Version);
        }
    }

    private static void Text(string? text, int max, string th, string en)
    {
        if (UserText.Check(text, max) is { } problem)
        {
            throw new PlanWorkflowException(th + problem.Th, en + " " + problem.En);
        }
    }

    private Task CommitRoundAsync(ProgressRoundRow round, CancellationToken cancellationToken) =>
        CommitAsync(round, () => db.ProgressRounds.AsNoTracking().SingleAsync(r => r.Id == round.Id, cancellationToken),
            r => (r.UpdatedBy, r.UpdatedAtUnixMs, r.Version), cancellationToken);

    private async Task CommitEntryAsync(ProgressEntryRow row, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(row, () => db.ProgressEntries.AsNoTracking().SingleAsync(e => e.Id == row.Id, cancellationToken),
                e => (e.UpdatedBy, e.UpdatedAtUnixMs, e.Version), cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two writers added the same subject's entry at once: the unique (round, subject, sequence) refused the second.
            db.ChangeTracker.Clear();
            var now = await db.ProgressEntries.AsNoTracking()
                .SingleOrDefaultAsync(e => e.RoundId == row.RoundId && e.Subject == row.Subject && e.Sequence == row.Sequence, cancellationToken);
            throw new ProgressConflictException(now?.UpdatedBy, now?.UpdatedAtUnixMs ?? Now(), now?.Version ?? 0);
        }
    }

    private async Task CommitAsync<T>(T row, Func<Task<T>> reload, Func<T, (string? By, long At, int Version)> who, CancellationToken cancellationToken)
        where T : class, IWorkflowRow
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var (by, at, version) = who(await reload());
            throw new ProgressConflictException(by, at, version);
        }
    }

    private ActionPlanRow NewPlan(Agency agency, ActionPlan plan, PlanActor actor, long now)
    {
        var row = new ActionPlanRow
        {
            AgencyId = agency.Id,
            FirstYear = plan.FiscalYears[0].BuddhistEra,
            LastYear = plan.FiscalYears[^1].BuddhistEra,
            Title = plan.Title,
            ContentJson = PlanJson.Write(new PlanImport(plan, [], [])),
            CreatedAtUnixMs = now,
            CreatedBy = actor.UserName,
            UpdatedAtUnixMs = now,
            UpdatedBy = actor.UserName,
        };
        db.ActionPlans.Add(row);
        return row;
    }

    private static ProgressEntryRow NewEntry(ProgressRoundRow round, int agencyId, ProgressEntry entry, int sequence, ReviewStatus review,
        PlanActor actor, long now, string? correctionReason)
    {
        var row = new ProgressEntryRow
        {
            Round = round,
            Subject = entry.Subject,
            ItemNumber = entry.Item,
            MeasureNumber = entry.Measure,
            Sequence = sequence,
            EntryJson = "",
            Review = review,
            CorrectionReason = correctionReason,
            CreatedAtUnixMs = now,
            CreatedBy = actor.UserName,
            UpdatedAtUnixMs = now,
            UpdatedBy = actor.UserName,
            UpdatedByUserId = actor.UserId,
            ReviewedAtUnixMs = review == ReviewStatus.Accepted ? now : null,
            ReviewedBy = review == ReviewStatus.Accepted ? actor.UserName : null,
        };
        SetEntry(row, entry);
        row.Evidence.AddRange(entry.Evidence.Select(e => new ProgressEvidence
        {
            AgencyId = agencyId, Name = e.Name, Url = e.Url, AddedAtUnixMs = now, AddedBy = actor.UserName,
        }));
        return row;
    }

    /// <summary>Keeps the entry's content (its evidence is rows of its own) and the columns the views read.</summary>
    private static void SetEntry(ProgressEntryRow row, ProgressEntry entry)
    {
        var bare = new ProgressEntry(entry.Item, entry.Measure, entry.Text, entry.Status, entry.Reason, entry.Spent, entry.Actuals,
            entry.Outcome, entry.Participants, entry.Satisfaction);
        row.EntryJson = PlanJson.WriteEntry(bare);
        row.Status = entry.Status;
        row.Spent = entry.Spent;
    }

    /// <summary>The entry with its evidence, as the core reads it.</summary>
    private static ProgressEntry Core(ProgressEntryRow row)
    {
        var e = row.Entry();
        return new ProgressEntry(e.Item, e.Measure, e.Text, e.Status, e.Reason, e.Spent, e.Actuals, e.Outcome, e.Participants, e.Satisfaction,
            [.. row.Evidence.Select(v => new Evidence(v.Name, v.Url))]);
    }

    private void Record(ActionPlanRow plan, ProgressRoundRow? round, string? subject, string action, PlanActor actor, string? note, long now) =>
        db.ActionPlanEvents.Add(new ActionPlanEvent
        {
            AgencyId = plan.AgencyId,
            Plan = plan,
            Round = round,
            Subject = subject,
            Action = action,
            UserId = actor.UserId,
            UserName = actor.UserName,
            AtUnixMs = now,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });

    private void Record(ProgressRoundRow round, string? subject, string action, PlanActor actor, string? note, long now) =>
        db.ActionPlanEvents.Add(new ActionPlanEvent
        {
            AgencyId = round.AgencyId,
            PlanId = round.PlanId,
            RoundId = round.Id == 0 ? null : round.Id,
            Round = round.Id == 0 ? round : null,
            Subject = subject,
            Action = action,
            UserId = actor.UserId,
            UserName = actor.UserName,
            AtUnixMs = now,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });

    private static string? Joined(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()));
        return text.Length == 0 ? null : text;
    }

    private static List<string> Lines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Where(l => l.Length > 0)];

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}

/// <summary>A plan or entry written in a form or by the API breaks a rule; <see cref="Path"/> names the field as the
/// JSON contract does (for machines); the Thai and English texts name it in words. A 4xx to clients.</summary>
public sealed class PlanValidationException(string path, Core.Text.Message reason)
    : PlanWorkflowException(Describe(path, reason).Thai, Describe(path, reason).English)
{
    public string Path { get; } = path;

    public Core.Text.Message Reason { get; } = reason;

    private static Core.Text.Message Describe(string path, Core.Text.Message reason) =>
        Core.Text.Message.Of("plan.not-valid-at", "ข้อมูลไม่ถูกต้องที่ {place}: {reason}", "Not valid at {place}: {reason}",
            ("place", PlanFields.Of(path)), ("reason", reason));
}
