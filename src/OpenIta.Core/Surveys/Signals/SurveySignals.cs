using OpenIta.Core.Scoring;
using OpenIta.Core.Text;

namespace OpenIta.Core.Surveys.Signals;

/// <summary>What a signal looks at.</summary>
public enum SignalKind
{
    /// <summary>Many responses in one hour, against the round's usual hour.</summary>
    Burst,

    /// <summary>Respondents who gave the same answer to every item.</summary>
    StraightLining,

    /// <summary>Respondents whose whole answer vectors are the same as another's.</summary>
    IdenticalAnswers,

    /// <summary>An agency's instrument score far from its peers'.</summary>
    FarFromPeers,
}

/// <summary>
/// One signal for the assessor: what was measured (always shown), and whether it is over its threshold
/// (<see cref="Raised"/>). A signal is a reason to look, never a verdict: a whole office answering in the staff meeting is
/// a burst, and a satisfied public straight-lines.
/// </summary>
/// <param name="Count">What was counted (responses in the busiest hour, rows, duplicate rows, or 0 for a score).</param>
/// <param name="Of">Out of how many (all responses, or the peers compared with).</param>
/// <param name="PeakHour">For a burst: the start of the busiest hour (the page shows it in Thailand's time).</param>
public sealed record Signal(SignalKind Kind, bool Raised, int Count, int Of, Message Message, DateTimeOffset? PeakHour = null);

/// <summary>The thresholds the signals use; the defaults are deliberately loose (a signal asks for a look).</summary>
public sealed record SignalThresholds
{
    /// <summary>An hour is a burst only with at least this many responses.</summary>
    public int BurstMinimum { get; init; } = 20;

    /// <summary>…and at least this many times the median of the round's hours that had responses.</summary>
    public decimal BurstFactor { get; init; } = 5m;

    /// <summary>A row counts for straight-lining and identical vectors only with at least this many items answered.</summary>
    public int MinimumAnswered { get; init; } = 5;

    /// <summary>Straight-lining is raised at this share of the rows that count (percent)…</summary>
    public decimal StraightLiningPercent { get; init; } = 30m;

    /// <summary>Identical vectors are raised at this share of duplicate rows (percent)…</summary>
    public decimal IdenticalPercent { get; init; } = 20m;

    /// <summary>…and both only with at least this many rows concerned.</summary>
    public int MinimumRows { get; init; } = 5;

    /// <summary>How many robust standard deviations from the peers' median is far (3.5 is Iglewicz and Hoaglin's cut).</summary>
    public decimal FarFromPeersZ { get; init; } = 3.5m;

    /// <summary>The smallest spread assumed among peers, in score points: identical peers do not make every difference far.</summary>
    public decimal MinimumPeerSpread { get; init; } = 2m;

    /// <summary>Peers needed before a comparison means anything.</summary>
    public int MinimumPeers { get; init; } = 5;

    public static SignalThresholds Default { get; } = new();
}

/// <summary>The responses of one hour of a round (from the round's hourly counter: no time is kept on a response).</summary>
public sealed record HourCount(DateTimeOffset HourStart, int Count);

/// <summary>
/// The assessor's signals over one agency's instrument: pure functions over what the store reads (the answers as a
/// <see cref="ResponseMatrix"/>, the round's hourly counts, the peers' scores). None of them needs to know who answered
/// or when a single response came: the answers carry no identity and no time, the hours are counted beside the round.
/// </summary>
public static class SurveySignals
{
    /// <summary>Every signal that the inputs allow (peers and hours are optional).</summary>
    public static IReadOnlyList<Signal> All(ResponseMatrix answers, IReadOnlyList<HourCount>? hours = null,
        decimal? score = null, IReadOnlyList<decimal>? peerScores = null, SignalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var t = thresholds ?? SignalThresholds.Default;
        var signals = new List<Signal>();
        if (hours is not null)
        {
            signals.Add(Bursts(hours, t));
        }
        signals.Add(StraightLining(answers, t));
        signals.Add(IdenticalAnswers(answers, t));
        if (score is { } s && peerScores is not null)
        {
            signals.Add(FarFromPeers(s, peerScores, t));
        }
        return signals;
    }

    /// <summary>
    /// The busiest hour against the median of the hours that had any response: raised when it holds at least
    /// <see cref="SignalThresholds.BurstMinimum"/> responses and <see cref="SignalThresholds.BurstFactor"/> times the
    /// median. Hours without responses do not lower the median (nights would make every morning a burst).
    /// </summary>
    public static Signal Bursts(IReadOnlyList<HourCount> hours, SignalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var t = thresholds ?? SignalThresholds.Default;
        var busy = hours.Where(h => h.Count > 0).ToList();
        var total = busy.Sum(h => h.Count);
        if (busy.Count == 0)
        {
            return new Signal(SignalKind.Burst, false, 0, 0, Message.Of("signal.burst.none",
                "ยังไม่มีผู้ตอบ", "No responses yet"));
        }
        var peak = busy.MaxBy(h => h.Count)!;
        var median = Median(busy.Select(h => (decimal)h.Count).ToList());
        var raised = peak.Count >= t.BurstMinimum && peak.Count >= t.BurstFactor * median;
        return new Signal(SignalKind.Burst, raised, peak.Count, total, Message.Of(
            raised ? "signal.burst.raised" : "signal.burst.calm",
            raised
                ? "มีผู้ตอบ {peak} คนภายในชั่วโมงเดียว สูงกว่าค่ามัธยฐาน {median} คนต่อชั่วโมงมาก ควรตรวจสอบ"
                : "ชั่วโมงที่มีผู้ตอบมากที่สุด {peak} คน (ค่ามัธยฐาน {median} คนต่อชั่วโมง)",
            raised
                ? "{peak} responses within one hour, far above the median of {median} an hour: worth a look"
                : "The busiest hour had {peak} responses (median {median} an hour)",
            ("peak", peak.Count), ("median", median.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))), peak.HourStart);
    }

    /// <summary>
    /// Rows that gave the same answer to every item they answered, among rows with at least
    /// <see cref="SignalThresholds.MinimumAnswered"/> answers. The same answer index, whatever the item's scoring:
    /// "strongly agree" everywhere is straight-lining even where an item is reverse-scored.
    /// </summary>
    public static Signal StraightLining(ResponseMatrix answers, SignalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var t = thresholds ?? SignalThresholds.Default;
        var counted = 0;
        var straight = 0;
        for (var r = 0; r < answers.Rows; r++)
        {
            byte first = ResponseMatrix.NotAnswered;
            var answered = 0;
            var same = true;
            for (var c = 0; c < answers.Columns.Count; c++)
            {
                var cell = answers.Cell(r, c);
                if (cell == ResponseMatrix.NotAnswered)
                {
                    continue;
                }
                answered++;
                if (first == ResponseMatrix.NotAnswered)
                {
                    first = cell;
                }
                else if (cell != first)
                {
                    same = false;
                }
            }
            if (answered >= t.MinimumAnswered)
            {
                counted++;
                if (same)
                {
                    straight++;
                }
            }
        }
        var percent = Percent(straight, counted);
        var raised = straight >= t.MinimumRows && percent >= t.StraightLiningPercent;
        return new Signal(SignalKind.StraightLining, raised, straight, counted, Message.Of(
            raised ? "signal.straight-lining.raised" : "signal.straight-lining.calm",
            raised
                ? "ผู้ตอบ {count} จาก {of} คน ({percent}%) เลือกคำตอบเดียวกันทุกข้อ ควรตรวจสอบ"
                : "ผู้ตอบ {count} จาก {of} คน ({percent}%) เลือกคำตอบเดียวกันทุกข้อ",
            raised
                ? "{count} of {of} respondents ({percent}%) gave the same answer to every item: worth a look"
                : "{count} of {of} respondents ({percent}%) gave the same answer to every item",
            ("count", straight), ("of", counted), ("percent", Score.Display(percent))));
    }

    /// <summary>
    /// Rows whose whole answer vector (blanks included) equals another row's, among rows with at least
    /// <see cref="SignalThresholds.MinimumAnswered"/> answers: the count is the rows beyond the first of each group
    /// (two copies of one vector make one duplicate), and the largest group is named.
    /// </summary>
    public static Signal IdenticalAnswers(ResponseMatrix answers, SignalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var t = thresholds ?? SignalThresholds.Default;
        var width = answers.Columns.Count;
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var counted = 0;
        var row = new char[width];
        for (var r = 0; r < answers.Rows; r++)
        {
            var answered = 0;
            for (var c = 0; c < width; c++)
            {
                var cell = answers.Cell(r, c);
                row[c] = (char)cell;
                if (cell != ResponseMatrix.NotAnswered)
                {
                    answered++;
                }
            }
            if (answered < t.MinimumAnswered)
            {
                continue;
            }
            counted++;
            var key = new string(row);
            groups[key] = groups.GetValueOrDefault(key) + 1;
        }
        var duplicates = counted - groups.Count;
        var largest = groups.Count == 0 ? 0 : groups.Values.Max();
        var percent = Percent(duplicates, counted);
        var raised = duplicates >= t.MinimumRows && percent >= t.IdenticalPercent;
        return new Signal(SignalKind.IdenticalAnswers, raised, duplicates, counted, Message.Of(
            raised ? "signal.identical.raised" : "signal.identical.calm",
            raised
                ? "คำตอบ {count} จาก {of} ชุด ({percent}%) ซ้ำกับชุดอื่นทุกข้อ กลุ่มใหญ่ที่สุดมี {largest} ชุด ควรตรวจสอบ"
                : "คำตอบ {count} จาก {of} ชุด ({percent}%) ซ้ำกับชุดอื่นทุกข้อ",
            raised
                ? "{count} of {of} answer sets ({percent}%) repeat another set exactly; the largest group has {largest}: worth a look"
                : "{count} of {of} answer sets ({percent}%) repeat another set exactly",
            ("count", duplicates), ("of", counted), ("percent", Score.Display(percent)), ("largest", largest)));
    }

    /// <summary>
    /// An agency's score against its peers' (the same instrument and year in its group): the robust z-score, distance
    /// from the peers' median over 1.4826 × their median absolute deviation (no less than
    /// <see cref="SignalThresholds.MinimumPeerSpread"/>), so that one odd peer does not hide or make a difference.
    /// </summary>
    public static Signal FarFromPeers(decimal score, IReadOnlyList<decimal> peerScores, SignalThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(peerScores);
        var t = thresholds ?? SignalThresholds.Default;
        if (peerScores.Count < t.MinimumPeers)
        {
            return new Signal(SignalKind.FarFromPeers, false, 0, peerScores.Count, Message.Of("signal.peers.too-few",
                "มีหน่วยงานเทียบเคียงเพียง {of} แห่ง (ต้องมีอย่างน้อย {minimum} แห่ง) จึงยังไม่เทียบ",
                "Only {of} peers (at least {minimum} are needed): not compared",
                ("of", peerScores.Count), ("minimum", t.MinimumPeers)));
        }
        var median = Median(peerScores);
        var mad = Median(peerScores.Select(p => Math.Abs(p - median)).ToList());
        var spread = Math.Max(1.4826m * mad, t.MinimumPeerSpread);
        var z = (score - median) / spread;
        var raised = Math.Abs(z) >= t.FarFromPeersZ;
        return new Signal(SignalKind.FarFromPeers, raised, 0, peerScores.Count, Message.Of(
            raised ? (z > 0 ? "signal.peers.far-above" : "signal.peers.far-below") : "signal.peers.near",
            raised
                ? (z > 0
                    ? "คะแนน {score} สูงกว่าค่ามัธยฐานของหน่วยงานเทียบเคียง {of} แห่ง ({median}) มากผิดปกติ ควรตรวจสอบ"
                    : "คะแนน {score} ต่ำกว่าค่ามัธยฐานของหน่วยงานเทียบเคียง {of} แห่ง ({median}) มากผิดปกติ ควรตรวจสอบ")
                : "คะแนน {score} ใกล้เคียงหน่วยงานเทียบเคียง {of} แห่ง (ค่ามัธยฐาน {median})",
            raised
                ? (z > 0
                    ? "Score {score} is far above the median of {of} peers ({median}): worth a look"
                    : "Score {score} is far below the median of {of} peers ({median}): worth a look")
                : "Score {score} is in line with {of} peers (median {median})",
            ("score", Score.Display(score)), ("of", peerScores.Count), ("median", Score.Display(median))));
    }

    private static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static decimal Percent(int count, int of) => of == 0 ? 0 : count * 100m / of;
}
