using OpenIta.Core.Measures;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Measures;

/// <summary>
/// One revision of an agency's measures for the results of one fiscal year. <see cref="ContentJson"/> holds the plan
/// in the JSON contract of <see cref="MeasurePlanJson"/>. A revision moves draft → submitted → approved → published
/// (<see cref="PlanWorkflow"/>); once approved it is frozen and a change makes the next revision.
/// </summary>
public sealed class MeasurePlanRevision : IWorkflowRow
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>The Buddhist-Era fiscal year of the results the plan answers.</summary>
    public int FiscalYear { get; set; }

    /// <summary>1, 2, 3 … per agency and year.</summary>
    public int Revision { get; set; }

    public PlanStatus Status { get; set; }

    public required string ContentJson { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public string? CreatedBy { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }

    public long? SubmittedAtUnixMs { get; set; }

    /// <summary>The approval as it is printed (seed 000): name, position, date and memo number.</summary>
    public string? ApprovedByName { get; set; }
    public string? ApprovedPosition { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? MemoNumber { get; set; }

    /// <summary>The executive's account that recorded the approval.</summary>
    public string? ApprovedByUserId { get; set; }

    public long? PublishedAtUnixMs { get; set; }

    /// <summary>
    /// The content this draft had before its last destructive change (a measure deleted, the plan replaced by a draft
    /// from the catalogue, or a restore): kept so that it can be restored (issue 10, no dead ends). Restoring swaps it
    /// with the content, so nothing is lost either way. Null when nothing was replaced; a new revision starts without it.
    /// </summary>
    public string? KeptContentJson { get; set; }

    /// <summary>What replaced <see cref="KeptContentJson"/>: deleted, redrafted or restored (<see cref="PlanEvent.Action"/>'s words).</summary>
    public string? KeptReason { get; set; }

    public long? KeptAtUnixMs { get; set; }
    public string? KeptBy { get; set; }

    /// <summary>Raised by one on every write (<see cref="IWorkflowRow"/>): a form sends the version it showed.</summary>
    public int Version { get; set; }

    public MeasurePlan Plan() => MeasurePlanJson.Read(ContentJson);

    /// <summary>The kept content (<see cref="KeptContentJson"/>), or null.</summary>
    public MeasurePlan? Kept() => KeptContentJson is { } json ? MeasurePlanJson.Read(json) : null;

    public Approval? Approval() =>
        ApprovedByName is { } name && ApprovedPosition is { } position && ApprovedOn is { } on && MemoNumber is { } memo
            ? new Approval(name, position, on, memo)
            : null;
}

/// <summary>One step of a plan's life, kept forever: who did what to which revision, when, with the note they gave.</summary>
public sealed class PlanEvent
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int FiscalYear { get; set; }
    public int Revision { get; set; }

    /// <summary>created, drafted, edited, deleted, redrafted, restored, added (from the catalogue), submitted, returned, approved, published, revised; imported for the demo's seed plans.</summary>
    public required string Action { get; set; }

    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public long AtUnixMs { get; set; }
    public string? Note { get; set; }
}
