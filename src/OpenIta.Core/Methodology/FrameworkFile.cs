
namespace OpenIta.Core.Methodology;

// The shape of frameworks/fyYYYY.yaml as written by people (frameworks/SCHEMA.md). Everything is optional here so that
// FrameworkParser can say precisely which field is missing or wrong; unknown fields are rejected by the deserializer.
#pragma warning disable CA2227, CA1056 // plain deserialization targets

internal sealed class FrameworkFile
{
    public int? FiscalYear { get; set; }
    public List<SourceFile>? Sources { get; set; }
    public List<InstrumentFile>? Instruments { get; set; }
    public List<IndicatorFile>? Indicators { get; set; }
    public List<ScaleFile>? AnswerScales { get; set; }
    public List<QuestionFile>? Questions { get; set; }
    public List<OitItemFile>? OitItems { get; set; }
    public TotalFile? Total { get; set; }
    public RatingFile? Rating { get; set; }
    public decimal? PassMark { get; set; }
    public TargetFile? NationalTarget { get; set; }
    public SamplingFile? Sampling { get; set; }
    public List<ThemeFile>? Themes { get; set; }
    public string? Note { get; set; }
}

internal sealed class ThemeFile
{
    public int? Number { get; set; }
    public string? NameTh { get; set; }
    public string? NameEn { get; set; }
    public List<string>? Questions { get; set; }
    public List<string>? OitItems { get; set; }
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
}

internal sealed class SourceFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
}

internal sealed class InstrumentFile
{
    public string? Code { get; set; }
    public string? NameTh { get; set; }
    public string? NameEn { get; set; }
    public string? Kind { get; set; }
    public decimal? Weight { get; set; }
    public string? WeightStatus { get; set; }
    public string? Source { get; set; }
    public string? Part { get; set; }
    public string? Note { get; set; }
}

internal sealed class IndicatorFile
{
    public int? Number { get; set; }
    public string? NameTh { get; set; }
    public string? NameEn { get; set; }
    public string? Instrument { get; set; }
    public int? QuestionCount { get; set; }
    public List<SubIndicatorFile>? SubIndicators { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
}

internal sealed class SubIndicatorFile
{
    public string? Code { get; set; }
    public string? NameTh { get; set; }
    public string? NameEn { get; set; }
    public int? ItemCount { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
}

internal sealed class ScaleFile
{
    public string? Code { get; set; }
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
    public List<AnswerFile>? Answers { get; set; }
}

internal sealed class AnswerFile
{
    public string? Label { get; set; }
    public decimal? Score { get; set; }
}

internal sealed class QuestionFile
{
    public string? Code { get; set; }
    public string? Instrument { get; set; }
    public int? Indicator { get; set; }
    public string? TextTh { get; set; }
    public string? TextEn { get; set; }
    public string? Source { get; set; }
    public string? Status { get; set; }
    public string? Note { get; set; }
    public string? Scale { get; set; }
    public bool? Reverse { get; set; }
    public List<SubItemFile>? SubItems { get; set; }
}

internal sealed class SubItemFile
{
    public string? Code { get; set; }
    public string? TextTh { get; set; }
    public string? TextEn { get; set; }
    public string? Scale { get; set; }
    public bool? Reverse { get; set; }
    public string? Note { get; set; }
}

internal sealed class OitItemFile
{
    public string? Code { get; set; }
    public string? SubIndicator { get; set; }
    public List<string>? Criteria { get; set; }
    public string? TextTh { get; set; }
    public string? TextEn { get; set; }
    public string? Source { get; set; }
    public string? Status { get; set; }
    public string? Note { get; set; }
}

internal sealed class RatingFile
{
    public string? Scheme { get; set; }
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Basis { get; set; }
    public string? Note { get; set; }
    public List<LevelFile>? Levels { get; set; }
}

internal sealed class LevelFile
{
    public string? Code { get; set; }
    public string? NameTh { get; set; }
    public string? NameEn { get; set; }
    public decimal? MinTotal { get; set; }
    public decimal? EveryInstrumentAtLeast { get; set; }
}

internal sealed class TargetFile
{
    public decimal? PassRatePercent { get; set; }
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
}

internal sealed class SamplingFile
{
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
    public List<SamplingRuleFile>? Rules { get; set; }
}

internal sealed class SamplingRuleFile
{
    public string? Instrument { get; set; }
    public string? Population { get; set; }
    public string? Of { get; set; }
    public decimal? Percent { get; set; }
    public int? AtLeast { get; set; }
    public int? EveryoneBelow { get; set; }
    public int? Above { get; set; }
    public int? AboveMinimum { get; set; }
}

internal sealed class TotalFile
{
    public string? Instruments { get; set; }
    public string? Status { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
}
