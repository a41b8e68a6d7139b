using OpenIta.Core.Analysis;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Measures;

/// <summary>
/// Drafts an agency's measures from its analysis and the catalogue (issue item 2): each weak item finds a template by
/// its code for the year, else by its theme, else by its indicator; each chosen template becomes one measure linked to
/// every weak item it answers. Items that find no template are returned, never guessed. The coordinator edits the draft.
/// Pure and deterministic.
/// </summary>
public static class MeasureDrafter
{
    /// <summary>Drafts the plan answering the analysis's weak items.</summary>
    /// <param name="analysis">The analysis of the year's results.</param>
    /// <param name="framework">The methodology of the same year (codes, indicators, themes).</param>
    /// <param name="catalogue">The templates (<see cref="MeasureCatalogue.BuiltIn"/> or a deployment's own).</param>
    /// <param name="options">Which items count as weak and what else to draft.</param>
    public static DraftResult Draft(AnalysisReport analysis, Framework framework, MeasureCatalogue catalogue, DraftOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        if (framework.Year != analysis.Year)
        {
            throw new ArgumentException($"The analysis is of FY{analysis.Year} but the framework of FY{framework.Year}.", nameof(framework));
        }
        var year = framework.Year;
        var layout = framework.Themes.Count > 0 ? PlanLayout.ByTheme : PlanLayout.ByItem;
        var weak = WeakItems(analysis, framework, options, layout);

        var drafts = new List<PendingMeasure>();
        var links = new List<DraftLink>();
        var unmatched = new List<WeakItem>();
        foreach (var item in weak)
        {
            if (Match(catalogue, year, item) is not { } match)
            {
                unmatched.Add(item);
                continue;
            }
            var (template, by) = match;
            var draft = drafts.FirstOrDefault(d => d.Template.Id == template.Id && d.Kind == template.Kind);
            if (draft is null)
            {
                draft = new PendingMeasure(template, template.Kind, drafts.Count, item.Themes.Count > 0 ? item.Themes.Min() : int.MaxValue);
                drafts.Add(draft);
            }
            draft.Items.Add(item);
            links.Add(new DraftLink(item.Code, template.Id, by));
        }

        if (options.KeepStandardThemes && layout == PlanLayout.ByTheme)
        {
            foreach (var theme in analysis.Themes.Where(t => t.Status == ThemeStatus.KeepStandard).Select(t => t.Theme.Number))
            {
                var template = Primary(catalogue.Templates.Where(t => t.Kind == MeasureKind.KeepStandard), t => t.Themes, theme);
                if (template is null)
                {
                    continue;
                }
                var existing = drafts.FirstOrDefault(d => d.Template.Id == template.Id && d.Kind == MeasureKind.KeepStandard);
                if (existing is null)
                {
                    // After every improving measure of the same theme.
                    existing = new PendingMeasure(template, MeasureKind.KeepStandard, int.MaxValue - 1000 + theme, theme);
                    drafts.Add(existing);
                }
                existing.KeepThemes.Add(theme);
            }
        }

        var ordered = layout == PlanLayout.ByTheme
            ? drafts.OrderBy(d => d.ThemeKey).ThenBy(d => d.Position).ToList()
            : drafts.OrderBy(d => d.Position).ToList();
        var themeNumbers = framework.Themes.Select(t => t.Number).ToHashSet();
        var measures = ordered.Select((d, i) => ToMeasure(d, i + 1, options, themeNumbers)).ToList();
        var findings = layout == PlanLayout.ByTheme && options.WriteFindings ? Findings(analysis, weak) : [];
        var plan = new MeasurePlan(year, layout, null, findings, measures);
        return new DraftResult(plan, weak, links, unmatched);
    }

    /// <summary>The weak items, deduplicated, in the order the document shows them.</summary>
    private static List<WeakItem> WeakItems(AnalysisReport analysis, Framework framework, DraftOptions options, PlanLayout layout)
    {
        var result = new List<WeakItem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in analysis.Items)
        {
            if ((item.Tier == Tier.Urgent || (options.IncludeToImprove && item.Tier == Tier.ToImprove)) && seen.Add(item.Code))
            {
                result.Add(new WeakItem(item.Code, item.QuestionCode, item.Instrument, false, item.Indicator,
                    ThemesOf(framework, item.Code, item.QuestionCode), item.Score, item.Tier, item.TextTh));
            }
        }
        foreach (var theme in analysis.Themes)
        {
            foreach (var item in theme.Items.Where(i => i.Weak == true && seen.Add(i.Code)))
            {
                var question = item.IsOitItem ? null : framework.FindQuestion(item.Code);
                result.Add(new WeakItem(item.Code, question?.Code ?? item.Code, item.Instrument, item.IsOitItem,
                    item.IsOitItem ? OitIndicator(framework, item.Code) : question?.Indicator,
                    ThemesOf(framework, item.Code, item.Code), item.Score, null, item.TextTh));
            }
        }
        foreach (var code in options.UnmetOitItems.Where(seen.Add))
        {
            var definition = framework.FindOitItem(code);
            result.Add(new WeakItem(definition?.Code ?? code, definition?.Code ?? code, Instrument.Oit, true,
                OitIndicator(framework, code), ThemesOf(framework, code, code), 0m, null, definition?.TextTh));
        }
        var position = Positions(framework);
        var ordered = result
            .Select((item, i) => (item, i))
            .OrderBy(x => x.item.IsOitItem ? 1 : 0)
            .ThenBy(x => x.item.IsOitItem ? position.GetValueOrDefault(x.item.Code, int.MaxValue) : x.i)
            .ThenBy(x => x.i)
            .Select(x => x.item);
        return layout == PlanLayout.ByTheme
            ? ordered.Select((item, i) => (item, i))
                .OrderBy(x => x.item.Themes.Count > 0 ? x.item.Themes.Min() : int.MaxValue)
                .ThenBy(x => x.i)
                .Select(x => x.item)
                .ToList()
            : ordered.ToList();
    }

    private static Dictionary<string, int> Positions(Framework framework)
    {
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < framework.OitItems.Count; i++)
        {
            result.TryAdd(framework.OitItems[i].Code, i);
        }
        return result;
    }

    private static int? OitIndicator(Framework framework, string code) =>
        framework.FindOitItem(code)?.SubIndicator is { } sub && framework.FindSubIndicator(sub) is { } found
            ? found.Indicator
            : null;

    private static List<int> ThemesOf(Framework framework, string code, string questionCode) =>
        framework.Themes
            .Where(t => t.QuestionCodes.Contains(code, StringComparer.OrdinalIgnoreCase)
                || t.QuestionCodes.Contains(questionCode, StringComparer.OrdinalIgnoreCase)
                || t.OitItemCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
            .Select(t => t.Number)
            .Order()
            .ToList();

    /// <summary>The template for a weak item: by code (the item's, then its question's), by theme, by indicator.</summary>
    private static (MeasureTemplate Template, MatchedBy By)? Match(MeasureCatalogue catalogue, FiscalYear year, WeakItem item)
    {
        var byCode = catalogue.ForCode(year, item.Code).FirstOrDefault()
            ?? (item.QuestionCode != item.Code ? catalogue.ForCode(year, item.QuestionCode).FirstOrDefault() : null);
        if (byCode is not null)
        {
            return (byCode, MatchedBy.Code);
        }
        var improving = catalogue.Templates.Where(t => t.Kind == MeasureKind.Improve).ToList();
        foreach (var theme in item.Themes)
        {
            if (Primary(improving, t => t.Themes, theme) is { } byTheme)
            {
                return (byTheme, MatchedBy.Theme);
            }
        }
        if (item.Indicator is { } indicator && Primary(improving, t => t.Indicators, indicator) is { } byIndicator)
        {
            return (byIndicator, MatchedBy.Indicator);
        }
        return null;
    }

    /// <summary>The first template whose main (first) number is the one sought, else the first that lists it.</summary>
    private static MeasureTemplate? Primary(IEnumerable<MeasureTemplate> templates, Func<MeasureTemplate, IReadOnlyList<int>> numbers, int number)
    {
        var list = templates.ToList();
        return list.FirstOrDefault(t => numbers(t).Count > 0 && numbers(t)[0] == number)
            ?? list.FirstOrDefault(t => numbers(t).Contains(number));
    }

    private static Measure ToMeasure(PendingMeasure draft, int number, DraftOptions options, HashSet<int> frameworkThemes) =>
        FromTemplate(draft.Template, draft.Kind, number, draft.Items.Select(i => i.Code).ToList(),
            draft.Items.SelectMany(i => i.Themes).Concat(draft.KeepThemes).ToList(), options.Timeline, frameworkThemes);

    private static Measure FromTemplate(MeasureTemplate template, MeasureKind kind, int number, List<string> items, List<int> themesOfItems,
        Timeline timeline, HashSet<int> frameworkThemes)
    {
        var themes = themesOfItems.Distinct().Order().ToList();
        if (themes.Count == 0 && frameworkThemes.Count > 0)
        {
            themes = template.Themes.Where(frameworkThemes.Contains).Order().ToList();
        }
        return new Measure(
            number,
            template.TitleTh,
            kind,
            items,
            themes,
            null,
            template.Steps.Select(s => new MeasureStep(s.Text, s.Owners.ToList())).ToList(),
            timeline,
            template.ResponsibleUnits.ToList(),
            template.Monitoring,
            template.Reporting,
            template.Id);
    }

    /// <summary>
    /// One template as a measure to add to a plan (issue 10: add a single template, not only redraft the whole plan):
    /// linked to <paramref name="forItem"/> when the coordinator picked it for a weak item, and to every other weak item
    /// of the analysis that the template names by code for the year; its themes are those items' themes, else the
    /// template's own themes of the year. Numbered 1: the plan numbers it where it lands.
    /// </summary>
    public static Measure Single(MeasureTemplate template, Framework framework, AnalysisReport? analysis, string? forItem, DraftOptions options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(options);
        var layout = framework.Themes.Count > 0 ? PlanLayout.ByTheme : PlanLayout.ByItem;
        var weak = analysis is null ? [] : WeakItems(analysis, framework, options, layout);
        var items = new List<string>();
        if (!string.IsNullOrWhiteSpace(forItem))
        {
            items.Add(weak.FirstOrDefault(w => string.Equals(w.Code, forItem, StringComparison.OrdinalIgnoreCase))?.Code ?? forItem.Trim());
        }
        items.AddRange(weak.Where(w => template.Answers(framework.Year, w.Code) || template.Answers(framework.Year, w.QuestionCode))
            .Select(w => w.Code).Where(c => !items.Contains(c, StringComparer.OrdinalIgnoreCase)));
        var themes = items.SelectMany(c => ThemesOf(framework, c, c)).ToList();
        return FromTemplate(template, template.Kind, 1, items, themes, options.Timeline, framework.Themes.Select(t => t.Number).ToHashSet());
    }

    /// <summary>
    /// For each weak item of the analysis, the templates that could answer it, best first: those naming its code for
    /// the year, then the templates of its themes, then of its indicator (at most <paramref name="limit"/>).
    /// </summary>
    public static IReadOnlyList<(WeakItem Item, IReadOnlyList<MeasureTemplate> Templates)> Suggest(AnalysisReport analysis, Framework framework,
        MeasureCatalogue catalogue, DraftOptions options, int limit = 3)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        var layout = framework.Themes.Count > 0 ? PlanLayout.ByTheme : PlanLayout.ByItem;
        var improving = catalogue.Templates.Where(t => t.Kind == MeasureKind.Improve).ToList();
        return WeakItems(analysis, framework, options, layout).Select(item =>
        {
            var candidates = catalogue.ForCode(framework.Year, item.Code)
                .Concat(catalogue.ForCode(framework.Year, item.QuestionCode))
                .Concat(item.Themes.SelectMany(theme => improving.Where(t => t.Themes.Contains(theme))))
                .Concat(item.Indicator is { } indicator ? improving.Where(t => t.Indicators.Contains(indicator)) : [])
                .DistinctBy(t => t.Id)
                .Take(limit)
                .ToList();
            return (item, (IReadOnlyList<MeasureTemplate>)candidates);
        }).ToList();
    }

    /// <summary>A draft wording of each theme's finding, in the manner of seed 002, for the coordinator to edit.</summary>
    private static List<ThemeFinding> Findings(AnalysisReport analysis, List<WeakItem> weak)
    {
        var result = new List<ThemeFinding>();
        foreach (var theme in analysis.Themes)
        {
            var items = weak.Where(i => i.Themes.Contains(theme.Theme.Number)).ToList();
            if (items.Count > 0)
            {
                var list = string.Join(" ", items.Select(i => i.TextTh is { Length: > 0 } text ? $"{i.Code} {text}" : i.Code));
                result.Add(new ThemeFinding(theme.Theme.Number,
                    $"จากการวิเคราะห์ พบข้อบกพร่องที่เกี่ยวกับ{theme.Theme.NameTh} ได้แก่ {list}"));
            }
            else if (theme.Status == ThemeStatus.KeepStandard)
            {
                result.Add(new ThemeFinding(theme.Theme.Number,
                    $"จากการวิเคราะห์ ไม่พบข้อบกพร่องที่เกี่ยวกับ{theme.Theme.NameTh} ควรรักษามาตรฐานไว้และปรับปรุงพัฒนาประสิทธิภาพของการทำงานอย่างต่อเนื่อง"));
            }
        }
        return result;
    }

    private sealed class PendingMeasure(MeasureTemplate template, MeasureKind kind, int position, int themeKey)
    {
        public MeasureTemplate Template { get; } = template;
        public MeasureKind Kind { get; } = kind;
        public int Position { get; } = position;
        public int ThemeKey { get; } = themeKey;
        public List<int> KeepThemes { get; } = [];
        public List<WeakItem> Items { get; } = [];
    }
}

/// <summary>What the drafter is asked to do.</summary>
public sealed record DraftOptions
{
    /// <summary>Urgent items only, keep-the-standard measures for themes without weaknesses, the whole plan year.</summary>
    public static DraftOptions Default { get; } = new();

    /// <summary>Also answer the items "to improve" (85–92 by default), not only the urgent ones (seed 001 does both).</summary>
    public bool IncludeToImprove { get; init; }

    /// <summary>Add a keep-the-standard measure for each theme whose status is KeepStandard (seed 002 theme 6, seed 003).</summary>
    public bool KeepStandardThemes { get; init; } = true;

    /// <summary>Draft a finding per theme (theme layout only), for the coordinator to edit.</summary>
    public bool WriteFindings { get; init; } = true;

    /// <summary>
    /// OIT items the assessor did not accept (score 0), by code: the analysis shows OIT items only inside themes, so
    /// years without a theme mapping give them here.
    /// </summary>
    public IReadOnlyList<string> UnmetOitItems { get; init; } = [];

    /// <summary>When every drafted measure runs; by default the whole plan year (Q1–Q4).</summary>
    public Timeline Timeline { get; init; } = Timeline.WholeYear;
}

/// <summary>The drafted plan and how each weak item was answered.</summary>
/// <param name="Plan">The draft, for the coordinator to edit.</param>
/// <param name="WeakItems">Every weak item considered, in the document's order.</param>
/// <param name="Links">For each matched weak item, the template that answers it and how it was found.</param>
/// <param name="Unmatched">The weak items no template answers: report them, the coordinator writes their measures.</param>
public sealed record DraftResult(
    MeasurePlan Plan,
    IReadOnlyList<WeakItem> WeakItems,
    IReadOnlyList<DraftLink> Links,
    IReadOnlyList<WeakItem> Unmatched);

/// <summary>A weak question, sub-item or OIT item.</summary>
/// <param name="Themes">The themes of the year that list it (empty when the year has none).</param>
/// <param name="Tier">Its tier, for questions and sub-items.</param>
public sealed record WeakItem(
    string Code,
    string QuestionCode,
    Instrument Instrument,
    bool IsOitItem,
    int? Indicator,
    IReadOnlyList<int> Themes,
    decimal? Score,
    Tier? Tier,
    string? TextTh);

/// <summary>How a weak item found its template.</summary>
public enum MatchedBy
{
    /// <summary>The template names the item's code (or its question's) for the year.</summary>
    Code,

    /// <summary>No template names the code; the template is the main one of the item's theme.</summary>
    Theme,

    /// <summary>Neither code nor theme: the template is the main one of the item's indicator.</summary>
    Indicator,
}

/// <summary>A weak item linked to the template (and so the measure) that answers it.</summary>
public sealed record DraftLink(string ItemCode, string TemplateId, MatchedBy By);
