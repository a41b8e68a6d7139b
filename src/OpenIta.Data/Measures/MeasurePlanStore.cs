using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenIta.Core.Measures;
using OpenIta.Data.Agencies;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Measures;

/// <summary>Who acts on a plan, as the audit trail records them.</summary>
public sealed record PlanActor(string? UserId, string UserName);

/// <summary>An action the workflow refuses (an approved revision edited, a draft approved …): a 409 to clients.</summary>
public class PlanWorkflowException(string th, string en) : Exception(en)
{
    public string Th { get; } = th;
    public string En { get; } = en;
}

/// <summary>
/// A write from a stale version (issue 8): someone changed the revision since the form was shown. <see cref="Current"/>
/// is the revision as it is now (who changed it last, when, its status), for the message that says what changed.
/// </summary>
public sealed class PlanConflictException(MeasurePlanRevision current)
    : PlanWorkflowException("มีผู้อื่นแก้ไขมาตรการนี้ก่อนคุณ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง",
        "Someone changed this plan before you; check it and save again.")
{
    public MeasurePlanRevision Current { get; } = current;
}

/// <summary>
/// Saves measures plans and moves their revisions through <see cref="PlanWorkflow"/>, writing every step to the audit
/// trail in the same transaction. Who may act is checked by the caller with <c>Permissions</c>; this class enforces
/// what the status allows, so a frozen revision cannot change whoever asks. Every write can carry the version the
/// client read (<see cref="IWorkflowRow"/>): an older one is refused with <see cref="PlanConflictException"/>, and so
/// is the loser of two writes that read the same version at the same moment. Each step is logged as a structured
/// event with user ids only, never names.
/// </summary>
public sealed class MeasurePlanStore(OpenItaDb db, TimeProvider clock, ILogger<MeasurePlanStore>? logger = null)
{
    private static readonly Action<ILogger, string, int, int, int, int, string?, Exception?> StepLogged =
        LoggerMessage.Define<string, int, int, int, int, string?>(LogLevel.Information, new EventId(4100, "PlanStep"),
            "Measures plan {Action}: agency {AgencyId} year {FiscalYear} revision {Revision} now version {Version} by user {UserId}");

    private static readonly Action<ILogger, string, int, int, int?, int, string?, Exception?> ConflictLogged =
        LoggerMessage.Define<string, int, int, int?, int, string?>(LogLevel.Warning, new EventId(4101, "PlanConflict"),
            "Measures plan {Action} refused as stale: revision id {RevisionId} at version {Version}, client sent {ExpectedVersion}, "
            + "revision {Revision}, user {UserId}");

    private readonly ILogger _log = logger ?? NullLogger<MeasurePlanStore>.Instance;

    /// <summary>Every revision of the plan, newest first.</summary>
    public async Task<IReadOnlyList<MeasurePlanRevision>> RevisionsAsync(int agencyId, int fiscalYear, CancellationToken cancellationToken = default) =>
        await db.MeasurePlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.FiscalYear == fiscalYear)
            .OrderByDescending(p => p.Revision)
            .ToListAsync(cancellationToken);

    /// <summary>The newest revision, or the newest published one when <paramref name="publishedOnly"/>.</summary>
    public async Task<MeasurePlanRevision?> LatestAsync(int agencyId, int fiscalYear, bool publishedOnly, CancellationToken cancellationToken = default) =>
        await db.MeasurePlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.FiscalYear == fiscalYear && (!publishedOnly || p.Status == PlanStatus.Published))
            .OrderByDescending(p => p.Revision)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<MeasurePlanRevision?> FindAsync(int agencyId, int fiscalYear, int revision, CancellationToken cancellationToken = default) =>
        await db.MeasurePlans.AsNoTracking()
            .SingleOrDefaultAsync(p => p.AgencyId == agencyId && p.FiscalYear == fiscalYear && p.Revision == revision, cancellationToken);

    /// <summary>The audit trail of the plan, oldest first.</summary>
    public async Task<IReadOnlyList<PlanEvent>> EventsAsync(int agencyId, int fiscalYear, CancellationToken cancellationToken = default) =>
        await db.PlanEvents.AsNoTracking()
            .Where(e => e.AgencyId == agencyId && e.FiscalYear == fiscalYear)
            .OrderBy(e => e.AtUnixMs).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Starts the plan as revision 1, a draft. <paramref name="action"/> says how in the audit trail ("created" when
    /// written by hand, "drafted" when drafted from the catalogue). Refused when the plan already has a revision.
    /// </summary>
    public async Task<MeasurePlanRevision> StartAsync(Agency agency, MeasurePlan plan, PlanActor actor, string action = "created",
        string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        var year = plan.ResultsYear.BuddhistEra;
        if (await db.MeasurePlans.AnyAsync(p => p.AgencyId == agency.Id && p.FiscalYear == year, cancellationToken))
        {
            throw new PlanWorkflowException("มีมาตรการของปีนี้อยู่แล้ว กรุณาแก้ไขฉบับล่าสุด",
                "The plan for this year already exists; edit its latest revision.");
        }
        var now = Now();
        var revision = new MeasurePlanRevision
        {
            AgencyId = agency.Id,
            FiscalYear = year,
            Revision = 1,
            Status = PlanStatus.Draft,
            ContentJson = MeasurePlanJson.Write(plan.WithIds(_ => NewMeasureId())),
            CreatedAtUnixMs = now,
            CreatedBy = actor.UserName,
            UpdatedAtUnixMs = now,
            UpdatedBy = actor.UserName,
        };
        db.MeasurePlans.Add(revision);
        Record(revision, action, actor, note, now);
        await db.SaveChangesAsync(cancellationToken);
        Logged(revision, action, actor);
        return revision;
    }

    /// <summary>
    /// Replaces a draft's content. Refused unless the revision is a draft (an approved revision is frozen), and with
    /// <see cref="PlanConflictException"/> when <paramref name="expectedVersion"/> is not the revision's version.
    /// Measures without an id get a new one; the others keep theirs.
    /// </summary>
    public Task<MeasurePlanRevision> SaveAsync(int revisionId, MeasurePlan plan, PlanActor actor, string? note = null,
        int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        WriteAsync(revisionId, plan, actor, "edited", keep: false, note, expectedVersion, cancellationToken);

    /// <summary>
    /// A destructive change of a draft (<paramref name="action"/>: "deleted" a measure, "redrafted" from the
    /// catalogue): saved as <see cref="SaveAsync"/> does, and the content it replaces is kept on the revision
    /// (<see cref="MeasurePlanRevision.KeptContentJson"/>) so that <see cref="RestoreAsync"/> brings it back.
    /// </summary>
    public Task<MeasurePlanRevision> ReplaceAsync(int revisionId, MeasurePlan plan, PlanActor actor, string action, string? note = null,
        int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        WriteAsync(revisionId, plan, actor, action, keep: true, note, expectedVersion, cancellationToken);

    /// <summary>
    /// Adds a measure at the end of a draft (a template from the catalogue): appended to the plan as it is now, so an
    /// add from a page that others changed since lands on their changes; only a write between this read and the save
    /// is a conflict.
    /// </summary>
    public async Task<MeasurePlanRevision> AppendAsync(int revisionId, Measure measure, PlanActor actor, string? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var revision = await db.MeasurePlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == revisionId, cancellationToken)
            ?? throw new KeyNotFoundException($"No measures plan revision {revisionId}.");
        Allow(revision, PlanAction.Edit);
        var plan = revision.Plan();
        var measures = plan.Measures.Append(measure with { Id = null }).Select((m, i) => m with { Number = i + 1 }).ToList();
        return await WriteAsync(revisionId, plan with { Measures = measures }, actor, "added", keep: false, note, revision.Version, cancellationToken);
    }

    /// <summary>
    /// Brings back the content a destructive change replaced: the kept content and the content swap places, so the
    /// content replaced by the restore is kept in turn (and can be restored again). Refused when nothing is kept.
    /// </summary>
    public async Task<MeasurePlanRevision> RestoreAsync(int revisionId, PlanActor actor, int? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var revision = await LoadAsync(revisionId, cancellationToken);
        Current(revision, expectedVersion, "restored", actor);
        Allow(revision, PlanAction.Edit);
        if (revision.KeptContentJson is not { } kept)
        {
            throw new PlanWorkflowException("ไม่มีเนื้อหาเดิมที่เก็บไว้ให้กู้คืน", "There is no earlier content kept to restore.");
        }
        var now = Now();
        (revision.ContentJson, revision.KeptContentJson) = (kept, revision.ContentJson);
        revision.KeptReason = "restored";
        revision.KeptAtUnixMs = now;
        revision.KeptBy = actor.UserName;
        revision.UpdatedAtUnixMs = now;
        revision.UpdatedBy = actor.UserName;
        Record(revision, "restored", actor, null, now);
        await CommitAsync(revision, "restored", actor, expectedVersion, cancellationToken);
        return revision;
    }

    private async Task<MeasurePlanRevision> WriteAsync(int revisionId, MeasurePlan plan, PlanActor actor, string action, bool keep,
        string? note, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        var revision = await LoadAsync(revisionId, cancellationToken);
        Current(revision, expectedVersion, action, actor);
        Allow(revision, PlanAction.Edit);
        if (plan.ResultsYear.BuddhistEra != revision.FiscalYear)
        {
            throw new PlanWorkflowException("ปีของมาตรการไม่ตรงกับฉบับที่แก้ไข", "The plan's year does not match the revision's.");
        }
        var now = Now();
        if (keep)
        {
            revision.KeptContentJson = revision.ContentJson;
            revision.KeptReason = action;
            revision.KeptAtUnixMs = now;
            revision.KeptBy = actor.UserName;
        }
        revision.ContentJson = MeasurePlanJson.Write(plan.WithIds(_ => NewMeasureId()));
        revision.UpdatedAtUnixMs = now;
        revision.UpdatedBy = actor.UserName;
        Record(revision, action, actor, note, now);
        await CommitAsync(revision, action, actor, expectedVersion, cancellationToken);
        return revision;
    }

    /// <summary>
    /// The newest revision of every plan of the agencies whose status is one of <paramref name="statuses"/> (an older
    /// revision is never waiting for anything), newest change first, with the agency; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<MeasurePlanRevision>> WaitingAsync(IReadOnlyCollection<int> agencyIds, IReadOnlyCollection<PlanStatus> statuses,
        int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agencyIds);
        ArgumentNullException.ThrowIfNull(statuses);
        if (agencyIds.Count == 0 || statuses.Count == 0)
        {
            return [];
        }
        var ids = agencyIds.Distinct().ToList();
        var wanted = statuses.Distinct().ToList();
        return await Newest()
            .Where(p => ids.Contains(p.AgencyId) && wanted.Contains(p.Status))
            .Include(p => p.Agency)
            .OrderByDescending(p => p.UpdatedAtUnixMs).ThenBy(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Submitted plans that no one can approve: the newest revision is submitted and the agency has no executive
    /// (approving is the executive's act alone). For the administrator, who gives the role.
    /// </summary>
    public async Task<IReadOnlyList<MeasurePlanRevision>> WithoutApproverAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        await Newest()
            .Where(p => p.Status == PlanStatus.Submitted
                && !db.Memberships.Any(m => m.AgencyId == p.AgencyId && m.Role == Users.Role.Executive))
            .Include(p => p.Agency)
            .OrderBy(p => p.SubmittedAtUnixMs).ThenBy(p => p.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Whether someone holds the executive role of the agency, so that its plans can be approved.</summary>
    public Task<bool> HasApproverAsync(int agencyId, CancellationToken cancellationToken = default) =>
        db.Memberships.AnyAsync(m => m.AgencyId == agencyId && m.Role == Users.Role.Executive, cancellationToken);

    /// <summary>The newest revision of each agency's plan of each year.</summary>
    private IQueryable<MeasurePlanRevision> Newest() =>
        db.MeasurePlans.AsNoTracking().Where(p => !db.MeasurePlans.Any(q =>
            q.AgencyId == p.AgencyId && q.FiscalYear == p.FiscalYear && q.Revision > p.Revision));

    /// <summary>
    /// Submits, returns, approves (with <paramref name="approval"/>), publishes or revises a revision. Revising keeps
    /// the revision as it is and adds the next one as a draft with the same content; it is the revision returned.
    /// </summary>
    public async Task<MeasurePlanRevision> ApplyAsync(int revisionId, PlanAction action, PlanActor actor, Approval? approval = null,
        string? note = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (action == PlanAction.Edit)
        {
            throw new ArgumentException("Edits go through SaveAsync.", nameof(action));
        }
        var revision = await LoadAsync(revisionId, cancellationToken);
        Current(revision, expectedVersion, EventName(action), actor);
        var next = Allow(revision, action);
        var now = Now();
        switch (action)
        {
            case PlanAction.Submit:
                revision.SubmittedAtUnixMs = now;
                break;
            case PlanAction.Approve:
                if (approval is null || string.IsNullOrWhiteSpace(approval.Name) || string.IsNullOrWhiteSpace(approval.Position)
                    || string.IsNullOrWhiteSpace(approval.MemoNumber))
                {
                    throw new PlanWorkflowException("การอนุมัติต้องระบุชื่อ ตำแหน่ง วันที่ และเลขที่บันทึกข้อความ",
                        "An approval needs the name, position, date and memo number.");
                }
                revision.ApprovedByName = approval.Name.Trim();
                revision.ApprovedPosition = approval.Position.Trim();
                revision.ApprovedOn = approval.Date;
                revision.MemoNumber = approval.MemoNumber.Trim();
                revision.ApprovedByUserId = actor.UserId;
                break;
            case PlanAction.Publish:
                revision.PublishedAtUnixMs = now;
                break;
            case PlanAction.Revise:
                var newest = await db.MeasurePlans.Where(p => p.AgencyId == revision.AgencyId && p.FiscalYear == revision.FiscalYear)
                    .MaxAsync(p => p.Revision, cancellationToken);
                if (newest != revision.Revision)
                {
                    throw new PlanWorkflowException($"มีฉบับปรับปรุงที่ {newest} อยู่แล้ว", $"Revision {newest} already exists; work on it.");
                }
                var draft = new MeasurePlanRevision
                {
                    AgencyId = revision.AgencyId,
                    FiscalYear = revision.FiscalYear,
                    Revision = revision.Revision + 1,
                    Status = PlanStatus.Draft,
                    ContentJson = revision.ContentJson,
                    CreatedAtUnixMs = now,
                    CreatedBy = actor.UserName,
                    UpdatedAtUnixMs = now,
                    UpdatedBy = actor.UserName,
                };
                db.MeasurePlans.Add(draft);
                Record(draft, "revised", actor, note ?? $"from revision {revision.Revision}", now);
                await db.SaveChangesAsync(cancellationToken);
                Logged(draft, "revised", actor);
                return draft;
        }
        revision.Status = next;
        revision.UpdatedAtUnixMs = now;
        revision.UpdatedBy = actor.UserName;
        Record(revision, EventName(action), actor, note, now);
        await CommitAsync(revision, EventName(action), actor, expectedVersion, cancellationToken);
        return revision;
    }

    /// <summary>Refuses a client that read an older version than the revision's.</summary>
    private void Current(MeasurePlanRevision revision, int? expectedVersion, string action, PlanActor actor)
    {
        if (revision.IsStale(expectedVersion))
        {
            ConflictLogged(_log, action, revision.Id, revision.Version, expectedVersion, revision.Revision, actor.UserId, null);
            throw new PlanConflictException(revision);
        }
    }

    /// <summary>
    /// Saves the step and its audit row in one transaction. When another write landed between reading and saving (both
    /// read the same version), the version token matches no row: nothing is saved and the caller gets the conflict with
    /// the revision as it is now.
    /// </summary>
    private async Task CommitAsync(MeasurePlanRevision revision, string action, PlanActor actor, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.MeasurePlans.AsNoTracking().SingleAsync(p => p.Id == revision.Id, cancellationToken);
            ConflictLogged(_log, action, now.Id, now.Version, expectedVersion ?? revision.Version - 1, now.Revision, actor.UserId, null);
            throw new PlanConflictException(now);
        }
        Logged(revision, action, actor);
    }

    private void Logged(MeasurePlanRevision revision, string action, PlanActor actor) =>
        StepLogged(_log, action, revision.AgencyId, revision.FiscalYear, revision.Revision, revision.Version, actor.UserId, null);

    /// <summary>A new measure's id: m and 12 random hex digits, so that an id once deleted is never given again.</summary>
    private static string NewMeasureId() => "m" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private async Task<MeasurePlanRevision> LoadAsync(int revisionId, CancellationToken cancellationToken) =>
        await db.MeasurePlans.SingleOrDefaultAsync(p => p.Id == revisionId, cancellationToken)
            ?? throw new KeyNotFoundException($"No measures plan revision {revisionId}.");

    private static PlanStatus Allow(MeasurePlanRevision revision, PlanAction action)
    {
        if (PlanWorkflow.Next(revision.Status, action) is { } next)
        {
            return next;
        }
        var (th, en) = PlanWorkflow.WhyNot(revision.Status, action)!.Value;
        throw new PlanWorkflowException(th, en);
    }

    private void Record(MeasurePlanRevision revision, string action, PlanActor actor, string? note, long now) =>
        db.PlanEvents.Add(new PlanEvent
        {
            AgencyId = revision.AgencyId,
            FiscalYear = revision.FiscalYear,
            Revision = revision.Revision,
            Action = action,
            UserId = actor.UserId,
            UserName = actor.UserName,
            AtUnixMs = now,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });

    private static string EventName(PlanAction action) => action switch
    {
        PlanAction.Submit => "submitted",
        PlanAction.Return => "returned",
        PlanAction.Approve => "approved",
        PlanAction.Publish => "published",
        PlanAction.Revise => "revised",
        _ => "edited",
    };

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
