namespace OpenIta.Data.LinkChecks;

/// <summary>
/// One check of one OIT URL (<c>link_checks</c>): what the checker found and when. Rows are only added: the history
/// of a URL is its checks in time order, and a score can name the check (the snapshot) its assessor saw.
/// </summary>
public sealed class LinkCheck
{
    public long Id { get; set; }

    /// <summary>The URL row of the OIT item checked.</summary>
    public long UrlId { get; set; }

    /// <summary>The run that made it; null when the run was deleted.</summary>
    public long? JobId { get; set; }

    public int AgencyId { get; set; }

    /// <summary>The Buddhist-Era fiscal year of the OIT: the year a document date is judged against.</summary>
    public int FiscalYear { get; set; }

    /// <summary>The URL as it was checked.</summary>
    public required string Url { get; set; }

    public LinkOutcome Outcome { get; set; }

    /// <summary>The HTTP status of the last answer; null when there was none.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The media type of the answer (<c>text/html</c>, <c>application/pdf</c>), without parameters.</summary>
    public string? ContentType { get; set; }

    /// <summary>Bytes read (or declared, for a body over the limit).</summary>
    public long Size { get; set; }

    /// <summary>The SHA-256 of the body, lower-case hexadecimal: the name of its snapshot. Null when nothing was kept.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Where the redirects ended.</summary>
    public string? FinalUrl { get; set; }

    public long CheckedAtUnixMs { get; set; }

    public long DurationMs { get; set; }

    public int Redirects { get; set; }

    /// <summary>What went wrong, for operators (the pages say it in Thai from <see cref="Outcome"/>).</summary>
    public string? Detail { get; set; }

    /// <summary>The earliest and latest dates the document carries (<see cref="DocumentDates"/>); null when none can be read.</summary>
    public DateOnly? EarliestDate { get; set; }

    public DateOnly? LatestDate { get; set; }

    /// <summary>Dates were read and none falls in the fiscal year; null when no date could be read.</summary>
    public bool? OutsideYear { get; set; }

    /// <summary>The body differs from the first check after the set was submitted; null before a submission or when
    /// either has no body.</summary>
    public bool? Changed { get; set; }

    /// <summary>Whether the link is broken (<see cref="FetchResult.IsBroken"/>).</summary>
    public bool IsBroken => Outcome is not (LinkOutcome.Ok or LinkOutcome.TooLarge);
}
