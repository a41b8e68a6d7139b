using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Plans;

/// <summary>
/// An agency's action plan (issue 11) covering fiscal years <see cref="FirstYear"/>–<see cref="LastYear"/>.
/// <see cref="ContentJson"/> holds the plan in the import contract of <see cref="PlanJson"/> (items, levels, KPIs,
/// budgets; no rounds): the tree's depth and level names differ from plan to plan, it is edited, reordered and checked
/// (<see cref="PlanRules"/>) as a whole, and entries refer to items by number — so it is kept whole, as measures plans
/// are, and the rounds and entries that people write at the same time are rows of their own.
/// </summary>
public sealed class ActionPlanRow : IWorkflowRow
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>The first and last Buddhist-Era fiscal years the plan covers.</summary>
    public int FirstYear { get; set; }
    public int LastYear { get; set; }

    public required string Title { get; set; }
    public required string ContentJson { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public string? CreatedBy { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// The plan as the coordinator published it (issue 13: the public reads this, never the working copy): the content
    /// at the moment of publishing, in the same contract as <see cref="ContentJson"/>. Later edits are not public until the
    /// plan is published again. Null while it was never published.
    /// </summary>
    public string? PublishedContentJson { get; set; }

    /// <summary>When <see cref="PublishedContentJson"/> was published.</summary>
    public long? PublishedAtUnixMs { get; set; }

    public int Version { get; set; }

    public ActionPlan Plan() => PlanJson.Read(ContentJson).Plan;

    /// <summary>The published plan, or null when it was never published.</summary>
    public ActionPlan? Published() => PublishedContentJson is { } json ? PlanJson.Read(json).Plan : null;

    /// <summary>Whether the working copy differs from what was published (the plan page offers to publish it again).</summary>
    public bool ChangedSincePublished => PublishedContentJson is { } json && !string.Equals(json, ContentJson, StringComparison.Ordinal);

    public bool Covers(int fiscalYear) => fiscalYear >= FirstYear && fiscalYear <= LastYear;
}

/// <summary>Where a round stands: open for reports, or closed (frozen: corrections only).</summary>
public enum RoundStatus
{
    Open,
    Closed,
}

/// <summary>
/// One progress round of a plan: a fiscal year and a period (6 or 12 months, a quarter, a month). It holds the entries
/// of the plan's items and of the measures of the agency's measures plan that runs that year.
/// </summary>
public sealed class ProgressRoundRow : IWorkflowRow
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public ActionPlanRow? Plan { get; set; }
    public int AgencyId { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>The contract's name of the period: "6", "12", "q1"–"q4", "m1"–"m12".</summary>
    public required string Period { get; set; }

    public RoundStatus Status { get; set; }

    /// <summary>When the units' reports are due, when the coordinator set it (the pages mark what is overdue).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Notes under the report (seed 004: หมายเหตุ งบประมาณดำเนินงานโครงการฯ …), one a line.</summary>
    public string? Notes { get; set; }

    public long OpenedAtUnixMs { get; set; }
    public long? ClosedAtUnixMs { get; set; }
    public string? ClosedBy { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// When the coordinator published the round's report (issue 13): only a closed round can be, and only a published
    /// round's report has a public address. Corrections made afterwards are part of what the public reads, each with its
    /// reason, as the report prints them. Null while unpublished.
    /// </summary>
    public long? PublishedAtUnixMs { get; set; }

    public int Version { get; set; }

    public ReportingPeriod AsPeriod() => PlanStore.ParsePeriod(Period);

    public FiscalYear Year() => new(FiscalYear);
}

/// <summary>Where a unit's report on one item or measure stands with the coordinator.</summary>
public enum ReviewStatus
{
    /// <summary>Saved by the unit, not sent yet.</summary>
    Draft,

    /// <summary>Sent to the coordinator.</summary>
    Submitted,

    /// <summary>Sent back with a note (<see cref="ProgressEntryRow.ReviewNote"/>).</summary>
    Returned,

    /// <summary>Accepted: what the round's documents print.</summary>
    Accepted,
}

/// <summary>
/// What a round says about one plan item or one measure (<see cref="Subject"/>: the item's number, or "measure N"):
/// the entry as the contract writes it (<see cref="EntryJson"/>: actuals, narrative, participants, satisfaction,
/// spent, status and reason), with the status and money spent also as columns for the views across a round or a
/// group. <see cref="Sequence"/> 0 is the entry of the round; 1, 2 … are corrections made after it closed (a closed
/// round's entry is never rewritten), each with its reason.
/// </summary>
public sealed class ProgressEntryRow : IWorkflowRow
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public ProgressRoundRow? Round { get; set; }

    /// <summary>The item's number, or "measure N" (<see cref="ProgressEntry.Subject"/>).</summary>
    public required string Subject { get; set; }

    public string? ItemNumber { get; set; }
    public int? MeasureNumber { get; set; }

    /// <summary>0 for the round's entry; 1, 2 … for the corrections of a closed round.</summary>
    public int Sequence { get; set; }

    public required string EntryJson { get; set; }

    /// <summary>The entry's status in the contract's words (done, not-done …), null when it gives none.</summary>
    public EntryStatus? Status { get; set; }

    public decimal? Spent { get; set; }

    public ReviewStatus Review { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>Why a correction was made (corrections only).</summary>
    public string? CorrectionReason { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public string? CreatedBy { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }
    public string? UpdatedByUserId { get; set; }
    public long? SubmittedAtUnixMs { get; set; }
    public long? ReviewedAtUnixMs { get; set; }
    public string? ReviewedBy { get; set; }

    public int Version { get; set; }

    public List<ProgressEvidence> Evidence { get; set; } = [];

    public bool IsCorrection => Sequence > 0;

    /// <summary>The entry as the core reads it (without its evidence: <see cref="PlanStore"/> adds it).</summary>
    public ProgressEntry Entry() => PlanJson.ReadEntry(EntryJson, MeasureNumber is not null);
}

/// <summary>
/// A piece of evidence of an entry: a link, or a file kept in the database (at most <see cref="PlanStoreOptions.EvidenceMaxBytes"/>).
/// Served only to those who may read the agency (the web checks; <see cref="PlanStore.EvidenceFileAsync"/> answers
/// only within the agency asked for).
/// </summary>
public sealed class ProgressEvidence
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public ProgressEntryRow? Entry { get; set; }
    public int AgencyId { get; set; }

    /// <summary>What it is (รายงานการประชุม, ภาพกิจกรรม).</summary>
    public required string Name { get; set; }

    /// <summary>A link (https://…), for evidence that is not a file.</summary>
    public string? Url { get; set; }

    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? Size { get; set; }

    /// <summary>The file's bytes; never loaded by the lists (they project the other columns).</summary>
    public byte[]? Content { get; set; }

    /// <summary>SHA-256 of the file, hex.</summary>
    public string? Sha256 { get; set; }

    public long AddedAtUnixMs { get; set; }
    public string? AddedBy { get; set; }

    public bool IsFile => FileName is not null;
}

/// <summary>One step of a plan's or a round's life, kept forever: who did what, when, with the note they gave.</summary>
public sealed class ActionPlanEvent
{
    public long Id { get; set; }
    public int AgencyId { get; set; }

    /// <summary>The plan; null once the plan was replaced by an import (the row stays, with its agency).</summary>
    public int? PlanId { get; set; }
    public ActionPlanRow? Plan { get; set; }

    public int? RoundId { get; set; }
    public ProgressRoundRow? Round { get; set; }

    /// <summary>The entry's subject (item number or "measure N") for entry steps.</summary>
    public string? Subject { get; set; }

    /// <summary>imported, created, edited, round-opened, saved, submitted, returned, accepted, evidence-added,
    /// evidence-removed, round-closed, corrected, round-updated.</summary>
    public required string Action { get; set; }

    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public long AtUnixMs { get; set; }
    public string? Note { get; set; }
}
