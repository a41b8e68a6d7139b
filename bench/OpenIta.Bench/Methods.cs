using System.Diagnostics;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Bench;

/// <summary>Methods (a) and (c): the scoring engine, and a plain read of the same answer bytes.</summary>
internal static class Methods
{
    /// <summary>
    /// (a) Scores every agency with the engine and keeps its total. The one place that calls the engine: swap the
    /// loop body (or the whole method) for a batch API when there is one.
    /// </summary>
    public static decimal?[] ScoreAllWithEngine(Framework framework, IReadOnlyList<AgencyData> agencies, bool parallel)
    {
        var totals = new decimal?[agencies.Count];
        if (parallel)
        {
            Parallel.For(0, agencies.Count, a => totals[a] = ScoreOne(framework, agencies[a]).Total);
        }
        else
        {
            for (var a = 0; a < agencies.Count; a++)
            {
                totals[a] = ScoreOne(framework, agencies[a]).Total;
            }
        }
        return totals;
    }

    public static ScoreCard ScoreOne(Framework framework, AgencyData agency) =>
        ScoringEngine.Score(framework, new ScoreInput
        {
            Year = framework.Year,
            Responses = new Dictionary<Instrument, ResponseMatrix>
            {
                [Instrument.Iit] = agency.Iit,
                [Instrument.Eit1] = agency.Eit1,
                [Instrument.Eit2] = agency.Eit2,
            },
            OitItems = agency.OitItems,
        });

    /// <summary>(c) Reads every answer cell once (the sum of all cells per agency): the floor for any method.</summary>
    public static long[] ReadAllCells(IReadOnlyList<AgencyData> agencies, bool parallel)
    {
        var sums = new long[agencies.Count];
        if (parallel)
        {
            Parallel.For(0, agencies.Count, a => sums[a] = SumCells(agencies[a]));
        }
        else
        {
            for (var a = 0; a < agencies.Count; a++)
            {
                sums[a] = SumCells(agencies[a]);
            }
        }
        return sums;
    }

    private static long SumCells(AgencyData agency)
    {
        long sum = 0;
        foreach (var cells in agency.Cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                sum += cells[i];
            }
        }
        return sum;
    }

    /// <summary>Where the engine's time goes, from the public API only (single-threaded, after a warm-up).</summary>
    public static EngineBreakdown Breakdown(Framework framework, IReadOnlyList<AgencyData> agencies)
    {
        double Time(Action action)
        {
            action(); // warm-up
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalSeconds;
        }

        var aggregation = Time(() =>
        {
            foreach (var agency in agencies)
            {
                SurveyAggregator.ItemMeans(agency.Iit);
                SurveyAggregator.ItemMeans(agency.Eit1);
                SurveyAggregator.ItemMeans(agency.Eit2);
            }
        });
        var oitOnly = Time(() =>
        {
            foreach (var agency in agencies)
            {
                ScoringEngine.Score(framework, new ScoreInput { Year = framework.Year, OitItems = agency.OitItems });
            }
        });
        var whole = Time(() =>
        {
            foreach (var agency in agencies)
            {
                ScoreOne(framework, agency);
            }
        });
        var sample = agencies.Take(Math.Min(200, agencies.Count)).ToList();
        foreach (var agency in sample)
        {
            ScoreOne(framework, agency);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var agency in sample)
        {
            ScoreOne(framework, agency);
        }
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sample.Count;
        var gcBefore = GC.CollectionCount(0);
        ScoreAllWithEngine(framework, agencies, parallel: false);
        var gen0 = GC.CollectionCount(0) - gcBefore;
        return new EngineBreakdown(whole, aggregation, oitOnly, allocated, gen0);
    }
}

/// <param name="Whole">Score of every agency, seconds.</param>
/// <param name="Aggregation">SurveyAggregator.ItemMeans of every agency's three matrices, seconds.</param>
/// <param name="OitOnly">Score with only the 37 OIT items (no answers) of every agency, seconds.</param>
/// <param name="AllocatedPerAgency">Bytes allocated by one Score call.</param>
/// <param name="Gen0Collections">Gen-0 collections during one single-threaded pass.</param>
internal sealed record EngineBreakdown(double Whole, double Aggregation, double OitOnly, double AllocatedPerAgency, int Gen0Collections);
