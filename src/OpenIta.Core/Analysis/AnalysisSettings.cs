namespace OpenIta.Core.Analysis;

/// <summary>
/// An agency's choices for the analysis of its results: its own target and the tier thresholds (DOMAIN.md §3).
/// Thresholds are compared with scores as displayed (rounded half-up to 2 decimals).
/// </summary>
public sealed record AnalysisSettings
{
    /// <summary>The defaults of seed 001: strength above 92, urgent below 85, no own target.</summary>
    public static AnalysisSettings Default { get; } = new();

    /// <summary>
    /// The agency's own target for the total (seed 001: 95.00; seed 004: 93), or null to use the framework's pass mark.
    /// </summary>
    public decimal? Target
    {
        get => _target;
        init
        {
            if (value is { } v && !Scoring.Score.IsValid(v))
            {
                throw new ArgumentOutOfRangeException(nameof(Target), v, "A target is a score from 0 to 100.");
            }
            _target = value;
        }
    }

    /// <summary>A score above this (as displayed) is a strength; default 92.</summary>
    public decimal StrengthAbove
    {
        get => _strengthAbove;
        init
        {
            if (!Scoring.Score.IsValid(value))
            {
                throw new ArgumentOutOfRangeException(nameof(StrengthAbove), value, "A threshold is a score from 0 to 100.");
            }
            _strengthAbove = value;
        }
    }

    /// <summary>A score below this (as displayed) is urgent; from here up to <see cref="StrengthAbove"/>, to improve. Default 85.</summary>
    public decimal UrgentBelow
    {
        get => _urgentBelow;
        init
        {
            if (!Scoring.Score.IsValid(value))
            {
                throw new ArgumentOutOfRangeException(nameof(UrgentBelow), value, "A threshold is a score from 0 to 100.");
            }
            _urgentBelow = value;
        }
    }

    private readonly decimal? _target;
    private readonly decimal _strengthAbove = 92m;
    private readonly decimal _urgentBelow = 85m;

    /// <summary>The tier of a score, compared as displayed.</summary>
    public Tier TierOf(decimal score)
    {
        if (UrgentBelow > StrengthAbove)
        {
            throw new InvalidOperationException(
                $"The urgent threshold ({UrgentBelow}) is above the strength threshold ({StrengthAbove}).");
        }
        var shown = Scoring.Score.Round(score);
        return shown > StrengthAbove ? Tier.Strength
            : shown < UrgentBelow ? Tier.Urgent
            : Tier.ToImprove;
    }
}

/// <summary>Where a question or sub-item stands (seed 001: จุดแข็ง, ควรพัฒนา, เร่งด่วน).</summary>
public enum Tier
{
    /// <summary>Above the strength threshold (default 92): keep it up.</summary>
    Strength,

    /// <summary>From the urgent threshold up to the strength threshold (default 85–92 inclusive).</summary>
    ToImprove,

    /// <summary>Below the urgent threshold (default 85): a weakness to fix first.</summary>
    Urgent,
}
