using OpenIta.Core.Methodology;

namespace OpenIta.Core.Sampling;

/// <summary>The minimum number of respondents an instrument needs to be scored, or why it is not known.</summary>
public sealed record MinimumSample(Instrument Instrument, int? Minimum, string? Unknown);

/// <summary>
/// Minimum samples by the year's rule (seed 002 for FY2567: 20 % of the population, at least 30; everyone below 30;
/// at least 400 above 2,000; EIT part 2 takes 20 % of part 1's minimum, at least 20). A share of people is rounded
/// up: "not fewer than 20 %" of 151 people is 31.
/// </summary>
public static class MinimumSamples
{
    public static IReadOnlyList<MinimumSample> Compute(Framework framework, int? internalStakeholders, int? externalStakeholders)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (internalStakeholders is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(internalStakeholders), "A number of people cannot be negative.");
        }
        if (externalStakeholders is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(externalStakeholders), "A number of people cannot be negative.");
        }
        var results = new Dictionary<Instrument, MinimumSample>();
        var survey = framework.Instruments.Where(i => i.Kind == InstrumentKind.Perception).Select(i => i.Instrument).ToList();
        // Rules that take a share of another instrument's minimum come after it.
        foreach (var instrument in survey.OrderBy(i => Rule(framework, i)?.Population == SamplePopulation.Instrument))
        {
            results[instrument] = ComputeOne(framework, instrument, internalStakeholders, externalStakeholders, results);
        }
        return survey.Select(i => results[i]).ToList();
    }

    private static SamplingRule? Rule(Framework framework, Instrument instrument) =>
        framework.Sampling?.Rules.FirstOrDefault(r => r.Instrument == instrument);

    private static MinimumSample ComputeOne(
        Framework framework, Instrument instrument, int? internalStakeholders, int? externalStakeholders,
        Dictionary<Instrument, MinimumSample> known)
    {
        if (Rule(framework, instrument) is not { } rule)
        {
            return new MinimumSample(instrument, null, $"no source gives the FY{framework.Year} minimum-sample rule for {instrument.Code()}");
        }
        int? population = rule.Population switch
        {
            SamplePopulation.Internal => internalStakeholders,
            SamplePopulation.External => externalStakeholders,
            _ => known.GetValueOrDefault(rule.Of!.Value)?.Minimum,
        };
        if (population is not { } n)
        {
            var what = rule.Population switch
            {
                SamplePopulation.Internal => "the number of internal stakeholders was not given",
                SamplePopulation.External => "the estimated number of external stakeholders was not given",
                _ => $"the minimum of {rule.Of!.Value.Code()} is not known",
            };
            return new MinimumSample(instrument, null, what);
        }
        return new MinimumSample(instrument, Apply(rule, n), null);
    }

    /// <summary>The rule applied to a population of <paramref name="people"/>.</summary>
    public static int Apply(SamplingRule rule, int people)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.EveryoneBelow is { } everyone && people < everyone)
        {
            return people;
        }
        if (rule.Above is { } above && people > above)
        {
            return rule.AboveMinimum!.Value;
        }
        var share = (int)Math.Ceiling(people * rule.Percent / 100m);
        return Math.Max(rule.AtLeast, share);
    }
}
