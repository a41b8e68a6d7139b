using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Surveys.Signals;
using Xunit;

namespace OpenIta.Core.Tests.Surveys;

/// <summary>The assessor's signals: each raised where it should be and quiet where a naive rule would cry wolf.</summary>
public sealed class SurveySignalsTests
{
    private static readonly AnswerScale Scale = new("test", SourceStatus.Confirmed, null, null,
        Enumerable.Range(0, 5).Select(i => new Answer($"a{i}", i * 25)).ToList());

    /// <summary>A matrix from rows written as digits: '0' is not answered, '1'–'5' the answers.</summary>
    private static ResponseMatrix Matrix(params string[] rows)
    {
        var width = rows[0].Length;
        var columns = Enumerable.Range(0, width).Select(c => new ScoredItem($"q{c}", null, null, Scale, false)).ToList();
        var cells = rows.SelectMany(r => r.Select(ch => (byte)(ch - '0'))).ToArray();
        return new ResponseMatrix(columns, cells, rows.Length);
    }

    private static IEnumerable<string> Repeat(string row, int times) => Enumerable.Repeat(row, times);

    private static readonly DateTimeOffset Morning = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    private static HourCount[] Hours(params int[] counts) =>
        counts.Select((n, i) => new HourCount(Morning.AddHours(i), n)).ToArray();

    [Fact]
    public void A_spike_of_one_hour_among_quiet_hours_is_a_burst_and_names_its_hour()
    {
        var signal = SurveySignals.Bursts(Hours(3, 4, 0, 0, 60, 5, 2));
        Assert.True(signal.Raised);
        Assert.Equal(60, signal.Count);
        Assert.Equal(74, signal.Of);
        Assert.Equal(Morning.AddHours(4), signal.PeakHour);
        Assert.Contains("60", signal.Message.Thai, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_night_hours_do_not_make_an_ordinary_morning_a_burst()
    {
        // Twelve silent hours and a steady day: the median is taken over hours that had responses (25), not 0.
        var counts = Enumerable.Repeat(0, 12).Concat([25, 30, 22, 28, 26]).ToArray();
        var signal = SurveySignals.Bursts(Hours(counts));
        Assert.False(signal.Raised);
        Assert.Equal(30, signal.Count);
    }

    [Fact]
    public void A_small_office_answering_in_one_meeting_is_not_a_burst()
    {
        // 12 staff in one hour, 1 later: five times the median (6.5) but under the minimum of 20.
        Assert.False(SurveySignals.Bursts(Hours(12, 1)).Raised);
        // The same shape at scale is.
        Assert.True(SurveySignals.Bursts(Hours(2, 2, 2, 40)).Raised);
    }

    [Fact]
    public void No_responses_raise_no_burst()
    {
        var signal = SurveySignals.Bursts(Hours(0, 0, 0));
        Assert.False(signal.Raised);
        Assert.Equal(0, signal.Of);
    }

    [Fact]
    public void Straight_lining_counts_rows_with_one_answer_everywhere_and_ignores_short_rows()
    {
        var rows = Repeat("555555", 6)      // straight
            .Concat(Repeat("111110", 2))   // straight over the five answered items
            .Concat(Repeat("550000", 5))   // two answers: too few to count
            .Concat(Repeat("554555", 8))   // one different answer: not straight
            .ToArray();
        var signal = SurveySignals.StraightLining(Matrix(rows));
        Assert.Equal(8, signal.Count);
        Assert.Equal(16, signal.Of);
        Assert.True(signal.Raised); // 50 % ≥ 30 %
        Assert.Contains("8 จาก 16", signal.Message.Thai, StringComparison.Ordinal);
        Assert.Contains("50.00%", signal.Message.Thai, StringComparison.Ordinal);
    }

    [Fact]
    public void Straight_lining_below_its_share_or_its_minimum_rows_is_shown_but_not_raised()
    {
        var few = SurveySignals.StraightLining(Matrix([.. Repeat("444444", 4), .. Repeat("123454", 2)]));
        Assert.Equal(4, few.Count);
        Assert.False(few.Raised); // 67 % but only four rows
        var rare = SurveySignals.StraightLining(Matrix([.. Repeat("444444", 5), .. Repeat("123454", 20)]));
        Assert.Equal(5, rare.Count);
        Assert.False(rare.Raised); // 20 % < 30 %
    }

    [Fact]
    public void Identical_vectors_count_the_copies_beyond_the_first_of_each_group()
    {
        var rows = Repeat("123451", 7)      // one group of 7: 6 copies
            .Concat(Repeat("543215", 3))   // one group of 3: 2 copies
            .Concat(["111112", "211111", "121111", "112111", "111211", "111121", "222223", "322222"]) // all different
            .ToArray();
        var signal = SurveySignals.IdenticalAnswers(Matrix(rows));
        Assert.Equal(8, signal.Count);
        Assert.Equal(18, signal.Of);
        Assert.True(signal.Raised); // 44 %
        Assert.Contains("กลุ่มใหญ่ที่สุดมี 7 ชุด", signal.Message.Thai, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectors_that_differ_only_in_a_blank_are_not_identical()
    {
        var rows = new[] { "123450", "123455", "123405", "120455", "103455", "023455" };
        var signal = SurveySignals.IdenticalAnswers(Matrix(rows));
        Assert.Equal(0, signal.Count);
        Assert.False(signal.Raised);
    }

    [Fact]
    public void Identical_vectors_under_the_minimum_rows_are_not_raised()
    {
        var signal = SurveySignals.IdenticalAnswers(Matrix([.. Repeat("123451", 3), "543215", "111112"]));
        Assert.Equal(2, signal.Count);
        Assert.False(signal.Raised); // 40 %, but two copies
    }

    [Fact]
    public void A_score_far_below_its_peers_is_raised_and_one_odd_peer_does_not_move_the_yardstick()
    {
        decimal[] peers = [88.1m, 90.4m, 89.7m, 91.2m, 87.9m, 90.0m, 12.0m]; // one broken peer
        var low = SurveySignals.FarFromPeers(70m, peers);
        Assert.True(low.Raised);
        Assert.Equal("signal.peers.far-below", low.Message.Code);
        var near = SurveySignals.FarFromPeers(86.5m, peers);
        Assert.False(near.Raised); // with a plain standard deviation the broken peer would make 70 "near" too
    }

    [Fact]
    public void Identical_peers_do_not_make_every_small_difference_far()
    {
        decimal[] peers = [100m, 100m, 100m, 100m, 100m];
        Assert.False(SurveySignals.FarFromPeers(97m, peers).Raised); // 1.5 spreads of the minimum 2 points
        var far = SurveySignals.FarFromPeers(80m, peers);
        Assert.True(far.Raised);
    }

    [Fact]
    public void Too_few_peers_are_not_compared()
    {
        var signal = SurveySignals.FarFromPeers(10m, [90m, 91m, 92m, 93m]);
        Assert.False(signal.Raised);
        Assert.Equal("signal.peers.too-few", signal.Message.Code);
    }

    [Fact]
    public void All_gives_the_peer_and_burst_signals_only_when_their_inputs_are_given()
    {
        var matrix = Matrix([.. Repeat("123451", 3)]);
        Assert.Equal([SignalKind.StraightLining, SignalKind.IdenticalAnswers], SurveySignals.All(matrix).Select(s => s.Kind));
        Assert.Equal(4, SurveySignals.All(matrix, Hours(3), 90m, [90m, 91m, 92m, 93m, 94m]).Count);
    }
}
