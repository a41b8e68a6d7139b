using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Measures.Catalogue;

/// <summary>
/// The measures catalogue (catalogue/README.md): reusable measure templates drawn from the seeds' measures, each mapped
/// to the question and OIT item codes it answers per range of fiscal years, to themes and to indicators; and NACC's
/// recommendations per indicator as the seeds quote them. <see cref="MeasureDrafter"/> drafts a plan from it.
/// </summary>
public sealed class MeasureCatalogue
{
    private const string ResourcePrefix = "OpenIta.Catalogue.";

    /// <summary>The name of the templates file.</summary>
    public const string MeasuresFile = "measures.yaml";

    /// <summary>The name of the recommendations file.</summary>
    public const string RecommendationsFile = "recommendations.yaml";

    private static readonly Lazy<MeasureCatalogue> BuiltInCatalogue = new(LoadBuiltIn);

    private readonly Dictionary<string, MeasureTemplate> _byId;

    /// <summary>A catalogue of the given templates (in priority order) and recommendations.</summary>
    public MeasureCatalogue(IReadOnlyList<MeasureTemplate> templates, IReadOnlyList<Recommendation> recommendations)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(recommendations);
        Templates = templates;
        Recommendations = recommendations;
        _byId = new(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            if (!_byId.TryAdd(template.Id, template))
            {
                throw new ArgumentException($"The template id '{template.Id}' is used twice.", nameof(templates));
            }
        }
    }

    /// <summary>The catalogue shipped in <c>catalogue/</c>.</summary>
    public static MeasureCatalogue BuiltIn => BuiltInCatalogue.Value;

    /// <summary>The templates in the file's order, which is their priority: the first template naming a code wins.</summary>
    public IReadOnlyList<MeasureTemplate> Templates { get; }

    public IReadOnlyList<Recommendation> Recommendations { get; }

    public MeasureTemplate? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The templates that name the code for the year, in priority order.</summary>
    public IEnumerable<MeasureTemplate> ForCode(FiscalYear year, string code) => Templates.Where(t => t.Answers(year, code));

    /// <summary>NACC's recommendations on an indicator for the results of a year.</summary>
    public IEnumerable<Recommendation> RecommendationsFor(FiscalYear year, int indicator) =>
        Recommendations.Where(r => r.Indicator == indicator && r.Years.Contains(year));

    /// <summary>Parses the two catalogue files; every error of both is reported together.</summary>
    public static MeasureCatalogue Parse(string measuresYaml, string recommendationsYaml)
    {
        var errors = new List<string>();
        IReadOnlyList<MeasureTemplate> templates = [];
        IReadOnlyList<Recommendation> recommendations = [];
        try
        {
            templates = CatalogueParser.ParseTemplates(measuresYaml, MeasuresFile);
        }
        catch (CatalogueException e)
        {
            errors.AddRange(e.Errors.Select(x => $"{MeasuresFile}: {x}"));
        }
        try
        {
            recommendations = CatalogueParser.ParseRecommendations(recommendationsYaml, RecommendationsFile);
        }
        catch (CatalogueException e)
        {
            errors.AddRange(e.Errors.Select(x => $"{RecommendationsFile}: {x}"));
        }
        if (errors.Count > 0)
        {
            throw new CatalogueException("catalogue", errors);
        }
        return new MeasureCatalogue(templates, recommendations);
    }

    /// <summary>
    /// Checks every template's codes against the frameworks: a code must be a question, sub-item or OIT item of at
    /// least one known framework year in its range (frameworks of some years list only the codes a source names, so a
    /// code need not be in every year of its range). Returns the errors, each naming the file and the field; empty when
    /// the catalogue fits. This catches typos and codes written for the wrong year.
    /// </summary>
    public IReadOnlyList<string> Verify(IEnumerable<Framework> frameworks)
    {
        ArgumentNullException.ThrowIfNull(frameworks);
        var known = frameworks.ToList();
        var errors = new List<string>();
        foreach (var template in Templates)
        {
            for (var i = 0; i < template.Items.Count; i++)
            {
                var entry = template.Items[i];
                var field = $"{MeasuresFile}: templates[{template.Id}].items[{i.ToString(CultureInfo.InvariantCulture)}]";
                var inRange = known.Where(f => entry.Years.Contains(f.Year)).ToList();
                if (inRange.Count == 0)
                {
                    errors.Add($"{field}.years: no known framework year in {entry.Years}");
                    continue;
                }
                foreach (var code in entry.Codes.Where(c => !inRange.Any(f => IsCodeOf(f, c))))
                {
                    errors.Add($"{field}.codes: '{code}' is not a question, sub-item or OIT item of FY{entry.Years}");
                }
            }
            foreach (var theme in template.Themes.Where(n => known.Any(f => f.Themes.Count > 0)
                && !known.Any(f => f.Themes.Any(t => t.Number == n))))
            {
                errors.Add($"{MeasuresFile}: templates[{template.Id}].themes: {theme.ToString(CultureInfo.InvariantCulture)} is not a theme of any year");
            }
        }
        return errors;
    }

    /// <summary>Whether the code is a question, a sub-item or an OIT item of the framework's year.</summary>
    public static bool IsCodeOf(Framework framework, string code)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.FindQuestion(code) is not null || framework.FindItem(code) is not null
            || framework.FindOitItem(code) is not null;
    }

    private static MeasureCatalogue LoadBuiltIn()
    {
        var assembly = typeof(MeasureCatalogue).Assembly;
        return Parse(Read(assembly, ResourcePrefix + MeasuresFile), Read(assembly, ResourcePrefix + RecommendationsFile));
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is not built into the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// A reusable measure: what it is, the codes it answers per range of years, its themes and indicators, and the steps,
/// owners, monitoring and reporting a drafted measure starts from.
/// </summary>
/// <param name="Id">Kebab-case, unique (no-gift-policy).</param>
/// <param name="Items">The question, sub-item and OIT item codes it answers, per range of years (codes differ by year).</param>
/// <param name="Themes">The themes (1–7) it answers; the first is its main theme.</param>
/// <param name="Indicators">The indicators (1–10) it answers; the first is its main indicator.</param>
/// <param name="Sources">The seeds it is drawn from (seed000 …).</param>
public sealed record MeasureTemplate(
    string Id,
    string TitleTh,
    string TitleEn,
    MeasureKind Kind,
    IReadOnlyList<TemplateCodes> Items,
    IReadOnlyList<int> Themes,
    IReadOnlyList<int> Indicators,
    IReadOnlyList<MeasureStep> Steps,
    IReadOnlyList<string> ResponsibleUnits,
    string? Monitoring,
    Reporting? Reporting,
    IReadOnlyList<string> Sources)
{
    /// <summary>The codes the template answers in a year.</summary>
    public IEnumerable<string> CodesFor(FiscalYear year) =>
        Items.Where(i => i.Years.Contains(year)).SelectMany(i => i.Codes);

    /// <summary>Whether the template names the code (case-insensitive, as frameworks compare codes) for the year.</summary>
    public bool Answers(FiscalYear year, string code) =>
        CodesFor(year).Contains(code, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The codes a template answers in a range of years.</summary>
public sealed record TemplateCodes(YearRange Years, IReadOnlyList<string> Codes);

/// <summary>A range of fiscal years: "2563-2565", a single year "2567", or open-ended "2567-".</summary>
/// <param name="To">The last year, or null when the range is open-ended.</param>
public sealed partial record YearRange(FiscalYear From, FiscalYear? To)
{
    public bool Contains(FiscalYear year) => year >= From && (To is not { } to || year <= to);

    public override string ToString() =>
        To is not { } to ? $"{From}-" : to == From ? From.ToString() : $"{From}-{to}";

    /// <summary>Reads "2563-2565", "2567" or "2567-"; null when the text is not such a range.</summary>
    public static YearRange? TryParse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }
        var from = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int? to = match.Groups[2].Success
            ? match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : null
            : from;
        if (from is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe
            || to is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe || to < from)
        {
            return null;
        }
        return new YearRange(new FiscalYear(from), to is { } t ? new FiscalYear(t) : null);
    }

    [GeneratedRegex(@"^(\d{4})(-(\d{4})?)?$")]
    private static partial Regex Pattern();
}

/// <summary>Who wrote a recommendation, as the seed presents it.</summary>
public enum RecommendationKind
{
    /// <summary>NACC's recommendations per indicator (seed 001: ข้อเสนอแนะจากสำนักงาน ป.ป.ช.).</summary>
    Nacc,

    /// <summary>The assessor's recommendations (seed 000: ข้อเสนอแนะของผู้ประเมินฯ).</summary>
    Assessor,

    /// <summary>
    /// Seed 000's table column "ข้อเสนอแนะ ITA/ ขั้นตอน/วิธีการปฏิบัติ": NACC's recommendations as the agency restates them
    /// with its steps; which words are NACC's own is not marked.
    /// </summary>
    ItaColumn,
}

/// <summary>NACC's recommendations on one indicator, quoted from a seed.</summary>
/// <param name="Years">The results years the recommendations were given on.</param>
/// <param name="Texts">The points in the seed's order, quoted (HTML and line-wrap whitespace removed, numbering dropped).</param>
public sealed record Recommendation(
    string Id,
    int Indicator,
    YearRange Years,
    RecommendationKind Kind,
    IReadOnlyList<string> Texts,
    string Source,
    SourceStatus Status,
    string? Note);

/// <summary>A catalogue file that cannot be loaded. Each error names the file and the field.</summary>
public sealed class CatalogueException : Exception
{
    public CatalogueException(string fileName, IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => $"{fileName}: {e}")))
    {
        FileName = fileName;
        Errors = errors;
    }

    public CatalogueException()
    {
        FileName = "";
        Errors = [];
    }

    public CatalogueException(string message) : base(message)
    {
        FileName = "";
        Errors = [message];
    }

    public CatalogueException(string message, Exception innerException) : base(message, innerException)
    {
        FileName = "";
        Errors = [message];
    }

    public string FileName { get; }
    public IReadOnlyList<string> Errors { get; }
}
