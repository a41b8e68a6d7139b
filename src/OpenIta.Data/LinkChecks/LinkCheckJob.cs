using OpenIta.Data.Workflow;

namespace OpenIta.Data.LinkChecks;

public enum LinkCheckJobStatus
{
    Queued,
    Running,
    Done,
}

/// <summary>
/// One run of the link checker over an agency's OIT URLs of a fiscal year (<c>link_check_jobs</c>): queued by the
/// API, by the coordinator's submission or before the assessor's review; claimed by one instance at a time
/// (<see cref="LinkCheckJobs"/>: queued → running under a lease its instance renews → done). A job whose lease ran out
/// is taken over by another instance and run again from the start (a check is idempotent: it adds rows).
/// </summary>
public sealed class LinkCheckJob : IWorkflowRow
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    /// <summary>The Buddhist-Era fiscal year of the OIT whose URLs are checked.</summary>
    public int FiscalYear { get; set; }

    /// <summary>Why it was queued: <c>demand</c> (the API or a page), <c>submitted</c>, <c>review</c>.</summary>
    public required string Reason { get; set; }

    public LinkCheckJobStatus Status { get; set; }

    /// <summary>Who asked (a user name); null for the application itself.</summary>
    public string? RequestedBy { get; set; }

    public long RequestedAtUnixMs { get; set; }

    /// <summary>The claim that runs it now: a new random token per claim, so a claim that was taken over cannot renew,
    /// report or finish.</summary>
    public string? ClaimToken { get; set; }

    /// <summary>Until when the claim holds; renewed while the job runs.</summary>
    public long? LeaseUntilUnixMs { get; set; }

    public long? StartedAtUnixMs { get; set; }

    public long? FinishedAtUnixMs { get; set; }

    /// <summary>How many times an instance claimed it (more than one: a takeover).</summary>
    public int Attempts { get; set; }

    /// <summary>URLs to check, checked so far, and found broken so far.</summary>
    public int Total { get; set; }

    public int Checked { get; set; }

    public int Broken { get; set; }

    /// <summary>Why the run failed, when it did (for operators; the URLs' own failures are their checks).</summary>
    public string? Error { get; set; }

    public int Version { get; set; }
}
