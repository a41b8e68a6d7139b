using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>/api/v1/frameworks</c>: the ITA methodology of each fiscal year as data (frameworks/fyYYYY.yaml), with how sure
/// each fact is: <c>confirmed</c>, <c>verified-by-data</c>, <c>third-party</c>, <c>inferred</c> or <c>unknown</c>.
/// </summary>
public static class FrameworksApi
{
    public sealed record FrameworkSummary(
        int FiscalYear, IReadOnlyList<InstrumentWeight> Instruments, string RatingScheme, string RatingStatus, decimal PassMark,
        int Questions, int OitItems, string SamplingStatus);

    public sealed record InstrumentWeight(string Code, decimal Weight, string Status);

    public sealed record FrameworkDetail(
        int FiscalYear,
        IReadOnlyList<SourceDto> Sources,
        IReadOnlyList<InstrumentDto> Instruments,
        IReadOnlyList<IndicatorDto> Indicators,
        IReadOnlyList<AnswerScaleDto> AnswerScales,
        IReadOnlyList<QuestionDto> Questions,
        IReadOnlyList<OitItemDto> OitItems,
        TotalRuleDto TotalRule,
        RatingDto Rating,
        decimal PassMark,
        NationalTargetDto? NationalTarget,
        SamplingDto Sampling);

    public sealed record SourceDto(string Id, string Title);

    public sealed record InstrumentDto(
        string Code, string NameTh, string NameEn, string Kind, decimal Weight, string WeightStatus, string? Source, string? PartOf);

    public sealed record IndicatorDto(
        int Number, string NameTh, string NameEn, string Instrument, int? QuestionCount, IReadOnlyList<SubIndicatorDto> SubIndicators);

    public sealed record SubIndicatorDto(string Code, string NameTh, string? NameEn, int? ItemCount);

    public sealed record AnswerScaleDto(string Code, string Status, string? Source, string? Note, IReadOnlyList<AnswerDto> Answers);

    public sealed record AnswerDto(string Label, decimal Score);

    /// <summary>A question; <c>items</c> are its sub-items, or the question itself when it has none.</summary>
    public sealed record QuestionDto(
        string Code, string Instrument, int? Indicator, string? TextTh, string? TextEn, string? Source, string? Note,
        bool HasSubItems, IReadOnlyList<ItemDto> Items);

    /// <summary>What a respondent answers; <c>scale</c> is the code of its answer scale (null when unknown).</summary>
    public sealed record ItemDto(string Code, string? TextTh, string? TextEn, string? Scale, bool Reverse);

    public sealed record OitItemDto(string Code, string? SubIndicator, string? TextTh, string? TextEn, string? Source, string? Note);

    public sealed record TotalRuleDto(bool DisplayedInstruments, string Status, string? Source, string? Note);

    public sealed record RatingDto(string Scheme, string Status, string? Source, string? Note, IReadOnlyList<RatingLevelDto> Levels);

    public sealed record RatingLevelDto(string Code, string NameTh, string NameEn, decimal MinTotal, decimal? EveryInstrumentAtLeast);

    public sealed record NationalTargetDto(decimal PassRatePercent, string Status, string? Source);

    /// <summary>The minimum-sample rules; status <c>unknown</c> and no rules when no source gives them.</summary>
    public sealed record SamplingDto(string Status, string? Source, string? Note, IReadOnlyList<SamplingRuleDto> Rules);

    public sealed record SamplingRuleDto(
        string Instrument, string Population, string? Of, decimal Percent, int AtLeast, int? EveryoneBelow, int? Above, int? AboveMinimum);

    internal static void MapFrameworks(this RouteGroupBuilder api)
    {
        var frameworks = api.MapGroup("/frameworks").WithTags("Frameworks");
        frameworks.MapGet("", List)
            .WithName("ListFrameworks")
            .WithSummary("The fiscal years OpenITA knows")
            .WithDescription("Each year's instruments and weights, rating scheme, pass mark, and how many questions and OIT items are known.");
        frameworks.MapGet("/{year:int}", Get)
            .WithName("GetFramework")
            .WithSummary("The methodology of one fiscal year")
            .WithDescription("Instruments and weights, indicators and OIT sub-indicators, answer scales, questions and their " +
                "items, OIT items, how the total weighs instruments, the rating scale, pass mark, national target and " +
                "minimum-sample rules, each with its source status. What no source gives is left out or marked unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<List<FrameworkSummary>> List(FrameworkCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(f => new FrameworkSummary(
            f.Year.BuddhistEra,
            f.Instruments.Select(i => new InstrumentWeight(i.Code, i.Weight, i.WeightStatus.Name())).ToList(),
            Scheme(f.Rating.Scheme), f.Rating.Status.Name(), f.PassMark, f.Questions.Count, f.OitItems.Count,
            f.Sampling?.Status.Name() ?? SourceStatus.Unknown.Name())).ToList());

    private static Results<Ok<FrameworkDetail>, ProblemHttpResult> Get(int year, FrameworkCatalog catalog)
    {
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe || catalog.Find(new FiscalYear(year)) is not { } f)
        {
            return ApiProblems.NotFound(Message.Of("framework.not-found", "ระบบไม่มีเกณฑ์การประเมินของปีงบประมาณ พ.ศ. {year} (ปีที่มี: {known})", "No framework for FY{year}; known years: {known}.", ("year", year), ("known", string.Join(", ", catalog.All.Select(x => x.Year)))));
        }
        return TypedResults.Ok(new FrameworkDetail(
            f.Year.BuddhistEra,
            f.Sources.Select(s => new SourceDto(s.Id, s.Title)).ToList(),
            f.Instruments.Select(i => new InstrumentDto(
                i.Code, i.NameTh, i.NameEn, i.Kind.ToString(), i.Weight, i.WeightStatus.Name(), i.Source, i.PartOf?.Code())).ToList(),
            f.Indicators.Select(i => new IndicatorDto(
                i.Number, i.NameTh, i.NameEn, i.Instrument.Code(), i.QuestionCount,
                i.SubIndicators.Select(s => new SubIndicatorDto(s.Code, s.NameTh, s.NameEn, s.ItemCount)).ToList())).ToList(),
            f.AnswerScales.Select(s => new AnswerScaleDto(
                s.Code, s.Status.Name(), s.Source, s.Note, s.Answers.Select(a => new AnswerDto(a.Label, a.Score)).ToList())).ToList(),
            f.Questions.Select(q => new QuestionDto(
                q.Code, q.Instrument.Code(), q.Indicator, q.TextTh, q.TextEn, q.Source, q.Note, q.HasSubItems,
                q.Items.Select(i => new ItemDto(i.Code, i.TextTh, i.TextEn, i.Scale?.Code, i.Reverse)).ToList())).ToList(),
            f.OitItems.Select(o => new OitItemDto(o.Code, o.SubIndicator, o.TextTh, o.TextEn, o.Source, o.Note)).ToList(),
            new TotalRuleDto(f.TotalRule.DisplayedInstruments, f.TotalRule.Status.Name(), f.TotalRule.Source, f.TotalRule.Note),
            new RatingDto(Scheme(f.Rating.Scheme), f.Rating.Status.Name(), f.Rating.Source, f.Rating.Note,
                f.Rating.Levels.Select(l => new RatingLevelDto(l.Code, l.NameTh, l.NameEn, l.MinTotal, l.EveryInstrumentAtLeast)).ToList()),
            f.PassMark,
            f.NationalTarget is { } t ? new NationalTargetDto(t.PassRatePercent, t.Status.Name(), t.Source) : null,
            f.Sampling is { } s
                ? new SamplingDto(s.Status.Name(), s.Source, s.Note, s.Rules.Select(r => new SamplingRuleDto(
                    r.Instrument.Code(), r.Population.ToString(), r.Of?.Code(), r.Percent, r.AtLeast, r.EveryoneBelow, r.Above, r.AboveMinimum)).ToList())
                : new SamplingDto(SourceStatus.Unknown.Name(), null, "No source gives this year's rule.", [])));
    }

    private static string Scheme(RatingScheme scheme) => scheme == RatingScheme.Grades ? "grades" : "levels";
}
