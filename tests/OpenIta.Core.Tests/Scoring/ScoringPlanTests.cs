using FsCheck;
using FsCheck.Fluent;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>The fast path gives exactly what the reference engine gives, on random agencies.</summary>
public sealed class ScoringPlanTests
{
    // A complete synthetic year: FY2564's structure has every question and scale of IIT but not of EIT, so the test
    // year is built from the benchmark's synthetic FY2567-shaped framework (bench/OpenIta.Bench/synthetic-fy2567.yaml).
    private static readonly Framework Synthetic = FrameworkParser.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "bench", "OpenIta.Bench", "synthetic-fy2567.yaml")),
        "synthetic-fy2567.yaml");

    private static readonly ScoringPlan Plan = ScoringPlan.For(Synthetic);

    private static Gen<ResponseMatrix> Answers(Instrument instrument)
    {
        var columns = Plan.Columns(instrument);
        return Gen.Choose(1, 40).SelectMany(rows =>
            Gen.Choose(0, 4).ArrayOf(rows * columns.Count).Select(cells =>
            {
                var bytes = cells.Select((c, i) => (byte)Math.Min(c, columns[i % columns.Count].Scale!.Answers.Count)).ToArray();
                // Everyone answers the first row fully, so that most agencies get every level scored.
                for (var c = 0; c < columns.Count; c++)
                {
                    bytes[c] = 1;
                }
                return new ResponseMatrix(columns, bytes, rows);
            }));
    }

    /// <summary>An agency: answers to IIT, EIT1 and EIT2, and OIT item scores of 0 or 100.</summary>
    private static readonly Gen<(ResponseMatrix[] Answers, decimal[] Oit)> Agencies =
        from iit in Answers(Instrument.Iit)
        from eit1 in Answers(Instrument.Eit1)
        from eit2 in Answers(Instrument.Eit2)
        from oit in Gen.Elements(0m, 100m).ArrayOf(Plan.OitItems.Count)
        select (new[] { iit, eit1, eit2 }, oit);

    [Fact]
    public void The_plan_and_the_engine_agree_to_the_last_digit()
    {
        Prop.ForAll(Agencies.ToArbitrary(), agency =>
        {
            var (answers, oit) = agency;
            var fast = Plan.Score(answers, oit);
            var card = ScoringEngine.Score(Synthetic, new ScoreInput
            {
                Year = Synthetic.Year,
                Responses = Plan.Surveys.Select((s, i) => (s, answers[i])).ToDictionary(x => x.s, x => x.Item2),
                OitItems = Plan.OitItems.Select((o, i) => (o.Code, oit[i])).ToDictionary(x => x.Code, x => x.Item2),
            });
            return fast.Total == card.Total
                && fast.Rating == card.Rating
                && Enumerable.Range(1, 10).All(n => fast.Indicators[n - 1] == card.Indicator(n)!.Score)
                && Synthetic.Instruments.Select((d, i) => fast.Instruments[i] == card.Instrument(d.Instrument)!.Score).All(x => x);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    /// <summary>
    /// Matrices at the edges of the counting path: no respondent, one respondent, every answer blank, everyone giving
    /// the same option (each option of the scale in turn, reverse-scored items included), and random rows with blanks.
    /// </summary>
    private static Gen<ResponseMatrix> EdgeAnswers(Instrument instrument)
    {
        var columns = Plan.Columns(instrument);
        var options = columns.Max(c => c.Scale!.Answers.Count);
        var random = Gen.Choose(1, 300).SelectMany(rows =>
            Gen.Choose(0, options).ArrayOf(rows * columns.Count).Select(cells => (rows, cells.Select(c => (byte)c).ToArray())));
        var shapes = Gen.OneOf(
            Gen.Constant((0, Array.Empty<byte>())),
            Gen.Choose(0, options).ArrayOf(columns.Count).Select(cells => (1, cells.Select(c => (byte)c).ToArray())),
            Gen.Choose(1, 70).Select(rows => (rows, new byte[rows * columns.Count])),
            from rows in Gen.Choose(1, 70)
            from option in Gen.Choose(1, options)
            select (rows, Enumerable.Repeat((byte)option, rows * columns.Count).ToArray()),
            random);
        return shapes.Select(shape =>
        {
            var (rows, cells) = shape;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = (byte)Math.Min(cells[i], columns[i % columns.Count].Scale!.Answers.Count);
            }
            return new ResponseMatrix(columns, cells, rows);
        });
    }

    /// <summary>OIT item scores of up to four decimals, and the same values written with more (50.00000).</summary>
    private static readonly Gen<decimal> OitScore = Gen.OneOf(
        Gen.Elements(0m, 100m, 100.0000m, 0.0001m, 99.9999m, 50.00000m, 33.3333m, 66.67m),
        Gen.Choose(0, 1_000_000).Select(units => units / 10_000m));

    private static string? Exactly(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_plan_and_the_engine_agree_to_the_last_digit_at_the_edges_of_counting()
    {
        var agencies =
            from iit in EdgeAnswers(Instrument.Iit)
            from eit1 in EdgeAnswers(Instrument.Eit1)
            from eit2 in EdgeAnswers(Instrument.Eit2)
            from oit in OitScore.ArrayOf(Plan.OitItems.Count)
            select (new[] { iit, eit1, eit2 }, oit);
        Prop.ForAll(agencies.ToArbitrary(), agency => AssertSameAsTheEngine(agency.Item1, agency.oit, SurveyQuestions))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    /// <summary>The plan's total, rating, instruments, indicators, questions and sub-indicators are the engine's, as text.</summary>
    private static void AssertSameAsTheEngine(ResponseMatrix[] answers, decimal[] oit, IReadOnlyList<string> questions)
    {
        var fast = Plan.Score(answers, oit);
        var card = ScoringEngine.Score(Synthetic, new ScoreInput
        {
            Year = Synthetic.Year,
            Responses = Plan.Surveys.Select((s, i) => (s, answers[i])).ToDictionary(x => x.s, x => x.Item2),
            OitItems = Plan.OitItems.Select((o, i) => (o.Code, oit[i])).ToDictionary(x => x.Code, x => x.Item2),
        });
        Assert.Equal(Exactly(card.Total), Exactly(fast.Total));
        Assert.Equal(card.Rating, fast.Rating);
        for (var i = 0; i < Synthetic.Instruments.Count; i++)
        {
            Assert.Equal(Exactly(card.Instrument(Synthetic.Instruments[i].Instrument)?.Score), Exactly(fast.Instruments[i]));
        }
        for (var n = 1; n <= 10; n++)
        {
            Assert.Equal(Exactly(card.Indicator(n)?.Score), Exactly(fast.Indicators[n - 1]));
        }
        foreach (var code in questions)
        {
            Assert.Equal(Exactly(card.Question(code)?.Score), Exactly(fast.Question(code)));
        }
        for (var s = 0; s < Plan.SubIndicators.Count; s++)
        {
            Assert.Equal(Exactly(card.SubIndicators.Single(x => x.Code == Plan.SubIndicators[s].Code).Score), Exactly(fast.SubIndicator(s)));
        }
    }

    private static readonly IReadOnlyList<string> SurveyQuestions =
        Synthetic.Questions.Where(q => Plan.Surveys.Contains(q.Instrument)).Select(q => q.Code).ToList();

    /// <summary>
    /// A matrix whose columns are answered by up to <paramref name="distinct"/> different numbers of respondents (each
    /// column leaves a random one of that many blank counts unanswered, at most 3, 31, 32 or 997), of up to 5,000 rows:
    /// the plan's one-pass sum with its lcm in a long or an Int128, and past what it keeps apart (the tally then).
    /// </summary>
    private static Gen<ResponseMatrix> SpreadAnswers(Instrument instrument, int distinct)
    {
        var columns = Plan.Columns(instrument);
        return from rows in Gen.Choose(distinct, 5_000)
               from most in Gen.Elements(3, 31, 32, 997)
               from blanks in Gen.Choose(0, Math.Min(rows - 1, most)).ArrayOf(distinct)
               from pick in Gen.Choose(0, distinct - 1).ArrayOf(columns.Count)
               from seed in Gen.Choose(0, int.MaxValue)
               select SpreadMatrix(columns, rows, [.. pick.Select(p => blanks[p])], seed);
    }

    private static ResponseMatrix SpreadMatrix(IReadOnlyList<ScoredItem> columns, int rows, int[] blanks, int seed)
    {
        var random = new Random(seed);
        var cells = new byte[rows * columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var answers = columns[c].Scale!.Answers.Count;
            for (var row = 0; row < rows; row++)
            {
                // The first blanks[c] rows leave column c unanswered: exactly rows − blanks[c] answer it.
                cells[(row * columns.Count) + c] = row < blanks[c] ? ResponseMatrix.NotAnswered : (byte)random.Next(1, answers + 1);
            }
        }
        return new ResponseMatrix(columns, cells, rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    public void The_plan_and_the_engine_agree_to_the_last_digit_whatever_the_answered_counts(int distinct)
    {
        var agencies =
            from iit in SpreadAnswers(Instrument.Iit, distinct)
            from eit1 in SpreadAnswers(Instrument.Eit1, distinct)
            from eit2 in SpreadAnswers(Instrument.Eit2, distinct)
            from oit in OitScore.ArrayOf(Plan.OitItems.Count)
            select (new[] { iit, eit1, eit2 }, oit);
        Prop.ForAll(agencies.ToArbitrary(), agency => AssertSameAsTheEngine(agency.Item1, agency.oit, SurveyQuestions))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Agencies_scored_on_several_threads_at_once_get_the_values_of_one_thread()
    {
        var random = new Random(14);
        var agencies = Enumerable.Range(0, 400).Select(_ => (
            Answers: Plan.Surveys.Select(s => SpreadMatrix(Plan.Columns(s), random.Next(1, 300),
                [.. Plan.Columns(s).Select(_ => random.Next(0, 3))], random.Next())).ToArray(),
            Oit: Plan.OitItems.Select(_ => random.Next(2) * 100m).ToArray())).ToArray();
        string Values(AgencyScore score) => string.Join(" ",
            [Exactly(score.Total), score.Rating?.Code, .. score.Instruments.Select(Exactly), .. score.Indicators.Select(Exactly),
                .. SurveyQuestions.Select(q => Exactly(score.Question(q)))]);
        var sequential = agencies.Select(a => Values(Plan.Score(a.Answers, a.Oit))).ToArray();
        for (var round = 0; round < 5; round++)
        {
            var parallel = new string[agencies.Length];
            Parallel.For(0, agencies.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                a => parallel[a] = Values(Plan.Score(agencies[a].Answers, agencies[a].Oit)));
            Assert.Equal(sequential, parallel);
        }
    }

    [Fact]
    public void An_oit_item_score_out_of_range_or_with_five_decimals_is_refused_by_the_plan_as_by_the_engine()
    {
        var answers = new[] { Instrument.Iit, Instrument.Eit1, Instrument.Eit2 }
            .Select(i => new ResponseMatrix(Plan.Columns(i), Enumerable.Repeat((byte)1, Plan.Columns(i).Count).ToArray(), 1)).ToArray();
        foreach (var bad in new[] { -1m, 100.0001m, 12.34567m, -0.00001m })
        {
            var oit = Enumerable.Repeat(100m, Plan.OitItems.Count).ToArray();
            oit[3] = bad;
            var error = Assert.Throws<ScoreInputException>(() => Plan.Score(answers, oit));
            Assert.Contains(Plan.OitItems[3].Code, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_better_answer_or_a_passed_oit_item_never_lowers_the_total()
    {
        var agencies =
            from agency in Agencies
            from survey in Gen.Choose(0, 2)
            from cell in Gen.Choose(0, int.MaxValue)
            from item in Gen.Choose(0, Plan.OitItems.Count - 1)
            select (agency.Answers, agency.Oit, survey, cell, item);
        Prop.ForAll(agencies.ToArbitrary(), agency =>
        {
            var (answers, oit, survey, cell, item) = agency;
            var before = Plan.Score(answers, oit).Total;

            // One respondent's answer to one item becomes that item's best answer.
            var matrix = answers[survey];
            var columns = matrix.Columns;
            var cells = Cells(matrix);
            var at = cell % cells.Length;
            var column = columns[at % columns.Count];
            var best = Enumerable.Range(0, column.Scale!.Answers.Count).MaxBy(column.ScoreOf);
            cells[at] = (byte)(best + 1);
            var better = (ResponseMatrix[])answers.Clone();
            better[survey] = new ResponseMatrix(columns, cells, matrix.Rows);
            var passed = (decimal[])oit.Clone();
            passed[item] = 100m;

            return Plan.Score(better, oit).Total >= before && Plan.Score(answers, passed).Total >= before;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    private static byte[] Cells(ResponseMatrix matrix)
    {
        var counts = matrix.Columns.Count;
        var cells = new byte[matrix.Rows * counts];
        // Rebuild the cells through the public surface: each row's answers, one column at a time.
        for (var r = 0; r < matrix.Rows; r++)
        {
            for (var c = 0; c < counts; c++)
            {
                cells[(r * counts) + c] = matrix.Cell(r, c);
            }
        }
        return cells;
    }

    /// <summary>The same answers with the columns in another order (as a JSON input may list them).</summary>
    private static ResponseMatrix Shuffled(ResponseMatrix matrix, int seed)
    {
        var width = matrix.Columns.Count;
        var order = Enumerable.Range(0, width).OrderBy(c => (c * 7919) ^ seed).ToArray();
        var cells = new byte[matrix.Rows * width];
        for (var r = 0; r < matrix.Rows; r++)
        {
            for (var c = 0; c < width; c++)
            {
                cells[(r * width) + c] = matrix.Cell(r, order[c]);
            }
        }
        return new ResponseMatrix(order.Select(c => matrix.Columns[c]).ToList(), cells, matrix.Rows);
    }

    [Fact]
    public void The_card_through_the_plan_is_the_engines_card_to_the_last_digit_whatever_the_column_order()
    {
        var agencies =
            from agency in Agencies
            from seed in Gen.Choose(0, 1000)
            from participation in Gen.Elements(true, false)
            select (agency.Answers, agency.Oit, seed, participation);
        Prop.ForAll(agencies.ToArbitrary(), agency =>
        {
            var (answers, oit, seed, participation) = agency;
            var input = new ScoreInput
            {
                Year = Synthetic.Year,
                Responses = Plan.Surveys.Select((s, i) => (s, answers[i])).ToDictionary(x => x.s, x => x.Item2),
                OitItems = Plan.OitItems.Select((o, i) => (o.Code, oit[i])).ToDictionary(x => x.Code, x => x.Item2),
                Participation = participation ? new Participation { InternalStakeholders = 60, ExternalStakeholders = 400 } : null,
            };
            var reference = ScoringEngine.Score(Synthetic, input);
            var card = ScoringPlan.Card(Synthetic, input with
            {
                Responses = input.Responses.ToDictionary(r => r.Key, r => Shuffled(r.Value, seed)),
            }, out var compiled);
            return compiled && ScoreCardWriter.Write(card) == ScoreCardWriter.Write(reference);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void A_year_without_a_plan_is_scored_by_the_engine_alone()
    {
        var year = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567));
        Assert.Null(ScoringPlan.TryFor(year, out var whyNot));
        Assert.Contains("FY2567", whyNot, StringComparison.Ordinal);
        var input = new ScoreInput { Year = year.Year, Indicators = new Dictionary<int, decimal> { [1] = 90m } };
        var card = ScoringPlan.Card(year, input, out var compiled);
        Assert.False(compiled);
        Assert.Equal(ScoreCardWriter.Write(ScoringEngine.Score(year, input)), ScoreCardWriter.Write(card));
    }

    [Fact]
    public void A_year_without_known_scales_has_no_plan()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScoringPlan.For(FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567))));
        Assert.Contains("FY2567", error.Message, StringComparison.Ordinal);
    }
}
