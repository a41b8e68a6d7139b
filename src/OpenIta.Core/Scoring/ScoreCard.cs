using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring;

/// <summary>Where a value on a score card comes from.</summary>
public enum ValueOrigin
{
    /// <summary>Given in the input at this level.</summary>
    Given,

    /// <summary>Computed from a more detailed level.</summary>
    Computed,
}

/// <summary>Every level the engine could score, with what it could not and why.</summary>
public sealed record ScoreCard
{
    public required FiscalYear Year { get; init; }
    public decimal? Total { get; init; }
    public ValueOrigin? TotalOrigin { get; init; }

    /// <summary>Why there is no total, when there is none.</summary>
    public Message? TotalReason { get; init; }

    /// <summary>The rating, or null when it cannot be decided (then see <see cref="RatingCandidates"/>).</summary>
    public RatingLevel? Rating { get; init; }

    /// <summary>The levels the rating could be, when the input does not decide between them (the scale's order,
    /// highest first); empty when the rating is decided.</summary>
    public IReadOnlyList<RatingLevel> RatingCandidates { get; init; } = [];

    /// <summary>When the rating is open: the instruments whose scores would decide it (FY2566 on, from a combined EIT:
    /// EIT1 and EIT2). Words for it: <see cref="RatingWording"/>.</summary>
    public IReadOnlyList<Instrument> RatingNeeds { get; init; } = [];

    /// <summary>Whether the input leaves the rating open between <see cref="RatingCandidates"/>.</summary>
    public bool RatingUndecided => Rating is null && RatingCandidates.Count > 1;

    /// <summary>Whether the total reaches the year's pass mark (85).</summary>
    public bool? Passed { get; init; }

    public IReadOnlyList<InstrumentScore> Instruments { get; init; } = [];
    public IReadOnlyList<IndicatorScore> Indicators { get; init; } = [];
    public IReadOnlyList<SubIndicatorScore> SubIndicators { get; init; } = [];
    public IReadOnlyList<QuestionScore> Questions { get; init; } = [];
    public IReadOnlyList<MinimumSample> MinimumSamples { get; init; } = [];
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];
    /// <summary>What a reader should know about the result; <see cref="MessageKind.Provenance"/> ones say how sure a rule is.</summary>
    public IReadOnlyList<Message> Warnings { get; init; } = [];

    public InstrumentScore? Instrument(Instrument instrument) =>
        Instruments.FirstOrDefault(i => i.Instrument == instrument);

    public IndicatorScore? Indicator(int number) => Indicators.FirstOrDefault(i => i.Number == number);

    public QuestionScore? Question(string code) =>
        Questions.FirstOrDefault(q => string.Equals(q.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Scored">False when the instrument is not scored, with <paramref name="Reason"/> saying why.</param>
/// <param name="Weight">The instrument's weight in the total; null for the combined EIT of FY2566 on.</param>
public sealed record InstrumentScore(
    Instrument Instrument,
    decimal? Score,
    ValueOrigin? Origin,
    bool Scored,
    Message? Reason,
    decimal? Weight,
    int? Respondents);

/// <param name="Parts">From FY2566, the EIT indicators' scores in EIT1 and EIT2 where known.</param>
public sealed record IndicatorScore(
    int Number,
    Instrument Instrument,
    decimal? Score,
    ValueOrigin? Origin,
    IReadOnlyDictionary<Instrument, decimal> Parts);

public sealed record SubIndicatorScore(string Code, int Indicator, decimal? Score, ValueOrigin? Origin);

/// <param name="SubItems">Scores of the question's sub-items, by code, where known.</param>
public sealed record QuestionScore(
    string Code,
    Instrument Instrument,
    int? Indicator,
    decimal Score,
    ValueOrigin Origin,
    IReadOnlyDictionary<string, decimal> SubItems);

/// <summary>
/// A published figure that differs from the recomputed one by more than <see cref="Score.Tolerance"/>, or a published
/// rating that is not the computed one (then the values are null and the texts say what was printed and computed).
/// </summary>
public sealed record Discrepancy(string Field, decimal? Published, decimal? Computed, string PublishedText, string ComputedText);
