using OpenIta.Data.Agencies;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Oit;

/// <summary>Where an agency's OIT of a year stands: the owners are entering links, or the coordinator submitted the set.</summary>
public enum OitSetStatus
{
    Draft,
    Submitted,
}

/// <summary>
/// An agency's OIT of one fiscal year (issue 13): the set of the year's items, submitted by the coordinator as a whole.
/// One row per agency and year; its <see cref="Version"/> guards the submission.
/// </summary>
public sealed class OitSetRow : IWorkflowRow
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public int FiscalYear { get; set; }
    public OitSetStatus Status { get; set; }
    public long? SubmittedAtUnixMs { get; set; }
    public string? SubmittedBy { get; set; }
    public long CreatedAtUnixMs { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
    public List<OitItemRow> Items { get; set; } = [];
}

/// <summary>Where an item's score stands: not scored; scored by the assessor; the agency filed a clarification; the
/// assessor confirmed (or changed) the score after it.</summary>
public enum OitScoreState
{
    NotScored,
    Scored,
    Clarified,
    Confirmed,
}

/// <summary>
/// One OIT item of an agency's year (the framework's code: O1 … O43): who owns it (a unit of the agency) and by when,
/// the owner's note, its links (<see cref="OitUrlRow"/>), and the assessor's score (100 or 0), the criteria not met, the
/// reason and suggestion, and the clarification round. A workflow row: every write raises <see cref="Version"/>.
/// </summary>
public sealed class OitItemRow : IWorkflowRow
{
    public int Id { get; set; }
    public int SetId { get; set; }
    public OitSetRow? Set { get; set; }

    /// <summary>The agency and year again, so that a group's items are one range query (and a unique key).</summary>
    public int AgencyId { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>The framework's code of the item (O1 …).</summary>
    public required string Code { get; set; }

    public int? OwnerUnitId { get; set; }
    public AgencyUnit? OwnerUnit { get; set; }

    /// <summary>When the owner's links are due (a Thai calendar day).</summary>
    public DateOnly? DueOn { get; set; }

    public string? Note { get; set; }
    public long? LinksUpdatedAtUnixMs { get; set; }
    public string? LinksUpdatedBy { get; set; }

    /// <summary>100 or 0, as the assessor gave it (null: not scored).</summary>
    public int? Score { get; set; }

    public OitScoreState ScoreState { get; set; }

    /// <summary>The numbers (1 …) of the framework criteria the assessor found not met, comma-separated ("1,3").</summary>
    public string? CriteriaNotMet { get; set; }

    public string? Reason { get; set; }
    public string? Suggestion { get; set; }
    public string? ScoredByUserId { get; set; }
    public string? ScoredBy { get; set; }
    public long? ScoredAtUnixMs { get; set; }

    /// <summary>The agency's explanation in the clarification round (a new link is an <see cref="OitUrlRow"/> marked as one).</summary>
    public string? Clarification { get; set; }
    public string? ClarifiedBy { get; set; }
    public long? ClarifiedAtUnixMs { get; set; }

    public int Version { get; set; }

    public List<OitUrlRow> Urls { get; set; } = [];

    /// <summary>The criteria numbers not met.</summary>
    public IReadOnlyList<int> CriteriaNotMetNumbers() => (CriteriaNotMet ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

/// <summary>
/// One link of an item, as the owner entered it. Its <see cref="Id"/> is stable: saving the same URL again keeps the
/// row (the link checker attaches its checks and snapshots to it); a link taken out is marked removed, never deleted, so
/// that what the assessor saw stays on record.
/// </summary>
public sealed class OitUrlRow
{
    public long Id { get; set; }
    public int ItemId { get; set; }
    public OitItemRow? Item { get; set; }

    /// <summary>Order among the item's current links, from 0.</summary>
    public int Position { get; set; }

    public required string Url { get; set; }

    /// <summary>Why a link outside the agency's registered website domain is used (null: it is on the domain).</summary>
    public string? Exception { get; set; }

    /// <summary>Added by the agency in the clarification round.</summary>
    public bool FromClarification { get; set; }

    public long AddedAtUnixMs { get; set; }
    public string? AddedBy { get; set; }
    public long? RemovedAtUnixMs { get; set; }

    /// <summary>The link checker's check (and snapshot) of this link that the assessor saw when scoring the item; null
    /// until the link checker records one. Filled by the link checker's store (issue 13, item 2).</summary>
    public long? ScoredCheckId { get; set; }
}

/// <summary>
/// The clarification window of a group's agencies for a year, overriding the year's window of the configuration
/// (<c>Oit:Clarification:{year}:Opens</c> / <c>:Closes</c>); the nearest group above an agency wins. Dates are Thai
/// calendar days, both included.
/// </summary>
public sealed class OitWindowRow
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public int FiscalYear { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public string? SetBy { get; set; }
}

/// <summary>The audit trail of an agency's OIT: one row per change (links, owner, submission, score, clarification).</summary>
public sealed class OitEventRow
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>The item's code; null for the set (submission).</summary>
    public string? ItemCode { get; set; }

    /// <summary>assigned, links, submitted, scored, clarified, confirmed.</summary>
    public required string Action { get; set; }

    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public long AtUnixMs { get; set; }

    /// <summary>What changed, in words a person reads (Thai).</summary>
    public string? Note { get; set; }
}
