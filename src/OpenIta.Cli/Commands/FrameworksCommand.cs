using System.CommandLine;
using System.Globalization;
using OpenIta.Core.Methodology;

namespace OpenIta.Cli.Commands;

/// <summary><c>openita frameworks list|show YEAR</c>: the methodology of each fiscal year, with what is unknown.</summary>
public static class FrameworksCommand
{
    public static Command Create(CliContext context)
    {
        var list = new Command("list", "The fiscal years OpenITA knows, with their instruments and rating scale.");
        list.SetAction(parsed =>
        {
            var catalog = context.Frameworks(parsed);
            var output = context.Out;
            output.WriteLine("FY    instruments (weights)                 rating scale          questions  OIT items  sampling");
            foreach (var framework in catalog.All)
            {
                var instruments = string.Join(" ", framework.Instruments.Select(i => $"{i.Code} {Percent(i.Weight)}"));
                var rating = $"{(framework.Rating.Scheme == RatingScheme.Grades ? "AA–F" : "5 levels")} ({framework.Rating.Status.Name()})";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{framework.Year}  {instruments,-37} {rating,-21} {framework.Questions.Count,9}  {framework.OitItems.Count,9}  {(framework.Sampling is null ? "unknown" : framework.Sampling.Status.Name())}"));
            }
            return CliApp.Ok;
        });

        var yearArgument = new Argument<int>("year") { Description = "The fiscal year (Buddhist Era), e.g. 2567." };
        var show = new Command("show", "The structure of one fiscal year: instruments, indicators, questions, OIT items, rating, samples.") { yearArgument };
        show.SetAction(parsed =>
        {
            Show(context.Out, Year(context.Frameworks(parsed), parsed.GetValue(yearArgument)));
            return CliApp.Ok;
        });
        return new Command("frameworks", "The ITA methodology of each fiscal year.") { list, show };
    }

    public static Framework Year(FrameworkCatalog catalog, int year)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            throw new UsageException($"{year} is not a Buddhist Era fiscal year such as 2567");
        }
        return catalog.Find(new FiscalYear(year))
            ?? throw new UsageException($"no framework for FY{year}; known years: {string.Join(", ", catalog.All.Select(f => f.Year))}");
    }

    private static string Percent(decimal weight) => (weight * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static void Show(TextWriter output, Framework framework)
    {
        output.WriteLine($"กรอบการประเมิน ITA ปีงบประมาณ พ.ศ. {framework.Year} · ITA framework FY{framework.Year}");
        output.WriteLine();
        output.WriteLine("แบบวัด · Instruments");
        foreach (var instrument in framework.Instruments)
        {
            output.WriteLine($"  {instrument.Code,-5} {Percent(instrument.Weight),4} ({instrument.WeightStatus.Name()})  {instrument.NameTh} · {instrument.NameEn}");
        }
        output.WriteLine();
        output.WriteLine("ตัวชี้วัด · Indicators");
        foreach (var indicator in framework.Indicators)
        {
            var count = indicator.QuestionCount is { } n ? $"{n} questions" : indicator.Instrument == Instrument.Oit ? "" : "question count unknown";
            output.WriteLine($"  {indicator.Number,2}. {indicator.NameTh} · {indicator.NameEn} [{indicator.Instrument.Code()}] {count}".TrimEnd());
            foreach (var sub in indicator.SubIndicators)
            {
                var items = sub.ItemCount is { } c ? $"{c} items" : "item count unknown";
                output.WriteLine($"      {sub.Code} {sub.NameTh}{(sub.NameEn is null ? "" : $" · {sub.NameEn}")} ({items})");
            }
        }
        output.WriteLine();
        output.WriteLine($"ข้อคำถาม · Questions ({framework.Questions.Count})");
        if (framework.Questions.Count == 0)
        {
            output.WriteLine("  unknown: no source gives this year's questions");
        }
        foreach (var question in framework.Questions)
        {
            var indicator = question.Indicator is { } i ? $"ind. {i}" : "ind. ?";
            output.WriteLine($"  {question.Code,-6} {question.Instrument.Code(),-4} {indicator,-7} {question.TextTh ?? "(text unknown)"}");
            foreach (var item in question.HasSubItems ? question.Items : [])
            {
                output.WriteLine($"         {item.Code,-7} {item.TextTh ?? "(text unknown)"}{Scoring(item)}");
            }
            if (!question.HasSubItems && question.Items[0].Scale is not null)
            {
                output.WriteLine($"         {Scoring(question.Items[0]).Trim()}");
            }
        }
        output.WriteLine();
        output.WriteLine($"ข้อคำถาม OIT · OIT items ({framework.OitItems.Count})");
        if (framework.OitItems.Count == 0)
        {
            output.WriteLine("  unknown: no source gives this year's OIT items");
        }
        foreach (var item in framework.OitItems)
        {
            output.WriteLine($"  {item.Code,-4} {item.SubIndicator ?? "?",-5} {item.TextTh ?? "(text unknown)"}");
        }
        output.WriteLine();
        output.WriteLine($"ระดับผลการประเมิน · Rating ({framework.Rating.Status.Name()}{(framework.Rating.Note is null ? "" : $": {framework.Rating.Note}")})");
        foreach (var level in framework.Rating.Levels)
        {
            var condition = level.EveryInstrumentAtLeast is { } floor
                ? string.Create(CultureInfo.InvariantCulture, $", every instrument ≥ {floor:0.##}")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {level.NameTh} ({level.Code}): total ≥ {level.MinTotal:0.00}{condition}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"เกณฑ์ผ่าน · Pass mark: {framework.PassMark:0.##}"));
        output.WriteLine(framework.NationalTarget is { } target
            ? string.Create(CultureInfo.InvariantCulture, $"ค่าเป้าหมาย · National target: {target.PassRatePercent:0.##} % of agencies pass ({target.Status.Name()})")
            : "ค่าเป้าหมาย · National target: unknown");
        output.WriteLine();
        output.WriteLine("กลุ่มตัวอย่างขั้นต่ำ · Minimum samples");
        if (framework.Sampling is not { } sampling)
        {
            output.WriteLine("  unknown: no source gives this year's rule");
            return;
        }
        foreach (var rule in sampling.Rules)
        {
            var population = rule.Population switch
            {
                SamplePopulation.Internal => "internal stakeholders",
                SamplePopulation.External => "external stakeholders",
                _ => $"{rule.Of!.Value.Code()}'s minimum",
            };
            var text = string.Create(CultureInfo.InvariantCulture, $"  {rule.Instrument.Code(),-5} {rule.Percent:0.##} % of {population}, at least {rule.AtLeast}");
            if (rule.EveryoneBelow is { } below)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"; everyone when fewer than {below}");
            }
            if (rule.Above is { } above)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"; at least {rule.AboveMinimum} when more than {above:N0}");
            }
            output.WriteLine(text);
        }
        output.WriteLine($"  ({sampling.Status.Name()}, source {sampling.Source ?? "-"})");
    }

    private static string Scoring(ScoredItem item) => item.Scale is null
        ? ""
        : $"  [{string.Join(" / ", item.Scale.Answers.Select((a, i) => $"{a.Label} {item.ScoreOf(i).ToString("0.##", CultureInfo.InvariantCulture)}"))}]";
}
