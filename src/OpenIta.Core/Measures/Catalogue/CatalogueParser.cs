using System.Globalization;
using System.Text.RegularExpressions;
using OpenIta.Core.Methodology;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenIta.Core.Measures.Catalogue;

/// <summary>
/// Reads the catalogue files (catalogue/README.md) and checks them: every error names the file and the field, as
/// <see cref="FrameworkParser"/> does. Pure: the caller reads the text.
/// </summary>
public static partial class CatalogueParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads measures.yaml: the templates in the file's order.</summary>
    public static IReadOnlyList<MeasureTemplate> ParseTemplates(string yaml, string fileName)
    {
        var file = Deserialize<TemplatesFile>(yaml, fileName);
        var errors = new List<string>();
        var result = new TemplateValidation(errors).Build(file);
        if (errors.Count > 0)
        {
            throw new CatalogueException(fileName, errors);
        }
        return result;
    }

    /// <summary>Reads recommendations.yaml.</summary>
    public static IReadOnlyList<Recommendation> ParseRecommendations(string yaml, string fileName)
    {
        var file = Deserialize<RecommendationsFile>(yaml, fileName);
        var errors = new List<string>();
        var result = Recommendations(file, errors);
        if (errors.Count > 0)
        {
            throw new CatalogueException(fileName, errors);
        }
        return result;
    }

    private static T Deserialize<T>(string yaml, string fileName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            return Deserializer.Deserialize<T>(yaml) ?? throw new CatalogueException(fileName, ["the file is empty"]);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new CatalogueException(fileName, [$"line {e.Start.Line}, column {e.Start.Column}: {Clean(inner)}"]);
        }
    }

    private static string Clean(string message) => message
        .Replace("OpenIta.Core.Measures.Catalogue.", "", StringComparison.Ordinal)
        .Replace("TemplatesFile", "templates file", StringComparison.Ordinal)
        .Replace("TemplateFile", "template", StringComparison.Ordinal)
        .Replace("RecommendationFile", "recommendation", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private sealed class TemplateValidation(List<string> errors)
    {
        private void Error(string field, string message) => errors.Add($"{field}: {message}");

        public List<MeasureTemplate> Build(TemplatesFile file)
        {
            var result = new List<MeasureTemplate>();
            if (file.Templates is not { Count: > 0 })
            {
                Error("templates", "at least one template is required");
                return result;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (item, i) in file.Templates.Select((t, i) => (t, i)))
            {
                var field = $"templates[{item.Id ?? Index(i)}]";
                if (item.Id is null || !KebabCase().IsMatch(item.Id))
                {
                    Error($"{field}.id", $"'{item.Id}' must be kebab-case (no-gift-policy)");
                    continue;
                }
                if (!ids.Add(item.Id))
                {
                    Error($"{field}.id", "is listed twice");
                }
                if (Template(field, item) is { } template)
                {
                    result.Add(template);
                }
            }
            return result;
        }

        private MeasureTemplate? Template(string field, TemplateFile item)
        {
            var count = errors.Count;
            Required($"{field}.titleTh", item.TitleTh);
            Required($"{field}.titleEn", item.TitleEn);
            var kind = item.Kind switch
            {
                "improve" => MeasureKind.Improve,
                "keepStandard" => MeasureKind.KeepStandard,
                _ => (MeasureKind?)null,
            };
            if (kind is null)
            {
                Error($"{field}.kind", $"'{item.Kind}' must be improve or keepStandard");
            }
            var items = Codes(field, item.Items ?? []);
            var themes = Numbers($"{field}.themes", item.Themes ?? [], ThemeDefinition.First, ThemeDefinition.Last, "a theme number");
            var indicators = Numbers($"{field}.indicators", item.Indicators ?? [], 1, 10, "an indicator number");
            if (items.Count == 0 && themes.Count == 0 && indicators.Count == 0)
            {
                Error(field, "needs items, themes or indicators: what the template answers");
            }
            var steps = Steps(field, item.Steps);
            var units = Texts($"{field}.responsibleUnits", item.ResponsibleUnits ?? []);
            if (units.Count == 0)
            {
                Error($"{field}.responsibleUnits", "at least one unit is required");
            }
            if (item.Monitoring is not null && string.IsNullOrWhiteSpace(item.Monitoring))
            {
                Error($"{field}.monitoring", "is empty; leave it out instead");
            }
            var reporting = Reporting($"{field}.reporting", item.Reporting);
            var sources = Texts($"{field}.sources", item.Sources ?? []);
            if (sources.Count == 0)
            {
                Error($"{field}.sources", "name at least one source (seed000 …)");
            }
            return errors.Count > count
                ? null
                : new MeasureTemplate(item.Id!, item.TitleTh!.Trim(), item.TitleEn!.Trim(), kind!.Value, items, themes,
                    indicators, steps, units, item.Monitoring?.Trim(), reporting, sources);
        }

        private void Required(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(field, "is required");
            }
        }

        private List<TemplateCodes> Codes(string field, List<TemplateCodesFile> entries)
        {
            var result = new List<TemplateCodes>();
            foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
            {
                var entryField = $"{field}.items[{Index(i)}]";
                if (YearRange.TryParse(entry.Years) is not { } years)
                {
                    Error($"{entryField}.years", $"'{entry.Years}' is not a range of Buddhist Era years (2563-2565, 2567 or 2567-)");
                    continue;
                }
                var overlapping = result.FirstOrDefault(r => Overlap(r.Years, years));
                if (overlapping is not null)
                {
                    Error($"{entryField}.years", $"{years} overlaps {overlapping.Years}; give each year's codes once");
                }
                var codes = Texts($"{entryField}.codes", entry.Codes ?? []);
                if (codes.Count == 0)
                {
                    Error($"{entryField}.codes", "at least one code is required");
                }
                foreach (var code in codes.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                {
                    Error($"{entryField}.codes", $"'{code.Key}' is listed twice");
                }
                result.Add(new TemplateCodes(years, codes));
            }
            return result;
        }

        private static bool Overlap(YearRange a, YearRange b) =>
            (a.To is not { } aTo || b.From <= aTo) && (b.To is not { } bTo || a.From <= bTo);

        private List<int> Numbers(string field, List<int> numbers, int min, int max, string what)
        {
            foreach (var n in numbers.Where(n => n < min || n > max))
            {
                Error(field, $"{n.ToString(CultureInfo.InvariantCulture)} is not {what} ({min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)})");
            }
            if (numbers.Distinct().Count() != numbers.Count)
            {
                Error(field, "lists a number twice");
            }
            return numbers;
        }

        private List<string> Texts(string field, List<string> texts)
        {
            var result = new List<string>();
            foreach (var (text, i) in texts.Select((t, i) => (t, i)))
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    Error($"{field}[{Index(i)}]", "is empty");
                    continue;
                }
                result.Add(text.Trim());
            }
            return result;
        }

        private List<MeasureStep> Steps(string field, List<StepFile>? steps)
        {
            var result = new List<MeasureStep>();
            if (steps is not { Count: > 0 })
            {
                Error($"{field}.steps", "at least one step is required");
                return result;
            }
            foreach (var (step, i) in steps.Select((s, i) => (s, i)))
            {
                var stepField = $"{field}.steps[{Index(i)}]";
                if (string.IsNullOrWhiteSpace(step.Text))
                {
                    Error($"{stepField}.text", "is required");
                    continue;
                }
                result.Add(new MeasureStep(step.Text.Trim(), Texts($"{stepField}.owners", step.Owners ?? [])));
            }
            return result;
        }

        private Reporting? Reporting(string field, ReportingFile? reporting)
        {
            if (reporting is null)
            {
                return null;
            }
            var cadence = reporting.Cadence switch
            {
                "monthly" => ReportingCadence.Monthly,
                "quarterly" => ReportingCadence.Quarterly,
                "everySixMonths" => ReportingCadence.EverySixMonths,
                "yearly" => ReportingCadence.Yearly,
                _ => (ReportingCadence?)null,
            };
            if (cadence is null)
            {
                Error($"{field}.cadence", $"'{reporting.Cadence}' must be monthly, quarterly, everySixMonths or yearly");
            }
            Required($"{field}.to", reporting.To);
            return cadence is null || string.IsNullOrWhiteSpace(reporting.To)
                ? null
                : new Reporting(cadence.Value, reporting.To.Trim(), string.IsNullOrWhiteSpace(reporting.How) ? null : reporting.How.Trim());
        }
    }

    private static List<Recommendation> Recommendations(RecommendationsFile file, List<string> errors)
    {
        var result = new List<Recommendation>();
        if (file.Recommendations is not { Count: > 0 })
        {
            errors.Add("recommendations: at least one recommendation is required");
            return result;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, i) in file.Recommendations.Select((r, i) => (r, i)))
        {
            var field = $"recommendations[{item.Id ?? Index(i)}]";
            var count = errors.Count;
            if (item.Id is null || !KebabCase().IsMatch(item.Id))
            {
                errors.Add($"{field}.id: '{item.Id}' must be kebab-case (seed001-4)");
            }
            else if (!ids.Add(item.Id))
            {
                errors.Add($"{field}.id: is listed twice");
            }
            if (item.Indicator is not (>= 1 and <= 10))
            {
                errors.Add($"{field}.indicator: is required, an indicator number from 1 to 10");
            }
            var years = YearRange.TryParse(item.Years);
            if (years is null)
            {
                errors.Add($"{field}.years: '{item.Years}' is not a range of Buddhist Era years (2564, 2563-2565 or 2567-)");
            }
            var kind = item.Kind switch
            {
                "nacc" => RecommendationKind.Nacc,
                "assessor" => RecommendationKind.Assessor,
                "itaColumn" => RecommendationKind.ItaColumn,
                _ => (RecommendationKind?)null,
            };
            if (kind is null)
            {
                errors.Add($"{field}.kind: '{item.Kind}' must be nacc, assessor or itaColumn");
            }
            if (string.IsNullOrWhiteSpace(item.Source))
            {
                errors.Add($"{field}.source: is required (the seed quoted)");
            }
            var status = SourceStatus.Confirmed;
            if (item.Status is not null && !SourceStatusNames.TryParse(item.Status, out status))
            {
                errors.Add($"{field}.status: '{item.Status}' is not a status (confirmed, verified-by-data, third-party, inferred, unknown)");
            }
            var texts = item.Texts ?? [];
            if (texts.Count == 0)
            {
                errors.Add($"{field}.texts: at least one text is required");
            }
            foreach (var (_, j) in texts.Select((t, j) => (t, j)).Where(x => string.IsNullOrWhiteSpace(x.t)))
            {
                errors.Add($"{field}.texts[{Index(j)}]: is empty");
            }
            if (errors.Count == count)
            {
                result.Add(new Recommendation(item.Id!, item.Indicator!.Value, years!, kind!.Value,
                    texts.Select(t => t.Trim()).ToList(), item.Source!.Trim(), status, item.Note));
            }
        }
        return result;
    }
}
