using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Bench;

/// <summary>Methods (a) and (c): the scoring engine, and a plain read of the same answer bytes.</summary>
internal static class Methods
{
    /// <summary>(a) Scores every agency with the engine's bulk path, <see cref="ScoringPlan"/>, and keeps its total.</summary>
    public static decimal?[] ScoreAllWithEngine(ScoringPlan plan, PlanInputs inputs, bool parallel)
    {
        var totals = new decimal?[inputs.Answers.Length];
        if (parallel)
        {
            Parallel.For(0, totals.Length, a => totals[a] = plan.Score(inputs.Answers[a], inputs.OitScores[a]).Total);
        }
        else
        {
            for (var a = 0; a < totals.Length; a++)
            {
                totals[a] = plan.Score(inputs.Answers[a], inputs.OitScores[a]).Total;
            }
        }
        return totals;
    }

    /// <summary>(a, reference) Scores every agency with <see cref="ScoringEngine"/>, which accepts any mix of levels.</summary>
    public static decimal?[] ScoreAllWithReferenceEngine(Framework framework, IReadOnlyList<AgencyData> agencies)
    {
        var totals = new decimal?[agencies.Count];
        for (var a = 0; a < agencies.Count; a++)
        {
            totals[a] = ScoreOne(framework, agencies[a]).Total;
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

    /// <summary>The plan's inputs, built once outside the timed runs: matrices in the plan's order, OIT scores as decimals.</summary>
    public static PlanInputs Inputs(ScoringPlan plan, IReadOnlyList<AgencyData> agencies)
    {
        if (!plan.Surveys.SequenceEqual([Instrument.Iit, Instrument.Eit1, Instrument.Eit2]))
        {
            throw new InvalidOperationException("The plan expects other survey instruments.");
        }
        return new PlanInputs(
            agencies.Select(a => new[] { a.Iit, a.Eit1, a.Eit2 }).ToArray(),
            agencies.Select(a => a.OitScores.Select(x => (decimal)x).ToArray()).ToArray());
    }

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

    /// <summary>
    /// (c) The bound: a vectorised read of the engine's own arrays, every answer byte once (summed per agency 32 bytes
    /// at a time with AVX2's sum of absolute differences, or <see cref="Vector256"/> widening without it).
    /// </summary>
    public static long[] ReadAllCellsVectorised(IReadOnlyList<AgencyData> agencies, bool parallel)
    {
        var sums = new long[agencies.Count];
        if (parallel)
        {
            Parallel.For(0, agencies.Count, a => sums[a] = SumVectorised(agencies[a]));
        }
        else
        {
            for (var a = 0; a < agencies.Count; a++)
            {
                sums[a] = SumVectorised(agencies[a]);
            }
        }
        return sums;
    }

    private static long SumVectorised(AgencyData agency)
    {
        long sum = 0;
        foreach (var cells in agency.Cells)
        {
            sum += SumVectorised(cells);
        }
        return sum;
    }

    /// <summary>The sum of every byte of <paramref name="cells"/>, 32 bytes (AVX2: 64, two loads) an iteration.</summary>
    public static long SumVectorised(ReadOnlySpan<byte> cells)
    {
        ref var start = ref MemoryMarshal.GetReference(cells);
        var i = 0;
        long sum = 0;
        if (Avx2.IsSupported)
        {
            var total = Vector256<ulong>.Zero;
            for (; i + 64 <= cells.Length; i += 64)
            {
                var x = Vector256.LoadUnsafe(ref start, (nuint)i);
                var y = Vector256.LoadUnsafe(ref start, (nuint)(i + 32));
                total += Avx2.SumAbsoluteDifferences(x, Vector256<byte>.Zero).AsUInt64();
                total += Avx2.SumAbsoluteDifferences(y, Vector256<byte>.Zero).AsUInt64();
            }
            sum = (long)Vector256.Sum(total);
        }
        else
        {
            var total = Vector256<ushort>.Zero;
            for (; i + 32 <= cells.Length; i += 32)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
                total += low + high;
                if ((i & 0x3FFF) == 0)
                {
                    sum += Vector256.Sum(Vector256.WidenLower(total) + Vector256.WidenUpper(total));
                    total = Vector256<ushort>.Zero;
                }
            }
            sum += Vector256.Sum(Vector256.WidenLower(total) + Vector256.WidenUpper(total));
        }
        for (; i < cells.Length; i++)
        {
            sum += Unsafe.Add(ref start, i);
        }
        return sum;
    }

    /// <summary>(c1) The same bytes in one contiguous block, read the same way: no per-agency or per-array overhead.</summary>
    public static byte[] Contiguous(IReadOnlyList<AgencyData> agencies)
    {
        var block = new byte[agencies.Sum(a => a.Cells.Sum(c => (long)c.Length))];
        var at = 0;
        foreach (var cells in agencies.SelectMany(a => a.Cells))
        {
            cells.CopyTo(block, at);
            at += cells.Length;
        }
        return block;
    }

    /// <summary>Bytes allocated by one plan call, averaged over a sample (single-threaded, after a warm-up).</summary>
    public static double AllocatedPerAgency(ScoringPlan plan, PlanInputs inputs)
    {
        var sample = Math.Min(200, inputs.Answers.Length);
        for (var a = 0; a < sample; a++)
        {
            plan.Score(inputs.Answers[a], inputs.OitScores[a]);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var a = 0; a < sample; a++)
        {
            plan.Score(inputs.Answers[a], inputs.OitScores[a]);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sample;
    }
}

/// <summary>Per agency: its answer matrices (IIT, EIT1, EIT2) and its OIT item scores in the plan's order.</summary>
internal sealed record PlanInputs(ResponseMatrix[][] Answers, decimal[][] OitScores);
