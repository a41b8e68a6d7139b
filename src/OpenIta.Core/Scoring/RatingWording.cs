using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>A text in Thai and in English.</summary>
public sealed record RatingText(string Th, string En);

/// <summary>
/// The words for a rating the input leaves open, in one place for pages, documents, the CLI and the API:
/// "ผ่าน หรือ ผ่านดี: ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒". Possible levels are named from the lowest up.
/// </summary>
public static class RatingWording
{
    /// <summary>"ยังตัดสินระดับไม่ได้" — the short label where a list has room for one word.</summary>
    public static RatingText Undecided { get; } = new("ยังตัดสินระดับไม่ได้", "Rating undecided");

    /// <summary>The possible levels, lowest first.</summary>
    public static IReadOnlyList<RatingLevel> Possible(ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.RatingUndecided ? card.RatingCandidates.Reverse().ToList() : [];
    }

    /// <summary>"ผ่าน หรือ ผ่านดี".</summary>
    public static RatingText Levels(ScoreCard card) => Levels(Possible(card));

    /// <summary>"ผ่าน หรือ ผ่านดี", of an outcome read back from stored scores.</summary>
    public static RatingText Levels(RatingRule.Outcome outcome) => Levels(Possible(outcome));

    private static RatingText Levels(IReadOnlyList<RatingLevel> possible)
    {
        return new(
            Join(possible.Select(l => l.NameTh).ToList(), " หรือ "),
            Join(possible.Select(l => l.NameEn).ToList(), " or "));
    }

    /// <summary>"ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒" — what would decide an open rating.</summary>
    public static RatingText DecidedBy(ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return DecidedBy(card.RatingNeeds);
    }

    /// <summary>The possible levels of an open outcome (a result read back from the database), lowest first.</summary>
    public static IReadOnlyList<RatingLevel> Possible(RatingRule.Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Level is null && outcome.Candidates.Count > 1 ? outcome.Candidates.Reverse().ToList() : [];
    }

    /// <summary>What would decide an open rating whose deciding instruments are <paramref name="needs"/>.</summary>
    public static RatingText DecidedBy(IReadOnlyList<Instrument> needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (needs.Count == 2 && needs.Contains(Instrument.Eit1) && needs.Contains(Instrument.Eit2))
        {
            return new("ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒", "needs the scores of EIT part 1 and part 2");
        }
        if (needs.Count == 0)
        {
            return new("ต้องมีคะแนนของทุกแบบวัด", "needs the score of every instrument");
        }
        return new(
            "ต้องมีคะแนน " + Join(needs.Select(NameTh).ToList(), " และ "),
            "needs the scores of " + Join(needs.Select(NameEn).ToList(), " and "));
    }

    /// <summary>"ผ่าน หรือ ผ่านดี: ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒".</summary>
    public static RatingText Sentence(ScoreCard card)
    {
        var levels = Levels(card);
        var decidedBy = DecidedBy(card);
        return new(levels.Th + ": " + decidedBy.Th, levels.En + ": " + decidedBy.En);
    }

    private static string NameTh(Instrument instrument) => instrument switch
    {
        Instrument.Eit1 => "EIT ส่วนที่ ๑",
        Instrument.Eit2 => "EIT ส่วนที่ ๒",
        _ => instrument.Code(),
    };

    private static string NameEn(Instrument instrument) => instrument switch
    {
        Instrument.Eit1 => "EIT part 1",
        Instrument.Eit2 => "EIT part 2",
        _ => instrument.Code(),
    };

    /// <summary>"a, b หรือ c".</summary>
    private static string Join(IReadOnlyList<string> items, string last) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + last + items[^1],
    };
}
