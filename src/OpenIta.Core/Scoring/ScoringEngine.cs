using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Scores an agency's results for one fiscal year from whatever level it has (DOMAIN.md §2.2–2.5):
/// question = mean over respondents (a multi-part question: the mean of its sub-items); OIT sub-indicator = mean of
/// its items; indicator = mean of its questions, or of its sub-indicators; instrument = mean of its indicators;
/// total = the weighted sum of the instruments. Values given at a level win over values computed from below, and the
/// two must agree within <see cref="Score.Tolerance"/>. Pure: no clock, no I/O.
/// </summary>
public static class ScoringEngine
{
    public static ScoreCard Score(Framework framework, ScoreInput input)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Year != framework.Year)
        {
            throw new ArgumentException($"The input is for FY{input.Year} but the framework is FY{framework.Year}.", nameof(input));
        }
        return new Run(framework, input, null).Execute();
    }

    /// <summary>
    /// Scores with the answer counts of some matrices already made (by <see cref="ScoringPlan"/>'s compiled layouts, for
    /// exactly those matrices of <paramref name="input"/>): every level above the counts is this engine's own.
    /// </summary>
    internal static ScoreCard Score(Framework framework, ScoreInput input, IReadOnlyDictionary<Instrument, SurveyLayout.Tally> tallies)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(input);
        return new Run(framework, input, tallies).Execute();
    }

    /// <summary>A value known at one level: given in the input, computed from the level below, or both.</summary>
    private struct Level
    {
        public decimal? Given;
        public decimal? Computed;

        public readonly decimal? Value => Given ?? Computed;
        public readonly ValueOrigin? Origin => Given is not null ? ValueOrigin.Given : Computed is not null ? ValueOrigin.Computed : null;

        /// <summary>What a published figure is checked against: the recomputed value where there is one.</summary>
        public readonly decimal? Check => Computed ?? Given;
    }

    private sealed class Run(Framework framework, ScoreInput input, IReadOnlyDictionary<Instrument, SurveyLayout.Tally>? counted)
    {
        private readonly List<Message> _warnings = [];
        private readonly Dictionary<string, Level> _items = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Level> _questions = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Level> _subIndicators = new(StringComparer.Ordinal);
        private readonly Dictionary<int, Level> _indicators = [];
        private readonly Dictionary<(int Indicator, Instrument Part), decimal> _parts = [];
        private readonly Dictionary<Instrument, Level> _instruments = [];
        private readonly Dictionary<Instrument, Message> _notScored = [];
        private readonly Dictionary<Instrument, int> _respondents = [];
        private readonly Dictionary<Instrument, SurveyLayout.Tally> _tallies = [];
        private OitLayout.Tally? _oit;
        private IReadOnlyList<MinimumSample> _minimums = [];

        public ScoreCard Execute()
        {
            ValidateCodes();
            ScoreResponses();
            ScoreQuestions();
            ScoreSubIndicators();
            ScoreIndicators();
            ScoreInstruments();
            ApplyProcessingConditions();
            var (total, totalReason) = ScoreTotal();
            WarnAboutDoubtfulFacts();

            var card = new ScoreCard
            {
                Year = framework.Year,
                Total = total.Value,
                TotalOrigin = total.Origin,
                TotalReason = total.Value is null ? totalReason : null,
                Instruments = InstrumentScores(),
                Indicators = framework.Indicators.Select(IndicatorScore).ToList(),
                SubIndicators = framework.Indicators.SelectMany(i => i.SubIndicators)
                    .Where(s => _subIndicators.ContainsKey(s.Code))
                    .Select(s => new SubIndicatorScore(s.Code, s.Indicator, _subIndicators[s.Code].Value, _subIndicators[s.Code].Origin))
                    .ToList(),
                Questions = QuestionScores(),
                MinimumSamples = _minimums,
            };
            if (total.Value is { } value)
            {
                card = Rate(card, value);
            }
            return card with
            {
                Discrepancies = CompareWithPublished(card, total),
                Warnings = _warnings.DistinctBy(w => w.English, StringComparer.Ordinal).ToList(),
            };
        }

        // ---- input checks ------------------------------------------------------------------------------

        private static void CheckRange(string field, decimal score)
        {
            if (!Scoring.Score.IsValid(score))
            {
                throw new ScoreInputException(field, ScoreErrors.Range(score));
            }
        }

        private void ValidateCodes()
        {
            foreach (var (code, score) in input.Questions)
            {
                CheckRange($"questions.{code}", score);
                if (framework.FindQuestion(code) is null && framework.FindItem(code) is null)
                {
                    throw new ScoreInputException($"questions.{code}", ScoreErrors.UnknownQuestion(code, framework.Year.BuddhistEra));
                }
            }
            foreach (var (code, score) in input.OitItems)
            {
                CheckRange($"oitItems.{code}", score);
                if (framework.FindOitItem(code) is null)
                {
                    throw new ScoreInputException($"oitItems.{code}", ScoreErrors.UnknownOitItem(code, framework.Year.BuddhistEra));
                }
                OitLayout.Units(score, code);
            }
            foreach (var (code, score) in input.SubIndicators)
            {
                CheckRange($"subIndicators.{code}", score);
                if (framework.FindSubIndicator(code) is null)
                {
                    throw new ScoreInputException($"subIndicators.{code}", ScoreErrors.UnknownSubIndicator(code, framework.Year.BuddhistEra));
                }
            }
            foreach (var (number, score) in input.Indicators)
            {
                CheckRange($"indicators.{number}", score);
                if (framework.FindIndicator(number) is null)
                {
                    throw new ScoreInputException($"indicators.{number}", ScoreErrors.UnknownIndicator());
                }
            }
            foreach (var (instrument, score) in input.Instruments)
            {
                CheckRange($"instruments.{instrument.Code()}", score);
                var known = framework.FindInstrument(instrument) is not null
                    || (instrument == Instrument.Eit && framework.HasEitParts);
                if (!known)
                {
                    var why = framework.HasEitParts
                        ? ScoreErrors.EitInParts()
                        : ScoreErrors.EitAsOne(framework.Year.BuddhistEra);
                    throw new ScoreInputException($"instruments.{instrument.Code()}", why);
                }
            }
            if (input.Total is { } total)
            {
                CheckRange("total", total);
            }
            foreach (var instrument in input.Responses.Keys)
            {
                if (framework.FindInstrument(instrument) is not { Kind: InstrumentKind.Perception })
                {
                    throw new ScoreInputException($"responses.{instrument.Code()}",
                        framework.HasEitParts && instrument == Instrument.Eit
                            ? ScoreErrors.EitAnswersInParts()
                            : ScoreErrors.NotASurvey(instrument, framework.Year.BuddhistEra));
                }
            }
        }

        private void Contradiction(string field, decimal given, decimal computed, string from)
        {
            if (Math.Abs(given - computed) > Scoring.Score.Tolerance)
            {
                throw new ScoreInputException(field, ScoreErrors.Contradiction(given, computed, ScoreErrors.Source(from)));
            }
        }

        // ---- levels, from the most detailed up ----------------------------------------------------------

        private void ScoreResponses()
        {
            foreach (var (instrument, matrix) in input.Responses)
            {
                _respondents[instrument] = matrix.Rows;
                foreach (var item in matrix.Columns)
                {
                    if (framework.FindItem(item.Code) is not { } found || found.Question.Instrument != instrument)
                    {
                        throw new ScoreInputException($"responses.{instrument.Code()}", ScoreErrors.NotAnItemOf(item.Code, instrument, framework.Year.BuddhistEra));
                    }
                }
                var tally = counted?.GetValueOrDefault(instrument) ?? new SurveyLayout(framework, instrument, matrix.Columns).Count(matrix);
                _tallies[instrument] = tally;
                for (var c = 0; c < matrix.Columns.Count; c++)
                {
                    if (tally.Item(c) is { } mean)
                    {
                        _items[matrix.Columns[c].Code] = new Level { Computed = mean };
                    }
                }
                foreach (var scale in matrix.Columns.Select(c => c.Scale!).Distinct())
                {
                    if (scale.Status.IsDoubtful())
                    {
                        _warnings.Add(Provenance.AnswerScale(framework, scale));
                    }
                }
            }
            foreach (var (code, score) in input.Questions)
            {
                if (framework.FindQuestion(code) is null && framework.FindItem(code) is { } sub)
                {
                    var level = _items.GetValueOrDefault(sub.Item.Code);
                    level.Given = score;
                    if (level.Computed is { } computed)
                    {
                        Contradiction($"questions.{code}", score, computed, "the answers");
                    }
                    _items[sub.Item.Code] = level;
                }
            }
        }

        private void ScoreQuestions()
        {
            foreach (var question in framework.Questions)
            {
                var level = new Level();
                var itemValues = new List<decimal>(question.Items.Count);
                foreach (var item in question.Items)
                {
                    if (_items.GetValueOrDefault(item.Code).Value is { } value)
                    {
                        itemValues.Add(value);
                    }
                }
                if (itemValues.Count == question.Items.Count)
                {
                    level.Computed = FromAnswersOnly(question) && Tally(question.Instrument) is { } tally
                        && IndexOf(tally.Layout.Questions, question) is var q and >= 0
                        ? tally.Question(q)
                        : Scoring.Score.Mean(itemValues);
                }
                else if (question.HasSubItems && itemValues.Count > 0)
                {
                    _warnings.Add(Message.Of("warning.question-partly-scored",
                        "ข้อ {code}: มีคะแนนข้อย่อย {scored} จาก {count} ข้อ จึงยังคำนวณคะแนนข้อนี้ไม่ได้",
                        "{code}: {scored} of its {count} sub-items are scored, so the question is not.",
                        ("code", question.Code), ("scored", itemValues.Count), ("count", question.Items.Count)));
                }
                if (input.Questions.FirstOrDefault(q => string.Equals(q.Key, question.Code, StringComparison.OrdinalIgnoreCase)) is { Key: not null } given)
                {
                    level.Given = given.Value;
                    if (level.Computed is { } computed)
                    {
                        Contradiction($"questions.{given.Key}", given.Value, computed,
                            question.HasSubItems ? "its sub-items" : "the answers");
                    }
                }
                if (level.Value is not null)
                {
                    _questions[question.Code] = level;
                }
            }
        }

        private void ScoreSubIndicators()
        {
            foreach (var (code, _) in input.OitItems)
            {
                if (framework.FindOitItem(code)!.SubIndicator is null)
                {
                    _warnings.Add(Message.Of("warning.oit-item-sub-indicator-unknown",
                        "ข้อ OIT {code}: ยังไม่ทราบว่าอยู่ในตัวชี้วัดย่อยใดของปีงบประมาณ พ.ศ. {year} จึงนำคะแนนไปรวมไม่ได้",
                        "OIT item {code}: its FY{year} sub-indicator is unknown, so its score cannot be aggregated.",
                        ("code", code), ("year", framework.Year.BuddhistEra)));
                }
            }
            if (OitLayout.For(framework) is { } layout && layout.Items.All(o => HasOitItem(o.Code)))
            {
                _oit = layout.Sum(layout.Items.Select(o => OitItem(o.Code)).ToArray());
            }
            foreach (var sub in framework.Indicators.SelectMany(i => i.SubIndicators))
            {
                var level = new Level();
                var items = framework.OitItems.Where(o => o.SubIndicator == sub.Code).ToList();
                var scored = items.Where(o => HasOitItem(o.Code)).ToList();
                if (scored.Count > 0)
                {
                    if (sub.ItemCount is null)
                    {
                        _warnings.Add(Message.Of("warning.sub-indicator-count-unknown",
                            "ตัวชี้วัดย่อย {code}: ยังไม่ทราบจำนวนข้อของปีงบประมาณ พ.ศ. {year} จึงไม่คำนวณจากคะแนนรายข้อ",
                            "{code}: the number of its items in FY{year} is unknown, so it is not computed from item scores.",
                            ("code", sub.Code), ("year", framework.Year.BuddhistEra)));
                    }
                    else if (scored.Count < sub.ItemCount || items.Count < sub.ItemCount)
                    {
                        _warnings.Add(Message.Of("warning.sub-indicator-partly-scored",
                            "ตัวชี้วัดย่อย {code}: มีคะแนน {scored} จาก {count} ข้อ จึงไม่คำนวณจากคะแนนรายข้อ",
                            "{code}: {scored} of its {count} items are scored, so it is not computed from item scores.",
                            ("code", sub.Code), ("scored", scored.Count), ("count", sub.ItemCount)));
                    }
                    else
                    {
                        // The share of its items passed, exactly: Σ scores / n.
                        var units = scored.Sum(o => OitLayout.Units(OitItem(o.Code), o.Code));
                        level.Computed = OitLayout.Mean(units, scored.Count);
                    }
                }
                if (input.SubIndicators.TryGetValue(sub.Code, out var given))
                {
                    level.Given = given;
                    if (level.Computed is { } computed)
                    {
                        Contradiction($"subIndicators.{sub.Code}", given, computed, "its items");
                    }
                }
                if (level.Value is not null)
                {
                    _subIndicators[sub.Code] = level;
                }
            }
        }

        /// <summary>The exact OIT tally, when every item is given and no sub-indicator of <paramref name="indicators"/> is.</summary>
        private OitLayout.Tally? OitFromItemsOnly(IEnumerable<IndicatorDefinition> indicators) =>
            _oit is not null && indicators.SelectMany(i => i.SubIndicators).All(sub => !input.SubIndicators.ContainsKey(sub.Code))
                ? _oit
                : null;

        private bool HasOitItem(string code) =>
            input.OitItems.Keys.Any(k => string.Equals(k, code, StringComparison.OrdinalIgnoreCase));

        private decimal OitItem(string code) =>
            input.OitItems.First(k => string.Equals(k.Key, code, StringComparison.OrdinalIgnoreCase)).Value;

        private void ScoreIndicators()
        {
            foreach (var indicator in framework.Indicators)
            {
                var level = new Level();
                string from;
                if (indicator.Instrument == Instrument.Oit)
                {
                    from = "its sub-indicators";
                    var subs = indicator.SubIndicators;
                    var values = subs.Select(s => _subIndicators.GetValueOrDefault(s.Code).Value).ToList();
                    if (OitFromItemsOnly([indicator]) is { } oit)
                    {
                        level.Computed = oit.Indicator(IndexOf(oit.Layout.Indicators, indicator));
                    }
                    else if (subs.Count > 0 && values.All(v => v is not null))
                    {
                        level.Computed = Scoring.Score.Mean(values.Select(v => v!.Value).ToList());
                    }
                }
                else
                {
                    from = "its questions";
                    var parts = framework.ScoringInstruments(indicator);
                    foreach (var part in parts)
                    {
                        if (QuestionMean(indicator, part) is { } mean)
                        {
                            _parts[(indicator.Number, part)] = mean;
                        }
                    }
                    var partValues = parts.Where(p => _parts.ContainsKey((indicator.Number, p))).Select(p => _parts[(indicator.Number, p)]).ToList();
                    if (partValues.Count == parts.Count)
                    {
                        level.Computed = Scoring.Score.Mean(partValues); // from FY2566: the mean of the EIT parts
                    }
                }
                if (input.Indicators.TryGetValue(indicator.Number, out var given))
                {
                    level.Given = given;
                    if (level.Computed is { } computed)
                    {
                        Contradiction($"indicators.{indicator.Number}", given, computed, from);
                    }
                }
                if (level.Value is not null)
                {
                    _indicators[indicator.Number] = level;
                }
            }
        }

        /// <summary>
        /// True when nothing of the question is given as a score, so its value (and what it makes up) comes from the
        /// raw answers alone and is taken exactly from their counts.
        /// </summary>
        private bool FromAnswersOnly(QuestionDefinition question) =>
            !input.Questions.Keys.Any(k => string.Equals(k, question.Code, StringComparison.OrdinalIgnoreCase)
                || question.Items.Any(i => string.Equals(k, i.Code, StringComparison.OrdinalIgnoreCase)));

        private SurveyLayout.Tally? Tally(Instrument instrument) => _tallies.GetValueOrDefault(instrument);

        private static int IndexOf<T>(IReadOnlyList<T> list, T value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(list[i], value))
                {
                    return i;
                }
            }
            return -1;
        }

        private decimal? QuestionMean(IndicatorDefinition indicator, Instrument part)
        {
            var questions = framework.Questions.Where(q => q.Instrument == part && q.Indicator == indicator.Number).ToList();
            var values = questions.Where(q => _questions.ContainsKey(q.Code)).Select(q => _questions[q.Code].Value!.Value).ToList();
            if (values.Count == 0)
            {
                return null;
            }
            var label = Message.Of("field.indicator-part", "ตัวชี้วัดที่ {number} {name} ({part})", "indicator {number} ({part})",
                ("number", indicator.Number), ("name", indicator.NameTh), ("part", part.Code()));
            if (questions.All(FromAnswersOnly) && Tally(part) is { } tally
                && IndexOf(tally.Layout.Slots, indicator) is var slot and >= 0 && tally.Slot(slot) is { } exact)
            {
                return exact;
            }
            if (indicator.QuestionCount is not { } count)
            {
                _warnings.Add(Message.Of("warning.indicator-count-unknown",
                    "{label}: ยังไม่ทราบจำนวนข้อคำถามของปีงบประมาณ พ.ศ. {year} จึงไม่คำนวณจากคะแนนรายข้อ",
                    "{label}: how many questions it has in FY{year} is unknown, so it is not computed from question scores.",
                    ("label", label), ("year", framework.Year.BuddhistEra)));
                return null;
            }
            if (values.Count < count)
            {
                _warnings.Add(Message.Of("warning.indicator-partly-scored",
                    "{label}: มีคะแนน {scored} จาก {count} ข้อคำถาม จึงไม่คำนวณจากคะแนนรายข้อ",
                    "{label}: {scored} of its {count} questions are scored, so it is not computed from question scores.",
                    ("label", label), ("scored", values.Count), ("count", count)));
                return null;
            }
            return Scoring.Score.Mean(values);
        }

        private void ScoreInstruments()
        {
            foreach (var definition in framework.Instruments)
            {
                var instrument = definition.Instrument;
                var level = new Level();
                var indicators = framework.IndicatorsOf(instrument).ToList();
                var values = new List<decimal>(indicators.Count);
                foreach (var indicator in indicators)
                {
                    decimal? value = definition.PartOf is null
                        ? _indicators.GetValueOrDefault(indicator.Number).Value
                        : _parts.TryGetValue((indicator.Number, instrument), out var part) ? part : null;
                    if (value is { } v)
                    {
                        values.Add(v);
                    }
                }
                if (indicators.Count > 0 && values.Count == indicators.Count)
                {
                    if (instrument == Instrument.Oit && OitFromItemsOnly(indicators) is { } oit
                        && indicators.All(i => !input.Indicators.ContainsKey(i.Number)))
                    {
                        level.Computed = oit.Instrument();
                    }
                    var fromAnswers = Tally(instrument) is { } tally
                        && framework.Questions.Where(q => q.Instrument == instrument).All(FromAnswersOnly)
                        && (definition.PartOf is not null || indicators.All(i => !input.Indicators.ContainsKey(i.Number)));
                    level.Computed ??= fromAnswers ? _tallies[instrument].Instrument() ?? Scoring.Score.Mean(values) : Scoring.Score.Mean(values);
                }
                if (input.Instruments.TryGetValue(instrument, out var given))
                {
                    level.Given = given;
                    if (level.Computed is { } computed)
                    {
                        Contradiction($"instruments.{instrument.Code()}", given, computed, $"indicators {Range(indicators)}");
                    }
                }
                if (level.Value is not null)
                {
                    _instruments[instrument] = level;
                }
            }
            if (framework.HasEitParts)
            {
                ScoreCombinedEit();
            }
        }

        /// <summary>From FY2566: EIT is the mean of EIT1 and EIT2, or of the combined indicators 6–8 (verified on seed 003).</summary>
        private void ScoreCombinedEit()
        {
            var level = new Level();
            var indicators = framework.IndicatorsOf(Instrument.Eit).ToList();
            string from;
            if (_instruments.GetValueOrDefault(Instrument.Eit1).Value is { } part1
                && _instruments.GetValueOrDefault(Instrument.Eit2).Value is { } part2)
            {
                level.Computed = (part1 + part2) / 2;
                from = "EIT1 and EIT2";
            }
            else
            {
                var values = indicators.Select(i => _indicators.GetValueOrDefault(i.Number).Value).ToList();
                if (values.All(v => v is not null))
                {
                    level.Computed = Scoring.Score.Mean(values.Select(v => v!.Value).ToList());
                }
                from = $"indicators {Range(indicators)}";
            }
            if (input.Instruments.TryGetValue(Instrument.Eit, out var given))
            {
                level.Given = given;
                if (level.Computed is { } computed)
                {
                    Contradiction("instruments.EIT", given, computed, from);
                }
            }
            if (level.Value is not null)
            {
                _instruments[Instrument.Eit] = level;
            }
        }

        private static string Range(List<IndicatorDefinition> indicators) =>
            indicators.Count == 0 ? "" : $"{indicators[0].Number}–{indicators[^1].Number}";

        /// <summary>DOMAIN.md §2.3: when an instrument is not scored at all.</summary>
        private void ApplyProcessingConditions()
        {
            var participation = input.Participation;
            foreach (var (instrument, count) in participation?.Respondents ?? new Dictionary<Instrument, int>())
            {
                if (!_respondents.ContainsKey(instrument))
                {
                    _respondents[instrument] = count;
                }
            }
            _minimums = MinimumSamples.Compute(framework, participation?.InternalStakeholders, participation?.ExternalStakeholders);
            if (participation is { Registered: false })
            {
                foreach (var definition in framework.Instruments)
                {
                    _notScored[definition.Instrument] = NotRegistered();
                }
            }
            else
            {
                foreach (var minimum in _minimums)
                {
                    if (!_respondents.TryGetValue(minimum.Instrument, out var respondents))
                    {
                        continue;
                    }
                    if (minimum.Minimum is { } required)
                    {
                        if (respondents < required)
                        {
                            _notScored[minimum.Instrument] = Message.Of("instrument.below-minimum-sample",
                                "มีผู้ตอบ {respondents} คน น้อยกว่าจำนวนขั้นต่ำ {required} คน", "{respondents} respondents, below the minimum sample of {required}",
                                ("respondents", respondents), ("required", required));
                        }
                    }
                    else if (participation is not null)
                    {
                        _warnings.Add(Message.Of("warning.minimum-sample-unchecked",
                            "{code}: ไม่ได้ตรวจจำนวนผู้ตอบขั้นต่ำ เพราะยังไม่ทราบเกณฑ์ของปีนี้",
                            "{code}: the minimum sample was not checked: {why}.", ("code", minimum.Instrument.Code()), ("why", minimum.Unknown)));
                    }
                }
                if (participation is { OitAnswered: false })
                {
                    _notScored[Instrument.Oit] = Message.Of("instrument.oit-not-answered", "หน่วยงานไม่ได้ตอบแบบ OIT ตามที่กำหนด", "the agency did not answer OIT as required");
                }
            }
            foreach (var (instrument, reason) in _notScored)
            {
                if (_instruments.Remove(instrument, out var dropped) && dropped.Value is { } value)
                {
                    _warnings.Add(Message.Of("warning.instrument-not-scored",
                        "{code} ไม่ได้รับการประเมิน ({reason}) จึงไม่ใช้คะแนน {score}",
                        "{code} is not scored ({reason}); its score {score} is not used.",
                        ("code", instrument.Code()), ("reason", reason), ("score", Scoring.Score.Display(value))));
                }
                if (instrument is Instrument.Eit1 or Instrument.Eit2)
                {
                    _instruments.Remove(Instrument.Eit);
                }
            }
        }

        private (Level Total, Message? Reason) ScoreTotal()
        {
            var level = new Level();
            Message? reason = null;
            var notScored = framework.Instruments.Where(d => _notScored.ContainsKey(d.Instrument)).ToList();
            if (input.Participation is { Registered: false })
            {
                if (input.Total is { } ignored)
                {
                    _warnings.Add(Message.Of("warning.total-not-registered",
                        "ไม่ใช้คะแนนรวม {total} เพราะหน่วยงานไม่ได้ลงทะเบียนเข้ารับการประเมิน",
                        "The total {total} is not used: the agency did not register, so nothing is scored.", ("total", Scoring.Score.Display(ignored))));
                }
                return (level, NotRegistered());
            }
            if (notScored.Count > 0)
            {
                reason = Message.Of("total.instrument-not-scored",
                    "{codes} ไม่ได้รับการประเมิน ({reasons}) และ สำนักงาน ป.ป.ช. ไม่ได้ประกาศวิธีคิดคะแนนรวมเมื่อขาดเครื่องมือนี้",
                    "{codes} not scored ({reasons}); NACC does not publish how a total is formed without it",
                    ("codes", string.Join(", ", notScored.Select(d => d.Code))),
                    ("reasons", Message.Of("reasons", string.Join("; ", notScored.Select(d => _notScored[d.Instrument].Thai)),
                        string.Join("; ", notScored.Select(d => _notScored[d.Instrument].English)))));
            }
            else
            {
                var sum = 0m;
                var missing = new List<string>();
                var eitStandsIn = false;
                foreach (var definition in framework.Instruments)
                {
                    if (_instruments.GetValueOrDefault(definition.Instrument).Value is { } value)
                    {
                        sum += definition.Weight * Weighed(value);
                    }
                    else if (definition.PartOf == Instrument.Eit && _instruments.GetValueOrDefault(Instrument.Eit).Value is { } combined
                        && framework.Instruments.Where(d => d.PartOf == Instrument.Eit).All(d => !_instruments.ContainsKey(d.Instrument)))
                    {
                        sum += definition.Weight * Weighed(combined); // both parts unknown: the combined EIT carries their weight
                        eitStandsIn = true;
                    }
                    else
                    {
                        missing.Add(definition.Code);
                    }
                }
                if (missing.Count == 0)
                {
                    level.Computed = sum;
                    if (eitStandsIn)
                    {
                        _warnings.Add(Message.Of("warning.eit-combined-weight",
                            "ไม่มีคะแนน EIT ส่วนที่ 1 และส่วนที่ 2: ใช้คะแนน EIT รวมแทนน้ำหนักของทั้งสองส่วนในคะแนนรวม",
                            "EIT1 and EIT2 were not given: the combined EIT carries both parts' weights in the total."));
                    }
                }
                else
                {
                    reason = Message.Of("total.missing", "ยังไม่มีคะแนน {codes}", "no score for {codes}", ("codes", string.Join(", ", missing)));
                }
            }
            if (input.Total is { } given)
            {
                level.Given = given;
                if (level.Computed is { } computed)
                {
                    Contradiction("total", given, computed, "the weighted instruments");
                }
            }
            return (level, reason);
        }

        private static Message NotRegistered() => Message.Of("instrument.not-registered",
            "หน่วยงานไม่ได้ลงทะเบียนเข้ารับการประเมิน จึงไม่มีการคิดคะแนน", "the agency did not register for the assessment, so nothing is scored");

        /// <summary>An instrument score as the year's total rule weighs it.</summary>
        private decimal Weighed(decimal instrument) =>
            framework.TotalRule.DisplayedInstruments ? Scoring.Score.Round(instrument) : instrument;

        private ScoreCard Rate(ScoreCard card, decimal total)
        {
            var scores = _instruments.Where(i => i.Value.Value is not null).ToDictionary(i => i.Key, i => i.Value.Value!.Value);
            var known = framework.Instruments.Where(d => scores.ContainsKey(d.Instrument)).ToDictionary(d => d.Instrument, d => scores[d.Instrument]);
            decimal? combined = framework.HasEitParts && !(known.ContainsKey(Instrument.Eit1) && known.ContainsKey(Instrument.Eit2))
                && scores.TryGetValue(Instrument.Eit, out var e)
                ? e
                : null;
            var outcome = RatingRule.RateScores(framework, total, scores);
            var conditional = framework.Rating.Levels.Any(l => l.EveryInstrumentAtLeast is not null);
            if (conditional && combined is { } eit && !known.ContainsKey(Instrument.Eit1) && !known.ContainsKey(Instrument.Eit2)
                && !outcome.Needed.Contains(Instrument.Eit1))
            {
                var lowest = Math.Max(0, (2 * eit) - 100);
                _warnings.Add(Message.Of("warning.eit-parts-decided",
                    "ไม่มีคะแนน EIT ส่วนที่ 1 และส่วนที่ 2 แต่คะแนน EIT รวม {eit} ตัดสินเงื่อนไขรายเครื่องมือได้ไม่ว่าจะแบ่งอย่างไร (แต่ละส่วนได้อย่างน้อย {lowest})",
                    "EIT1 and EIT2 were not given, so the rating's per-instrument conditions cannot be checked part by part; the combined EIT {eit} decides them for any split (each part is at least {lowest}).",
                    ("eit", Scoring.Score.Display(eit)), ("lowest", Scoring.Score.Display(lowest))));
            }
            if (outcome.Level is null && outcome.Candidates.Count > 1)
            {
                _warnings.Add(Message.Of("warning.rating-undecided",
                    "ยังตัดสินระดับผลการประเมินไม่ได้หากไม่มีคะแนน {needed}: เป็นได้ระดับใดระดับหนึ่งใน {levels}",
                    "The rating cannot be decided without the scores of {neededEn}: it is one of {levelsEn}.",
                    ("needed", string.Join(", ", outcome.Needed.Select(i => i.Code()))),
                    ("neededEn", string.Join(", ", outcome.Needed.Select(i => i.Code()))),
                    ("levels", string.Join(", ", outcome.Candidates.Select(c => c.NameTh))),
                    ("levelsEn", string.Join(", ", outcome.Candidates.Select(c => $"{c.NameEn} ({c.Code})")))));
            }
            return card with
            {
                Rating = outcome.Level,
                RatingCandidates = outcome.Candidates,
                RatingNeeds = outcome.Needed,
                Passed = Scoring.Score.Round(total) >= framework.PassMark,
            };
        }

        private void WarnAboutDoubtfulFacts()
        {
            var weights = framework.Instruments.Where(i => i.WeightStatus.IsDoubtful()).ToList();
            if (weights.Count > 0)
            {
                _warnings.Add(Provenance.Weights(framework, weights));
            }
            if (framework.TotalRule.Status.IsDoubtful())
            {
                _warnings.Add(Provenance.TotalRule(framework));
            }
            if (framework.Rating.Status.IsDoubtful())
            {
                _warnings.Add(Provenance.RatingScale(framework));
            }
        }

        // ---- output ------------------------------------------------------------------------------------

        private List<InstrumentScore> InstrumentScores()
        {
            var result = new List<InstrumentScore>();
            foreach (var definition in framework.Instruments)
            {
                result.Add(InstrumentScore(definition.Instrument, definition.Weight));
            }
            if (framework.HasEitParts && (_instruments.ContainsKey(Instrument.Eit) || _notScored.ContainsKey(Instrument.Eit1) || _notScored.ContainsKey(Instrument.Eit2)))
            {
                result.Add(InstrumentScore(Instrument.Eit, null));
            }
            return result;
        }

        private InstrumentScore InstrumentScore(Instrument instrument, decimal? weight)
        {
            var level = _instruments.GetValueOrDefault(instrument);
            Message? reason = null;
            if (_notScored.TryGetValue(instrument, out var notScored))
            {
                reason = notScored;
            }
            else if (level.Value is null)
            {
                reason = instrument == Instrument.Eit
                    ? Message.Of("instrument.eit-part-missing", "ยังไม่มีคะแนน EIT ส่วนที่ 1 หรือส่วนที่ 2", "EIT1 or EIT2 is not scored")
                    : Message.Of("instrument.not-given", "ไม่มีคะแนนในข้อมูลที่บันทึก และคำนวณจากคะแนนระดับย่อยที่มีไม่ได้",
                        "not given, and not computable from the levels given");
            }
            return new InstrumentScore(instrument, level.Value, level.Origin, level.Value is not null, reason, weight,
                _respondents.TryGetValue(instrument, out var n) ? n : null);
        }

        private IndicatorScore IndicatorScore(IndicatorDefinition indicator)
        {
            var level = _indicators.GetValueOrDefault(indicator.Number);
            var parts = framework.HasEitParts && indicator.Instrument == Instrument.Eit
                ? framework.ScoringInstruments(indicator)
                    .Where(p => _parts.ContainsKey((indicator.Number, p)))
                    .ToDictionary(p => p, p => _parts[(indicator.Number, p)])
                : new Dictionary<Instrument, decimal>();
            return new IndicatorScore(indicator.Number, indicator.Instrument, level.Value, level.Origin, parts);
        }

        private List<QuestionScore> QuestionScores()
        {
            var result = new List<QuestionScore>();
            foreach (var question in framework.Questions)
            {
                var subItems = question.HasSubItems
                    ? question.Items.Where(i => _items.GetValueOrDefault(i.Code).Value is not null)
                        .ToDictionary(i => i.Code, i => _items[i.Code].Value!.Value, StringComparer.OrdinalIgnoreCase)
                    : new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
                if (_questions.TryGetValue(question.Code, out var level))
                {
                    result.Add(new QuestionScore(question.Code, question.Instrument, question.Indicator, level.Value!.Value, level.Origin!.Value, subItems));
                }
            }
            return result;
        }

        private List<Discrepancy> CompareWithPublished(ScoreCard card, Level total)
        {
            var result = new List<Discrepancy>();
            if (input.Published is not { } published)
            {
                return result;
            }
            void Compare(string field, decimal printed, decimal? recomputed)
            {
                if (recomputed is { } value && Math.Abs(printed - value) > Scoring.Score.Tolerance)
                {
                    result.Add(new Discrepancy(field, printed, value, Scoring.Score.Display(printed), Scoring.Score.Display(value)));
                }
            }
            if (published.Total is { } printedTotal)
            {
                Compare("total", printedTotal, total.Check);
            }
            foreach (var (instrument, printed) in published.Instruments)
            {
                Compare($"instruments.{instrument.Code()}", printed, _instruments.GetValueOrDefault(instrument).Check);
                if (instrument == Instrument.Eit && framework.HasEitParts)
                {
                    // The combined EIT is also the mean of indicators 6–8: a figure can disagree with either.
                    var values = framework.IndicatorsOf(Instrument.Eit).Select(i => _indicators.GetValueOrDefault(i.Number).Value).ToList();
                    if (values.All(v => v is not null) && _instruments.GetValueOrDefault(Instrument.Eit1).Value is not null)
                    {
                        Compare("instruments.EIT (from indicators 6–8)", printed, Scoring.Score.Mean(values.Select(v => v!.Value).ToList()));
                    }
                }
            }
            foreach (var (number, printed) in published.Indicators)
            {
                Compare($"indicators.{number}", printed, _indicators.GetValueOrDefault(number).Check);
            }
            foreach (var (code, printed) in published.SubIndicators)
            {
                Compare($"subIndicators.{code}", printed, _subIndicators.GetValueOrDefault(code).Check);
            }
            foreach (var (code, printed) in published.Questions)
            {
                var level = framework.FindQuestion(code) is { } q ? _questions.GetValueOrDefault(q.Code) : _items.GetValueOrDefault(code);
                Compare($"questions.{code}", printed, level.Check);
            }
            if (published.Rating is { } printedRating)
            {
                var level = framework.Rating.Level(printedRating);
                if (level is null)
                {
                    result.Add(new Discrepancy("rating", null, null, printedRating, card.Rating?.NameTh ?? "-"));
                    _warnings.Add(Message.Of("warning.published-rating-unknown",
                        "ระดับผลการประเมินที่เผยแพร่ \"{rating}\" ไม่ใช่ระดับในเกณฑ์ของปีงบประมาณ พ.ศ. {year}",
                        "The published rating '{rating}' is not a level of the FY{year} scale.", ("rating", printedRating), ("year", framework.Year.BuddhistEra)));
                }
                else if (card.Rating is { } rating && rating.Code != level.Code)
                {
                    result.Add(new Discrepancy("rating", null, null, printedRating, rating.NameTh));
                }
                else if (card.RatingUndecided && !card.RatingCandidates.Contains(level))
                {
                    result.Add(new Discrepancy("rating", null, null, printedRating, RatingWording.Levels(card).Th));
                }
            }
            return result;
        }
    }
}
