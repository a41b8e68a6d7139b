using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Surveys;

/// <summary>A round's counts against its minimums, live: what a coordinator watches.</summary>
/// <param name="Responses">Responses per instrument that count (exclusions left out).</param>
/// <param name="Excluded">Excluded responses per instrument.</param>
public sealed record RoundProgress(
    AssessmentRound Round,
    IReadOnlyList<MinimumSample> Minimums,
    IReadOnlyDictionary<Instrument, int> Responses,
    IReadOnlyDictionary<Instrument, int> Excluded,
    IReadOnlyList<SurveyLink> Links)
{
    public int ResponsesOf(Instrument instrument) => Responses.GetValueOrDefault(instrument);

    /// <summary>The instruments whose minimum is known and not reached.</summary>
    public IEnumerable<MinimumSample> BelowMinimum => Minimums.Where(m => m.Minimum is { } min && ResponsesOf(m.Instrument) < min);
}

/// <summary>A round scored from its raw answers (a preview while open, the result at close).</summary>
/// <param name="Card">The engine's card; breakdowns of an instrument below <see cref="SurveyPrivacy.MinimumResponses"/> responses removed.</param>
/// <param name="Compiled">True when the answers were counted through the year's compiled <see cref="ScoringPlan"/>.</param>
public sealed record RoundScore(ScoreCard Card, bool Compiled, IReadOnlyDictionary<Instrument, int> Responses, string InputJson);

/// <summary>
/// Assessment rounds (issue 12): registration, minimum samples, opening (the questionnaire version, the links, the
/// dates), live counts, preview, exclusions, closing (the scored result becomes the agency's result of the year, marked
/// as collected). The pages and the API both call it; it saves what it changes with its audit row in one SaveChanges.
/// </summary>
public static class SurveyRounds
{
    /// <summary>The most people a registration may state.</summary>
    public const int MaxPeople = 10_000_000;

    /// <summary>Whether a response to an instrument needs a verified phone's ticket: EIT part 1, and EIT up to FY2565.</summary>
    public static bool NeedsTicket(Instrument instrument) => instrument is Instrument.Eit1 or Instrument.Eit;

    /// <summary>Whether respondents answer an instrument through a public link (all but EIT part 2, which the assessor enters).</summary>
    public static bool IsPublic(Instrument instrument) => instrument is Instrument.Iit or Instrument.Eit or Instrument.Eit1;

    public static Task<AssessmentRound?> FindAsync(OpenItaDb db, int agencyId, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AssessmentRounds.SingleOrDefaultAsync(r => r.AgencyId == agencyId && r.FiscalYear == fiscalYear, cancellationToken);
    }

    /// <summary>The minimum samples of a round by its year's rule and its registration.</summary>
    public static IReadOnlyList<MinimumSample> Minimums(FrameworkCatalog catalog, AssessmentRound round)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(round);
        return MinimumSamples.Compute(catalog.Get(new FiscalYear(round.FiscalYear)), round.InternalStakeholders, round.ExternalStakeholders);
    }

    /// <summary>
    /// Registers (or corrects) a round: the numbers of people and, optionally, the agency's own dates. Allowed until the
    /// round closes. A stale <paramref name="expectedVersion"/> is a 409. Saves with an audit row.
    /// </summary>
    public static async Task<AssessmentRound> RegisterAsync(
        OpenItaDb db, FrameworkCatalog catalog, Agency agency, int fiscalYear, int? internalStakeholders, int? externalStakeholders,
        DateOnly? opensOn, DateOnly? closesOn, int? expectedVersion, Actor actor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(clock);
        if (catalog.Find(new FiscalYear(fiscalYear)) is null)
        {
            throw new SurveyException("fiscalYear", NoFramework(fiscalYear), 404);
        }
        People("internalStakeholders", internalStakeholders);
        People("externalStakeholders", externalStakeholders);
        if (opensOn is { } o && closesOn is { } c && c < o)
        {
            throw new SurveyException("closesOn", Message.Of("survey.dates", "วันปิดต้องไม่ก่อนวันเปิด", "the closing date is before the opening date"));
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var round = await FindAsync(db, agency.Id, fiscalYear, cancellationToken);
        if (round is null)
        {
            round = new AssessmentRound { AgencyId = agency.Id, FiscalYear = fiscalYear, CreatedAtUnixMs = now, CreatedBy = actor.Name };
            db.AssessmentRounds.Add(round);
        }
        else
        {
            Stale(round, expectedVersion);
            if (round.Status == AssessmentStatus.Closed)
            {
                throw Closed();
            }
        }
        round.InternalStakeholders = internalStakeholders;
        round.ExternalStakeholders = externalStakeholders;
        round.OpensOn = opensOn ?? round.OpensOn;
        round.ClosesOn = closesOn ?? round.ClosesOn;
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.Name;
        await SaveAsync(db, round, "registered", actor, now, string.Create(CultureInfo.InvariantCulture,
            $"internal {internalStakeholders?.ToString(CultureInfo.InvariantCulture) ?? "–"}, external {externalStakeholders?.ToString(CultureInfo.InvariantCulture) ?? "–"}"), cancellationToken);
        return round;
    }

    /// <summary>
    /// Opens a registered round: binds the year's newest questionnaire version (version 1 from the framework file when
    /// there is none and the file lists every question with its answers), makes the public links, takes the dates of
    /// the agency's group or year where the round has none. Opening an open round changes nothing.
    /// </summary>
    public static async Task<AssessmentRound> OpenAsync(
        OpenItaDb db, FrameworkCatalog catalog, Agency agency, int fiscalYear, int? expectedVersion, Actor actor, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(clock);
        var round = await FindAsync(db, agency.Id, fiscalYear, cancellationToken) ?? throw NotRegistered(fiscalYear);
        Stale(round, expectedVersion);
        if (round.Status == AssessmentStatus.Open)
        {
            return round;
        }
        if (round.Status == AssessmentStatus.Closed)
        {
            throw Closed();
        }
        if (round.InternalStakeholders is null || round.ExternalStakeholders is null)
        {
            throw new SurveyException(round.InternalStakeholders is null ? "internalStakeholders" : "externalStakeholders",
                Message.Of("survey.register-first", "ลงทะเบียนจำนวนผู้มีส่วนได้ส่วนเสียภายในและภายนอกก่อนเปิดการประเมิน",
                    "register the numbers of internal and external stakeholders before opening"), 409);
        }
        var (version, whyNot) = await Questionnaires.ForOpeningAsync(db, catalog, fiscalYear, actor.Name, clock, cancellationToken);
        if (version is null)
        {
            throw new SurveyException("questionnaire", Message.Of("survey.no-questionnaire",
                "ปีงบประมาณ พ.ศ. {year} ยังไม่มีแบบสอบถามที่ใช้ได้ ผู้ดูแลระบบต้องกำหนดแบบสอบถามก่อน ({why})",
                "FY{year} has no usable questionnaire yet; an administrator must define it first ({why})", ("year", fiscalYear), ("why", whyNot)), 409);
        }
        var questionnaire = Questionnaires.Read(catalog, version);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (round.OpensOn is null || round.ClosesOn is null)
        {
            var window = await WindowAsync(db, agency, fiscalYear, cancellationToken);
            round.OpensOn ??= window?.OpensOn;
            round.ClosesOn ??= window?.ClosesOn;
        }
        round.QuestionnaireId = version.Id;
        round.Status = AssessmentStatus.Open;
        round.OpenedAtUnixMs = now;
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.Name;
        var existing = await db.SurveyLinks.Where(l => l.RoundId == round.Id && l.RevokedAtUnixMs == null)
            .Select(l => l.Instrument).ToListAsync(cancellationToken);
        foreach (var instrument in questionnaire.Instruments.Where(i => IsPublic(i) && !existing.Contains(i)))
        {
            db.SurveyLinks.Add(new SurveyLink { Token = SurveyLinks.NewToken(), RoundId = round.Id, Instrument = instrument, CreatedAtUnixMs = now });
        }
        await SaveAsync(db, round, "opened", actor, now, string.Create(CultureInfo.InvariantCulture,
            $"questionnaire FY{fiscalYear} v{version.Number}"), cancellationToken);
        return round;
    }

    /// <summary>Replaces an instrument's public link (a leaked link answers 404 from now on; its responses stay).</summary>
    public static async Task<SurveyLink> ReplaceLinkAsync(OpenItaDb db, AssessmentRound round, Instrument instrument, Actor actor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(clock);
        if (!IsPublic(instrument))
        {
            throw new SurveyException("instrument", Message.Of("survey.not-public", "{code} ไม่มีลิงก์สาธารณะ", "{code} has no public link", ("code", instrument.Code())));
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var old in await db.SurveyLinks.Where(l => l.RoundId == round.Id && l.Instrument == instrument && l.RevokedAtUnixMs == null).ToListAsync(cancellationToken))
        {
            old.RevokedAtUnixMs = now;
        }
        var link = new SurveyLink { Token = SurveyLinks.NewToken(), RoundId = round.Id, Instrument = instrument, CreatedAtUnixMs = now };
        db.SurveyLinks.Add(link);
        db.SurveyEvents.Add(Event(round, "link-replaced", actor, now, instrument.Code()));
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    /// <summary>The round's links that answer (one per public instrument).</summary>
    public static Task<List<SurveyLink>> LinksAsync(OpenItaDb db, int roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SurveyLinks.AsNoTracking().Where(l => l.RoundId == roundId && l.RevokedAtUnixMs == null).ToListAsync(cancellationToken);
    }

    /// <summary>Counts per instrument (exclusions apart) against the minimums, with the links.</summary>
    public static async Task<RoundProgress> ProgressAsync(OpenItaDb db, FrameworkCatalog catalog, AssessmentRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        var counts = await db.SurveyResponses.AsNoTracking().Where(r => r.RoundId == round.Id)
            .GroupBy(r => new { r.Instrument, Excluded = db.SurveyExclusions.Any(e => e.ResponseKey == r.Key) })
            .Select(g => new { g.Key.Instrument, g.Key.Excluded, Count = g.Count() }).ToListAsync(cancellationToken);
        var responses = counts.Where(c => !c.Excluded).ToDictionary(c => c.Instrument, c => c.Count);
        var excluded = counts.Where(c => c.Excluded).ToDictionary(c => c.Instrument, c => c.Count);
        return new RoundProgress(round, Minimums(catalog, round), responses, excluded, await LinksAsync(db, round.Id, cancellationToken));
    }

    /// <summary>
    /// The agencies of a group (by <see cref="Agency.Path"/>) whose open round of the year is below a minimum: what
    /// oversight watches. Counted in SQL, one query for the counts.
    /// </summary>
    public static async Task<IReadOnlyList<RoundProgress>> BelowMinimumAsync(OpenItaDb db, FrameworkCatalog catalog, string groupPath, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (low, high) = AgencyPaths.Range(groupPath);
        var rounds = await db.AssessmentRounds.AsNoTracking().Include(r => r.Agency)
            .Where(r => r.FiscalYear == fiscalYear && r.Status == AssessmentStatus.Open
                && r.Agency!.Path.CompareTo(low) >= 0 && r.Agency.Path.CompareTo(high) < 0)
            .ToListAsync(cancellationToken);
        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await (
            from r in db.SurveyResponses.AsNoTracking()
            join round in db.AssessmentRounds on r.RoundId equals round.Id
            where round.FiscalYear == fiscalYear && round.Status == AssessmentStatus.Open
                && round.Agency!.Path.CompareTo(low) >= 0 && round.Agency.Path.CompareTo(high) < 0
                && !db.SurveyExclusions.Any(e => e.ResponseKey == r.Key)
            group r by new { r.RoundId, r.Instrument } into g
            select new { g.Key.RoundId, g.Key.Instrument, Count = g.Count() }).ToListAsync(cancellationToken);
        var result = new List<RoundProgress>();
        foreach (var round in rounds.Where(r => ids.Contains(r.Id)))
        {
            var mine = counts.Where(c => c.RoundId == round.Id).ToDictionary(c => c.Instrument, c => c.Count);
            var progress = new RoundProgress(round, Minimums(catalog, round), mine, new Dictionary<Instrument, int>(), []);
            if (progress.BelowMinimum.Any())
            {
                result.Add(progress);
            }
        }
        return result;
    }

    /// <summary>
    /// Scores a round from its raw answers (exclusions left out): the live preview a coordinator sees, and what closing
    /// saves. Below-minimum instruments are not scored, with the reason (the engine's processing conditions); an OIT
    /// result already entered for the year is kept, so that the total is computed when it is known.
    /// </summary>
    public static async Task<RoundScore> PreviewAsync(OpenItaDb db, FrameworkCatalog catalog, AssessmentRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(round);
        if (round.QuestionnaireId is not { } questionnaireId)
        {
            throw new SurveyException("status", Message.Of("survey.not-open", "ยังไม่ได้เปิดการประเมิน", "the round has not been opened"), 409);
        }
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, null, cancellationToken);
        var rows = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.RoundId == round.Id && !db.SurveyExclusions.Any(e => e.ResponseKey == r.Key))
            .Select(r => new { r.Instrument, r.QuestionnaireId, r.Answers }).ToListAsync(cancellationToken);
        var matrices = new Dictionary<Instrument, ResponseMatrix>();
        var counts = new Dictionary<Instrument, int>();
        foreach (var instrument in questionnaire.Instruments)
        {
            var answers = rows.Where(r => r.Instrument == instrument && r.QuestionnaireId == questionnaireId).Select(r => r.Answers).ToList();
            counts[instrument] = answers.Count;
            if (answers.Count > 0)
            {
                matrices[instrument] = questionnaire.Matrix(instrument, answers);
            }
        }
        var kept = await KeptOitAsync(db, catalog, round, cancellationToken);
        var input = new ScoreInput
        {
            Year = questionnaire.Framework.Year,
            Responses = matrices,
            OitItems = kept?.OitItems ?? new Dictionary<string, decimal>(),
            SubIndicators = kept?.SubIndicators ?? new Dictionary<string, decimal>(),
            Indicators = kept?.Indicators.Where(i => OitIndicator(catalog, round, i.Key)).ToDictionary() ?? [],
            Instruments = kept?.Instruments.Where(i => i.Key == Instrument.Oit).ToDictionary() ?? [],
            Participation = new Participation
            {
                InternalStakeholders = round.InternalStakeholders,
                ExternalStakeholders = round.ExternalStakeholders,
                Respondents = counts.Where(c => c.Value == 0).ToDictionary(),
                OitAnswered = kept?.Participation?.OitAnswered,
            },
        };
        var card = ScoringPlan.Card(questionnaire.Framework, input, out var compiled);
        card = Private(card, counts);
        return new RoundScore(card, compiled, counts, CollectedInput(catalog, round, card, counts, kept));
    }

    /// <summary>
    /// Closes an open round: scores it and makes the score the agency's result of the year, marked as collected
    /// (<see cref="AgencyResult.CollectedRoundId"/>), with its audit row, in one SaveChanges.
    /// </summary>
    public static async Task<(AssessmentRound Round, RoundScore Score, AgencyResult Result)> CloseAsync(
        OpenItaDb db, FrameworkCatalog catalog, Agency agency, int fiscalYear, int? expectedVersion, Actor actor, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(clock);
        var round = await FindAsync(db, agency.Id, fiscalYear, cancellationToken) ?? throw NotRegistered(fiscalYear);
        Stale(round, expectedVersion);
        if (round.Status != AssessmentStatus.Open)
        {
            throw round.Status == AssessmentStatus.Closed ? Closed()
                : new SurveyException("status", Message.Of("survey.not-open", "ยังไม่ได้เปิดการประเมิน", "the round has not been opened"), 409);
        }
        var score = await PreviewAsync(db, catalog, round, cancellationToken);
        var (_, card, _) = ResultStore.Score(score.InputJson, catalog);
        var result = await ResultStore.StageAsync(db, agency, fiscalYear, score.InputJson, card, actor.Name, clock, cancellationToken);
        result.CollectedRoundId = round.Id;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        round.Status = AssessmentStatus.Closed;
        round.ClosedAtUnixMs = now;
        round.ClosedBy = actor.Name;
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.Name;
        var counts = string.Join(", ", score.Responses.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key.Code()} {c.Value}")));
        await SaveAsync(db, round, "closed", actor, now, counts, cancellationToken);
        return (round, score, result);
    }

    /// <summary>
    /// Excludes a response from scoring with a reason: a row of its own and an audit row; the response is never changed.
    /// Not after close (the result was made from it).
    /// </summary>
    public static async Task<SurveyExclusion> ExcludeAsync(
        OpenItaDb db, AssessmentRound round, Guid responseKey, string? reason, Actor actor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(clock);
        if (round.Status == AssessmentStatus.Closed)
        {
            throw Closed();
        }
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new SurveyException("reason", Message.Of("survey.reason-required", "ต้องระบุเหตุผลของการตัดคำตอบออก", "an exclusion needs a reason"));
        }
        if (UserText.Check(text, UserText.NoteMax) is { } problem)
        {
            throw new SurveyException("reason", Message.Of("survey.reason-text", problem.Th, problem.En));
        }
        var instrument = await db.SurveyResponses.AsNoTracking().Where(r => r.Key == responseKey && r.RoundId == round.Id)
            .Select(r => (Instrument?)r.Instrument).SingleOrDefaultAsync(cancellationToken)
            ?? throw new SurveyException("response", Message.Of("survey.no-response", "ไม่พบคำตอบนี้ในรอบการประเมินนี้", "no such response in this round"), 404);
        if (await db.SurveyExclusions.AnyAsync(e => e.ResponseKey == responseKey, cancellationToken))
        {
            throw new SurveyException("response", Message.Of("survey.excluded-already", "คำตอบนี้ถูกตัดออกแล้ว", "this response is excluded already"), 409);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var exclusion = new SurveyExclusion { ResponseKey = responseKey, RoundId = round.Id, Reason = text, ByUserId = actor.UserId, ByName = actor.Name, AtUnixMs = now };
        db.SurveyExclusions.Add(exclusion);
        db.SurveyEvents.Add(Event(round, "excluded", actor, now, $"{instrument.Code()} {responseKey:N}: {text}"));
        await db.SaveChangesAsync(cancellationToken);
        return exclusion;
    }

    /// <summary>The round's audit trail, newest first.</summary>
    public static Task<List<SurveyEvent>> EventsAsync(OpenItaDb db, int roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SurveyEvents.AsNoTracking().Where(e => e.RoundId == roundId).OrderByDescending(e => e.AtUnixMs).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The dates of a year for an agency: its nearest group's (by path), else the year's for every agency; null when none.</summary>
    public static async Task<SurveyWindow?> WindowAsync(OpenItaDb db, Agency agency, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        var windows = await (
            from w in db.SurveyWindows.AsNoTracking()
            where w.FiscalYear == fiscalYear
            join a in db.Agencies on w.GroupId equals (int?)a.Id into groups
            from g in groups.DefaultIfEmpty()
            select new { Window = w, Path = g == null ? null : g.Path }).ToListAsync(cancellationToken);
        return windows.Where(w => w.Path is null || agency.Path.StartsWith(w.Path, StringComparison.Ordinal))
            .OrderByDescending(w => w.Path?.Length ?? 0).Select(w => w.Window).FirstOrDefault();
    }

    /// <summary>Sets the dates of a year for every agency (<paramref name="groupId"/> null) or for a group. Saves.</summary>
    public static async Task<SurveyWindow> SetWindowAsync(
        OpenItaDb db, int fiscalYear, int? groupId, DateOnly opensOn, DateOnly closesOn, Actor actor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (closesOn < opensOn)
        {
            throw new SurveyException("closesOn", Message.Of("survey.dates", "วันปิดต้องไม่ก่อนวันเปิด", "the closing date is before the opening date"));
        }
        var window = await db.SurveyWindows.SingleOrDefaultAsync(w => w.FiscalYear == fiscalYear && w.GroupId == groupId, cancellationToken);
        if (window is null)
        {
            window = new SurveyWindow { FiscalYear = fiscalYear, GroupId = groupId };
            db.SurveyWindows.Add(window);
        }
        window.OpensOn = opensOn;
        window.ClosesOn = closesOn;
        window.UpdatedAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        window.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return window;
    }

    /// <summary>Makes a user an assessor of a group (or one agency) for a year. Saves; a second time changes nothing.</summary>
    public static async Task AddAssessorAsync(OpenItaDb db, string userId, int agencyId, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.SurveyAssessors.AnyAsync(a => a.UserId == userId && a.AgencyId == agencyId && a.FiscalYear == fiscalYear, cancellationToken))
        {
            db.SurveyAssessors.Add(new SurveyAssessor { UserId = userId, AgencyId = agencyId, FiscalYear = fiscalYear });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The card without breakdowns (questions, indicators) of an instrument below <see cref="SurveyPrivacy.MinimumResponses"/>.</summary>
    private static ScoreCard Private(ScoreCard card, IReadOnlyDictionary<Instrument, int> counts)
    {
        bool Shown(Instrument instrument) => !counts.TryGetValue(instrument, out var n) || SurveyPrivacy.ShowsBreakdown(n);
        return card with
        {
            Questions = card.Questions.Where(q => Shown(q.Instrument)).ToList(),
            Indicators = card.Indicators.Where(i => i.Parts.Count > 0 ? i.Parts.Keys.All(Shown) : Shown(i.Instrument)).ToList(),
        };
    }

    private static bool OitIndicator(FrameworkCatalog catalog, AssessmentRound round, int number) =>
        catalog.Get(new FiscalYear(round.FiscalYear)).FindIndicator(number)?.Instrument == Instrument.Oit;

    /// <summary>What the agency's result of the year already holds of OIT (entered or imported), to be kept at close.</summary>
    private static async Task<ScoreInput?> KeptOitAsync(OpenItaDb db, FrameworkCatalog catalog, AssessmentRound round, CancellationToken cancellationToken)
    {
        var json = await db.Results.AsNoTracking().Where(r => r.AgencyId == round.AgencyId && r.FiscalYear == round.FiscalYear)
            .Select(r => r.InputJson).SingleOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }
        try
        {
            return ScoreInputReader.Read(json, catalog.Find).Input;
        }
        catch (ScoreInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// The collected result in the input contract of <c>openita score</c>, checked against the year's framework file:
    /// the scored instruments, their indicators and the question scores the year knows (breakdowns only from
    /// <see cref="SurveyPrivacy.MinimumResponses"/> responses), the OIT kept, and the participation (registration and
    /// respondents, so that the result says which instrument was not scored and why).
    /// </summary>
    private static string CollectedInput(FrameworkCatalog catalog, AssessmentRound round, ScoreCard card, IReadOnlyDictionary<Instrument, int> counts, ScoreInput? kept)
    {
        var year = catalog.Get(new FiscalYear(round.FiscalYear));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("fiscalYear", round.FiscalYear);
            json.WriteStartObject("instruments");
            foreach (var instrument in card.Instruments.Where(i => i.Scored && i.Score is not null && counts.ContainsKey(i.Instrument)))
            {
                json.WriteNumber(instrument.Instrument.Code(), instrument.Score!.Value);
            }
            if (kept?.Instruments.TryGetValue(Instrument.Oit, out var oit) == true)
            {
                json.WriteNumber("OIT", oit);
            }
            json.WriteEndObject();
            json.WriteStartObject("indicators");
            foreach (var indicator in card.Indicators.Where(i => i.Score is not null && i.Instrument != Instrument.Oit && Scored(card, i)))
            {
                json.WriteNumber(indicator.Number.ToString(CultureInfo.InvariantCulture), indicator.Score!.Value);
            }
            foreach (var (number, value) in kept?.Indicators.Where(i => OitIndicator(catalog, round, i.Key)) ?? [])
            {
                json.WriteNumber(number.ToString(CultureInfo.InvariantCulture), value);
            }
            json.WriteEndObject();
            json.WriteStartObject("questions");
            foreach (var question in card.Questions.Where(q => card.Instrument(q.Instrument) is { Scored: true }))
            {
                if (year.FindQuestion(question.Code) is { } known && known.Instrument == question.Instrument)
                {
                    json.WriteNumber(known.Code, question.Score);
                }
            }
            json.WriteEndObject();
            Scores(json, "subIndicators", kept?.SubIndicators);
            Scores(json, "oitItems", kept?.OitItems);
            json.WriteStartObject("participation");
            if (round.InternalStakeholders is { } i)
            {
                json.WriteNumber("internalStakeholders", i);
            }
            if (round.ExternalStakeholders is { } x)
            {
                json.WriteNumber("externalStakeholders", x);
            }
            if (kept?.Participation?.OitAnswered is { } answered)
            {
                json.WriteBoolean("oitAnswered", answered);
            }
            json.WriteStartObject("respondents");
            foreach (var (instrument, n) in counts)
            {
                json.WriteNumber(instrument.Code(), n);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Whether every instrument scoring an indicator is scored (a combined EIT indicator needs both parts).</summary>
    private static bool Scored(ScoreCard card, IndicatorScore indicator) =>
        indicator.Parts.Count > 0
            ? indicator.Parts.Keys.All(p => card.Instrument(p) is { Scored: true })
            : card.Instrument(indicator.Instrument) is { Scored: true };

    private static void Scores(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, decimal>? scores)
    {
        if (scores is null || scores.Count == 0)
        {
            return;
        }
        json.WriteStartObject(name);
        foreach (var (code, value) in scores)
        {
            json.WriteNumber(code, value);
        }
        json.WriteEndObject();
    }

    private static void People(string field, int? people)
    {
        if (people is < 0 or > MaxPeople)
        {
            throw new SurveyException(field, Message.Of("survey.people", "จำนวนคนต้องอยู่ระหว่าง 0 ถึง {max}", "a number of people from 0 to {max}", ("max", MaxPeople)));
        }
    }

    private static void Stale(AssessmentRound round, int? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != round.Version)
        {
            throw Conflict(round);
        }
    }

    private static SurveyException Conflict(AssessmentRound round) =>
        new("version", Message.Of("survey.stale", "รอบการประเมินนี้ถูกแก้ไขไปแล้วโดย {who} กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
            "someone else ({who}) changed this round; reload and try again", ("who", round.UpdatedBy)), 409);

    private static SurveyException Closed() =>
        new("status", Message.Of("survey.closed", "รอบการประเมินนี้ปิดแล้ว", "this round is closed"), 409);

    private static SurveyException NotRegistered(int fiscalYear) =>
        new("fiscalYear", Message.Of("survey.no-round", "หน่วยงานยังไม่ได้ลงทะเบียนการประเมินปีงบประมาณ พ.ศ. {year}",
            "the agency has not registered for FY{year}", ("year", fiscalYear)), 404);

    private static Message NoFramework(int fiscalYear) =>
        Message.Of("survey.no-framework", "ระบบยังไม่มีเกณฑ์การประเมินของปีงบประมาณ พ.ศ. {year}", "no framework for FY{year}", ("year", fiscalYear));

    private static SurveyEvent Event(AssessmentRound round, string action, Actor actor, long now, string? note) => new()
    {
        RoundId = round.Id,
        AgencyId = round.AgencyId,
        FiscalYear = round.FiscalYear,
        Action = action,
        UserId = actor.UserId,
        UserName = actor.Name,
        Note = note,
        AtUnixMs = now,
    };

    /// <summary>Saves a round with its audit row; a concurrent change is a 409. A new round gets its id first (the event refers to it).</summary>
    private static async Task SaveAsync(OpenItaDb db, AssessmentRound round, string action, Actor actor, long now, string? note, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await db.SaveChangesAsync(cancellationToken);
            db.SurveyEvents.Add(Event(round, action, actor, now, note));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict(round);
        }
        catch (DbUpdateException) when (round.Id == 0 || db.Entry(round).State == EntityState.Added)
        {
            // Two registrations of the same agency and year at once: the unique key refused the second.
            throw new SurveyException("fiscalYear", Message.Of("survey.registered-already", "หน่วยงานลงทะเบียนปีนี้ไปแล้ว", "the agency has registered for this year already"), 409);
        }
    }
}

/// <summary>Who does something, for the audit rows: a user id and a name as people read it.</summary>
public sealed record Actor(string? UserId, string? Name)
{
    public static Actor System { get; } = new(null, "system");
}
