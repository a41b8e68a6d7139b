using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Bench;

/// <summary>One synthetic agency: its raw answers per survey instrument and its OIT item scores.</summary>
internal sealed class AgencyData
{
    public required int Id { get; init; }
    public required ResponseMatrix Iit { get; init; }
    public required ResponseMatrix Eit1 { get; init; }
    public required ResponseMatrix Eit2 { get; init; }

    /// <summary>The same byte arrays the matrices were built with (ResponseMatrix.Cells is internal): IIT, EIT1, EIT2.</summary>
    public required byte[][] Cells { get; init; }

    /// <summary>OIT item scores by code (O1..O37), as ScoreInput takes them.</summary>
    public required IReadOnlyDictionary<string, decimal> OitItems { get; init; }

    /// <summary>The same OIT scores in framework order, 0 or 100.</summary>
    public required byte[] OitScores { get; init; }

    public ResponseMatrix Matrix(int instrument) => instrument switch
    {
        0 => Iit,
        1 => Eit1,
        2 => Eit2,
        _ => throw new ArgumentOutOfRangeException(nameof(instrument)),
    };
}

/// <summary>
/// Deterministic synthetic data shaped like one ITA year: agencies of skewed sizes, every agency with at least 30 IIT,
/// 30 EIT1 and 20 EIT2 respondents, EIT respondents split 80/20 between EIT1 and EIT2, about 1 % of cells unanswered.
/// </summary>
internal sealed class SyntheticData
{
    public const int FullAgencies = 8_325;
    public const long FullIitRespondents = 461_440;
    public const long FullEitRespondents = 907_795;
    public const double Eit2Share = 0.20;
    public const int MinIit = 30;
    public const int MinEit1 = 30;
    public const int MinEit2 = 20;
    public const double UnansweredShare = 0.01;

    /// <summary>The survey instruments in the order used everywhere in the benchmark (PostgreSQL codes 1, 2, 3).</summary>
    public static readonly Instrument[] SurveyInstruments = [Instrument.Iit, Instrument.Eit1, Instrument.Eit2];

    private SyntheticData(Framework framework, IReadOnlyList<ScoredItem>[] columns, AgencyData[] agencies)
    {
        Framework = framework;
        Columns = columns;
        Agencies = agencies;
        Respondents = new long[SurveyInstruments.Length];
        foreach (var agency in agencies)
        {
            for (var i = 0; i < SurveyInstruments.Length; i++)
            {
                Respondents[i] += agency.Matrix(i).Rows;
                AnswerCells += agency.Cells[i].Length;
            }
        }
    }

    public Framework Framework { get; }

    /// <summary>The framework's scored items per survey instrument, in question order: the matrices' columns.</summary>
    public IReadOnlyList<ScoredItem>[] Columns { get; }

    public AgencyData[] Agencies { get; }
    public long[] Respondents { get; }
    public long AnswerCells { get; }

    public static IReadOnlyList<ScoredItem> ColumnsOf(Framework framework, Instrument instrument) =>
        framework.Questions.Where(q => q.Instrument == instrument).SelectMany(q => q.Items).ToList();

    public static SyntheticData Generate(Framework framework, double scale, int seed)
    {
        var random = new Random(seed);
        var columns = SurveyInstruments.Select(i => ColumnsOf(framework, i)).ToArray();
        var oitCodes = framework.OitItems.Select(o => o.Code).ToArray();

        var n = Math.Max(1, (int)Math.Round(FullAgencies * scale, MidpointRounding.AwayFromZero));
        var iitTotal = Math.Max((long)n * MinIit, (long)Math.Round(FullIitRespondents * scale, MidpointRounding.AwayFromZero));
        var eitTotal = (long)Math.Round(FullEitRespondents * scale, MidpointRounding.AwayFromZero);
        var eit2Total = Math.Max((long)n * MinEit2, (long)Math.Round(eitTotal * Eit2Share, MidpointRounding.AwayFromZero));
        var eit1Total = Math.Max((long)n * MinEit1, eitTotal - eit2Total);

        // Agency size: log-normal (a few ministries and large cities, thousands of small local offices).
        var size = new double[n];
        for (var a = 0; a < n; a++)
        {
            size[a] = Math.Exp(1.3 * Normal(random));
        }
        int[] Sizes(long total, int minimum)
        {
            var weights = size.Select(s => s * Math.Exp(0.3 * Normal(random))).ToArray();
            return Allocate(total, minimum, weights);
        }
        var iitRows = Sizes(iitTotal, MinIit);
        var eit1Rows = Sizes(eit1Total, MinEit1);
        var eit2Rows = Sizes(eit2Total, MinEit2);

        // Per item a fixed effect (some questions are answered better than others).
        var itemEffect = columns.Select(c => c.Select(_ => 0.35 * Normal(random)).ToArray()).ToArray();

        var agencies = new AgencyData[n];
        var cumulative = new double[4];
        for (var a = 0; a < n; a++)
        {
            var quality = 1.4 + (0.8 * Normal(random)); // how positively this agency's people answer
            var rows = new[] { iitRows[a], eit1Rows[a], eit2Rows[a] };
            var cells = new byte[SurveyInstruments.Length][];
            var matrices = new ResponseMatrix[SurveyInstruments.Length];
            for (var i = 0; i < SurveyInstruments.Length; i++)
            {
                var width = columns[i].Count;
                var instrumentQuality = quality + (0.25 * Normal(random));
                var data = new byte[rows[i] * width];
                var probabilities = new double[width][];
                for (var c = 0; c < width; c++)
                {
                    // P(k) ∝ exp(beta·k) over k = 0..3, k = 3 the most positive; a reverse item's positive answer is index 0.
                    var beta = instrumentQuality + itemEffect[i][c];
                    var sum = 0.0;
                    for (var k = 0; k < 4; k++)
                    {
                        sum += Math.Exp(beta * k);
                        cumulative[k] = sum;
                    }
                    probabilities[c] = cumulative.Select(x => x / sum).ToArray();
                }
                for (var r = 0; r < rows[i]; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        if (random.NextDouble() < UnansweredShare)
                        {
                            continue; // 0 = not answered
                        }
                        var u = random.NextDouble();
                        var p = probabilities[c];
                        var k = u < p[0] ? 0 : u < p[1] ? 1 : u < p[2] ? 2 : 3;
                        var index = columns[i][c].Reverse ? 3 - k : k;
                        data[(r * width) + c] = (byte)(index + 1);
                    }
                }
                cells[i] = data;
                matrices[i] = new ResponseMatrix(columns[i], data, rows[i]);
            }

            // OIT: a third of agencies publish everything; the others each item with probability p.
            var oitScores = new byte[oitCodes.Length];
            var publishAll = random.NextDouble() < 0.33;
            var share = 0.45 + (0.55 * Math.Sqrt(random.NextDouble()));
            var oitItems = new Dictionary<string, decimal>(oitCodes.Length, StringComparer.OrdinalIgnoreCase);
            for (var o = 0; o < oitCodes.Length; o++)
            {
                oitScores[o] = publishAll || random.NextDouble() < share ? (byte)100 : (byte)0;
                oitItems[oitCodes[o]] = oitScores[o];
            }

            agencies[a] = new AgencyData
            {
                Id = a + 1,
                Iit = matrices[0],
                Eit1 = matrices[1],
                Eit2 = matrices[2],
                Cells = cells,
                OitItems = oitItems,
                OitScores = oitScores,
            };
        }
        return new SyntheticData(framework, columns, agencies);
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Splits total into one count per weight, each at least minimum, summing exactly to total (largest remainder).</summary>
    private static int[] Allocate(long total, int minimum, double[] weights)
    {
        var n = weights.Length;
        var extra = total - ((long)minimum * n);
        var sum = weights.Sum();
        var result = new int[n];
        var remainders = new (double Fraction, int Index)[n];
        long given = 0;
        for (var a = 0; a < n; a++)
        {
            var exact = extra * weights[a] / sum;
            var whole = (long)Math.Floor(exact);
            result[a] = minimum + (int)whole;
            given += whole;
            remainders[a] = (exact - whole, a);
        }
        Array.Sort(remainders, (x, y) => y.Fraction != x.Fraction ? y.Fraction.CompareTo(x.Fraction) : x.Index.CompareTo(y.Index));
        for (var k = 0; k < extra - given; k++)
        {
            result[remainders[k % n].Index]++;
        }
        return result;
    }
}
