using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Applies the year's rating scale. Scores are compared as displayed (rounded half-up to two decimals). A level's
/// condition on every instrument (FY2567: ผ่านดีเยี่ยม needs IIT, EIT1, EIT2 and OIT at 95 or more) is checked on the
/// instruments that are known; where only the combined EIT is known, bounds decide when they can (each part lies
/// between 2·EIT − 100 and 100), and otherwise the combined EIT stands in and the outcome is reported as uncertain.
/// </summary>
public static class RatingRule
{
    public sealed record Outcome(RatingLevel? Level, IReadOnlyList<RatingLevel> Candidates, bool EitPartsUncertain);

    private enum Truth
    {
        False,
        True,
        Unknown,
    }

    /// <param name="instruments">Scores of the year's weighted instruments that are known.</param>
    /// <param name="combinedEit">From FY2566, the combined EIT when a part is unknown.</param>
    public static Outcome Rate(Framework framework, decimal total, IReadOnlyDictionary<Instrument, decimal> instruments, decimal? combinedEit)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(instruments);
        var shown = Score.Round(total);
        var candidates = new List<RatingLevel>();
        RatingLevel? chosen = null;
        var eitUncertain = false;
        var open = false; // a level could hold, and nothing known can stand in to decide it
        foreach (var level in framework.Rating.Levels)
        {
            if (shown < level.MinTotal)
            {
                continue;
            }
            var (truth, proxy, usedEitProxy) = level.EveryInstrumentAtLeast is { } floor
                ? EveryInstrumentAtLeast(framework, floor, instruments, combinedEit)
                : (Truth.True, true, false);
            if (truth == Truth.False)
            {
                continue;
            }
            candidates.Add(level);
            if (truth == Truth.True)
            {
                chosen ??= level;
                break;
            }
            eitUncertain |= usedEitProxy;
            open |= proxy is null;
            if (proxy == true)
            {
                chosen ??= level;
            }
        }
        var decided = candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => open ? null : chosen,
        };
        return new Outcome(decided, candidates.Count > 1 ? candidates : [], eitUncertain);
    }

    private static (Truth Truth, bool? Proxy, bool UsedEitProxy) EveryInstrumentAtLeast(
        Framework framework, decimal floor, IReadOnlyDictionary<Instrument, decimal> instruments, decimal? combinedEit)
    {
        var truth = Truth.True;
        bool? proxy = true;
        var usedEitProxy = false;
        foreach (var definition in framework.Instruments)
        {
            if (instruments.TryGetValue(definition.Instrument, out var score))
            {
                if (Score.Round(score) < floor)
                {
                    return (Truth.False, false, false);
                }
                continue;
            }
            if (definition.PartOf == Instrument.Eit && combinedEit is { } eit)
            {
                if (Score.Round(eit) < floor)
                {
                    return (Truth.False, false, false); // one part is at most the mean
                }
                if (Score.Round((2 * eit) - 100) >= floor)
                {
                    continue; // the other part cannot be lower than 2·mean − 100
                }
                truth = Truth.Unknown;
                usedEitProxy = true;
                continue;
            }
            truth = Truth.Unknown;
            proxy = null;
        }
        return (truth, truth == Truth.True ? true : proxy, usedEitProxy);
    }
}
