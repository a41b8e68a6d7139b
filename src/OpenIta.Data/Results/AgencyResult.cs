namespace OpenIta.Data.Results;

/// <summary>
/// An agency's ITA result for one fiscal year. <see cref="InputJson"/> is the source of truth: the levels the agency has,
/// in the JSON contract of <c>openita score</c>. Everything else is computed from it by the scoring engine when it is
/// saved, and stored so that both database engines can sort and filter in SQL: scores as whole hundredths (the value
/// shown) next to the exact decimal text.
/// </summary>
public sealed class AgencyResult
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>Buddhist Era fiscal year.</summary>
    public int FiscalYear { get; set; }

    public required string InputJson { get; set; }

    public int? TotalHundredths { get; set; }
    public string? TotalExact { get; set; }
    public string? RatingCode { get; set; }
    public bool? Passed { get; set; }
    public int DiscrepancyCount { get; set; }

    /// <summary>When it was last saved, in Unix milliseconds (sortable on both engines).</summary>
    public long UpdatedAtUnixMs { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>
    /// The assessment round whose collected answers this result was scored from (issue 12: "marked as collected"); null
    /// when it was entered or imported. Entering or importing the year again makes it an entered result.
    /// </summary>
    public int? CollectedRoundId { get; set; }

    public List<ResultScore> Scores { get; set; } = [];
}

/// <summary>One computed or given score of a result: an instrument, indicator, sub-indicator or question.</summary>
public sealed class ResultScore
{
    public int ResultId { get; set; }
    public ScoreLevel Level { get; set; }

    /// <summary>IIT, EIT1 …; 1 … 10; 9.1 …; I1, I1.1 ….</summary>
    public required string Code { get; set; }

    /// <summary>The score as displayed, in hundredths (89.21 → 8921).</summary>
    public int Hundredths { get; set; }

    /// <summary>The exact score, invariant decimal text.</summary>
    public required string Exact { get; set; }

    /// <summary>True when the agency gave it; false when the engine computed it.</summary>
    public bool Given { get; set; }
}

public enum ScoreLevel
{
    Instrument,
    Indicator,
    SubIndicator,
    Question,
}
