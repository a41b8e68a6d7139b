using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring;

/// <summary>
/// What an agency has of its results, at any level: raw answers, question scores, OIT item scores, sub-indicator,
/// indicator and instrument scores, a total. Any subset may be given; <see cref="ScoringEngine"/> computes every
/// level it can from the most detailed one and checks that levels given together agree.
/// </summary>
public sealed record ScoreInput
{
    public required FiscalYear Year { get; init; }

    /// <summary>Raw answers per survey instrument (IIT; EIT or EIT1 and EIT2).</summary>
    public IReadOnlyDictionary<Instrument, ResponseMatrix> Responses { get; init; } = new Dictionary<Instrument, ResponseMatrix>();

    /// <summary>Scores of questions (I7) or of their sub-items (I1.1), by the codes of the year.</summary>
    public IReadOnlyDictionary<string, decimal> Questions { get; init; } = new Dictionary<string, decimal>();

    /// <summary>OIT item scores (0 or 100 as the assessor gives them).</summary>
    public IReadOnlyDictionary<string, decimal> OitItems { get; init; } = new Dictionary<string, decimal>();

    /// <summary>OIT sub-indicator scores (9.1 … 10.2).</summary>
    public IReadOnlyDictionary<string, decimal> SubIndicators { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Indicator scores 1 to 10. From FY2566, 6–8 are the combined EIT indicators.</summary>
    public IReadOnlyDictionary<int, decimal> Indicators { get; init; } = new Dictionary<int, decimal>();

    /// <summary>Instrument scores. From FY2566 EIT is the combined EIT (the mean of EIT1 and EIT2).</summary>
    public IReadOnlyDictionary<Instrument, decimal> Instruments { get; init; } = new Dictionary<Instrument, decimal>();

    public decimal? Total { get; init; }

    public Participation? Participation { get; init; }

    /// <summary>Figures as published, to be checked against the recomputed ones.</summary>
    public PublishedFigures? Published { get; init; }
}

/// <summary>What decides whether an instrument is scored at all (DOMAIN.md §2.3).</summary>
public sealed record Participation
{
    public bool Registered { get; init; } = true;

    /// <summary>Staff with at least one year of service.</summary>
    public int? InternalStakeholders { get; init; }

    /// <summary>The agency's estimate of its service users.</summary>
    public int? ExternalStakeholders { get; init; }

    /// <summary>Respondents per survey instrument; raw answers count their own rows.</summary>
    public IReadOnlyDictionary<Instrument, int> Respondents { get; init; } = new Dictionary<Instrument, int>();

    /// <summary>False when the agency did not answer OIT as required.</summary>
    public bool? OitAnswered { get; init; }
}

public sealed record PublishedFigures
{
    public decimal? Total { get; init; }
    public IReadOnlyDictionary<Instrument, decimal> Instruments { get; init; } = new Dictionary<Instrument, decimal>();
    public IReadOnlyDictionary<int, decimal> Indicators { get; init; } = new Dictionary<int, decimal>();
    public IReadOnlyDictionary<string, decimal> SubIndicators { get; init; } = new Dictionary<string, decimal>();
    public IReadOnlyDictionary<string, decimal> Questions { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The rating as printed: a code (A, GoodPass) or its Thai or English name (ผ่านดี).</summary>
    public string? Rating { get; init; }
}

/// <summary>Input that cannot be scored: an unknown code, a score out of range, levels that contradict each other.</summary>
public sealed class ScoreInputException : Exception
{
    /// <summary>The input is wrong at <paramref name="field"/> (a path of the JSON contract) for <paramref name="reason"/>.</summary>
    public ScoreInputException(string field, Message reason) : base($"{field}: {reason?.English}")
    {
        ArgumentNullException.ThrowIfNull(reason);
        Field = field;
        Reason = reason;
    }

    public ScoreInputException()
    {
        Field = "";
        Reason = Text.Message.Of("input.invalid", "ข้อมูลไม่ถูกต้อง", "The input is not valid");
    }

    public ScoreInputException(string message) : base(message)
    {
        Field = "";
        Reason = Text.Message.Of("input.invalid", "ข้อมูลไม่ถูกต้อง", "The input is not valid");
    }

    public ScoreInputException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "";
        Reason = Text.Message.Of("input.invalid", "ข้อมูลไม่ถูกต้อง", "The input is not valid");
    }

    /// <summary>The path of the field (indicators.3), for machines; empty when the whole input is wrong.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the field.</summary>
    public Message Reason { get; }

    /// <summary>What a reader is told: the field named as a reader names it (with the year's indicator names), then the reason.</summary>
    public Message Describe(Framework? framework = null) =>
        Field.Length == 0 ? Reason : Reason.After(FieldLabels.Of(Field, framework));
}
