using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Applies the year's rating scale. Scores are compared as displayed (rounded half-up to two decimals). A level's
/// condition on every instrument (FY2567: ผ่านดีเยี่ยม needs IIT, EIT1, EIT2 and OIT at 95 or more) is checked on the
/// instruments that are known; where only the combined EIT is known, bounds decide when they can (each part lies
/// between 2·EIT − 100 and 100). Where the known scores leave more than one level possible, no level is picked: the
/// outcome names the possible levels and the instruments whose scores would decide between them.
/// </summary>
public static class RatingRule
{
    /// <param name="Level">The level, or null when the input leaves it open.</param>
    /// <param name="Candidates">The possible levels (the scale's order, highest first) when the level is open.</param>
    /// <param name="Needed">The instruments whose scores would decide it (the scale's order), when it is open.</param>
    public sealed record Outcome(RatingLevel? Level, IReadOnlyList<RatingLevel> Candidates, IReadOnlyList<Instrument> Needed);

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
        var needed = new HashSet<Instrument>();
        foreach (var level in framework.Rating.Levels)
        {
            if (shown < level.MinTotal)
            {
                continue;
            }
            var (truth, unknown) = level.EveryInstrumentAtLeast is { } floor
                ? EveryInstrumentAtLeast(framework, floor, instruments, combinedEit)
                : (Truth.True, []);
            if (truth == Truth.False)
            {
                continue;
            }
            candidates.Add(level);
            if (truth == Truth.True)
            {
                break;
            }
            needed.UnionWith(unknown);
        }
        return candidates.Count switch
        {
            0 => new Outcome(null, [], []),
            1 => new Outcome(candidates[0], [], []),
            _ => new Outcome(null, candidates,
                framework.Instruments.Select(d => d.Instrument).Where(needed.Contains).ToList()),
        };
    }

    /// <summary>
    /// The level when every weighted instrument is known (<paramref name="instruments"/> in the framework's order): the
    /// outcome of <see cref="Rate"/> for that case, without its lists (the bulk path rates every agency this way).
    /// </summary>
    public static RatingLevel? RateComplete(Framework framework, decimal total, ReadOnlySpan<decimal> instruments)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (instruments.Length != framework.Instruments.Count)
        {
            throw new ArgumentException("Every weighted instrument's score is needed, in the framework's order.", nameof(instruments));
        }
        var shown = Score.Round(total);
        var levels = framework.Rating.Levels;
        for (var l = 0; l < levels.Count; l++) // by index: no enumerator per agency
        {
            var level = levels[l];
            if (shown < level.MinTotal)
            {
                continue;
            }
            if (level.EveryInstrumentAtLeast is { } floor && !AllAtLeast(instruments, floor))
            {
                continue;
            }
            return level;
        }
        return null;
    }

    private static bool AllAtLeast(ReadOnlySpan<decimal> instruments, decimal floor)
    {
        foreach (var score in instruments)
        {
            if (Score.Round(score) < floor)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The rating of instrument scores as a score card or a stored result holds them: the year's weighted instruments
    /// that are known and, from FY2566 where a part of EIT is unknown, the combined EIT. The engine rates a card with
    /// it, and a result read back from the database (its list in the API, the start-up check of older ratings) is
    /// rated the same way.
    /// </summary>
    public static Outcome RateScores(Framework framework, decimal total, IReadOnlyDictionary<Instrument, decimal> scores)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scores);
        var known = framework.Instruments
            .Where(d => scores.ContainsKey(d.Instrument))
            .ToDictionary(d => d.Instrument, d => scores[d.Instrument]);
        decimal? combined = framework.HasEitParts && !(known.ContainsKey(Instrument.Eit1) && known.ContainsKey(Instrument.Eit2))
            && scores.TryGetValue(Instrument.Eit, out var eit)
            ? eit
            : null;
        return Rate(framework, total, known, combined);
    }

    private static (Truth Truth, List<Instrument> Unknown) EveryInstrumentAtLeast(
        Framework framework, decimal floor, IReadOnlyDictionary<Instrument, decimal> instruments, decimal? combinedEit)
    {
        var unknown = new List<Instrument>();
        foreach (var definition in framework.Instruments)
        {
            if (instruments.TryGetValue(definition.Instrument, out var score))
            {
                if (Score.Round(score) < floor)
                {
                    return (Truth.False, []);
                }
                continue;
            }
            if (definition.PartOf == Instrument.Eit && combinedEit is { } eit)
            {
                if (Score.Round(eit) < floor)
                {
                    return (Truth.False, []); // one part is at most the mean
                }
                if (Score.Round((2 * eit) - 100) >= floor)
                {
                    continue; // the other part cannot be lower than 2·mean − 100
                }
            }
            unknown.Add(definition.Instrument);
        }
        return (unknown.Count == 0 ? Truth.True : Truth.Unknown, unknown);
    }
}
