using System.CommandLine;
using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;

namespace OpenIta.Cli.Commands;

/// <summary><c>openita sample-size</c>: the minimum respondents of each survey instrument.</summary>
public static class SampleSizeCommand
{
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The fiscal year (Buddhist Era), e.g. 2567.", Required = true };
        var internalPeople = new Option<int?>("--internal") { Description = "Internal stakeholders: staff with at least one year of service." };
        var externalPeople = new Option<int?>("--external") { Description = "The estimated number of external stakeholders (service users)." };
        var command = new Command("sample-size", "Minimum samples for IIT and EIT (EIT1, EIT2 from FY2566).") { year, internalPeople, externalPeople };
        command.SetAction(parsed =>
        {
            var framework = FrameworksCommand.Year(context.Frameworks(parsed), parsed.GetValue(year));
            var inside = parsed.GetValue(internalPeople);
            var outside = parsed.GetValue(externalPeople);
            if (inside is < 0)
            {
                throw new UsageException("--internal: a number of people cannot be negative");
            }
            if (outside is < 0)
            {
                throw new UsageException("--external: a number of people cannot be negative");
            }
            var minimums = MinimumSamples.Compute(framework, inside, outside);
            var output = context.Out;
            output.WriteLine($"กลุ่มตัวอย่างขั้นต่ำ ปีงบประมาณ พ.ศ. {framework.Year} · Minimum samples, FY{framework.Year}");
            output.WriteLine($"  ผู้มีส่วนได้ส่วนเสียภายใน internal stakeholders: {People(inside)}");
            output.WriteLine($"  ผู้มีส่วนได้ส่วนเสียภายนอก external stakeholders: {People(outside)}");
            foreach (var minimum in minimums)
            {
                var value = minimum.Minimum is { } n
                    ? n.ToString("N0", CultureInfo.InvariantCulture)
                    : $"unknown: {minimum.Unknown}";
                output.WriteLine($"  {minimum.Instrument.Code(),-5} {value}");
            }
            if (framework.Sampling is { } rules)
            {
                output.WriteLine($"Rule: {rules.Status.Name()}, source {rules.Source ?? "-"}{(rules.Note is null ? "" : $"; {rules.Note}")}");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static string People(int? n) => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "not given";
}
