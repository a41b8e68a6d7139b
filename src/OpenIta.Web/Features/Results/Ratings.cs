using OpenIta.Core.Methodology;
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

    public static RatingLevel? Level(FrameworkCatalog catalog, int year, string code)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return year is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe
            ? catalog.Find(new FiscalYear(year))?.Rating.Levels.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal))
            : null;
    }

    /// <summary>A CSS class for a rating: the top level, a passing level, or a failing one.</summary>
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
