namespace OpenIta.Core.Measures.Catalogue;

// The shape of catalogue/measures.yaml and catalogue/recommendations.yaml as written by people (catalogue/README.md).
// Everything is optional here so that CatalogueParser can say precisely which field is missing or wrong; unknown fields
// are rejected by the deserializer.
#pragma warning disable CA2227 // plain deserialization targets

internal sealed class TemplatesFile
{
    public List<TemplateFile>? Templates { get; set; }
}

internal sealed class TemplateFile
{
    public string? Id { get; set; }
    public string? TitleTh { get; set; }
    public string? TitleEn { get; set; }
    public string? Kind { get; set; }
    public List<TemplateCodesFile>? Items { get; set; }
    public List<int>? Themes { get; set; }
    public List<int>? Indicators { get; set; }
    public List<StepFile>? Steps { get; set; }
    public List<string>? ResponsibleUnits { get; set; }
    public string? Monitoring { get; set; }
    public ReportingFile? Reporting { get; set; }
    public List<string>? Sources { get; set; }
    public string? Note { get; set; }
}

internal sealed class TemplateCodesFile
{
    public string? Years { get; set; }
    public List<string>? Codes { get; set; }
}

internal sealed class StepFile
{
    public string? Text { get; set; }
    public List<string>? Owners { get; set; }
}

internal sealed class ReportingFile
{
    public string? Cadence { get; set; }
    public string? To { get; set; }
    public string? How { get; set; }
}

internal sealed class RecommendationsFile
{
    public List<RecommendationFile>? Recommendations { get; set; }
}

internal sealed class RecommendationFile
{
    public string? Id { get; set; }
    public int? Indicator { get; set; }
    public string? Years { get; set; }
    public string? Kind { get; set; }
    public string? Source { get; set; }
    public string? Status { get; set; }
    public string? Note { get; set; }
    public List<string>? Texts { get; set; }
}
