using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>A stored rating code (A, GoodPass) as the year's scale names it (A, ผ่านดี).</summary>
public static class Ratings
{
    public static string Name(FrameworkCatalog catalog, int year, string? code, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lang);
        if (code is null)
        {
            return "–";
        }
        var level = Level(catalog, year, code);
        return level is null ? code : lang.T(level.NameTh, level.NameEn);
    }

    /// <summary>A score card's rating: its level, the possible levels when the input leaves it open ("ผ่าน หรือ
    /// ผ่านดี"), or "–".</summary>
    public static string Of(ScoreCard? card, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return card?.Rating is { } level ? lang.T(level.NameTh, level.NameEn)
            : card is { RatingUndecided: true } ? Text(RatingWording.Levels(card), lang)
            : "–";
    }

    /// <summary>What would decide an open rating ("ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒"); null when it is decided.</summary>
    public static string? DecidedBy(ScoreCard? card, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return card is { RatingUndecided: true } ? Text(RatingWording.DecidedBy(card), lang) : null;
    }

    /// <summary>The label of a stored result whose total is known but whose rating is open ("ยังตัดสินระดับไม่ได้").</summary>
    public static string Undecided(Lang lang) => Text(RatingWording.Undecided, lang);

    private static string Text(RatingText text, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return lang.T(text.Th, text.En);
    }

    public static RatingLevel? Level(FrameworkCatalog catalog, int year, string code)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return year is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe
            ? catalog.Find(new FiscalYear(year))?.Rating.Levels.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal))
            : null;
    }

    /// <summary>A CSS class for a rating: the top level, a passing level, or a failing one (an open rating: "rating").</summary>
    public static string CssClass(FrameworkCatalog catalog, int year, string? code)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (code is null || year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe || catalog.Find(new FiscalYear(year)) is not { } framework)
        {
            return "rating";
        }
        var level = framework.Rating.Levels.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal));
        return level is null ? "rating"
            : level == framework.Rating.Levels[0] ? "rating top"
            : level.MinTotal >= framework.PassMark ? "rating good"
            : "rating low";
    }
}
