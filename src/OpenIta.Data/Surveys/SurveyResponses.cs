using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Surveys;

/// <summary>
/// Responses: taking a respondent's answers through a public link, taking the EIT part 2 answers an assessor collected,
/// and nothing else — a response is never edited or deleted (an exclusion is a row of its own:
/// <see cref="SurveyRounds.ExcludeAsync"/>). What is stored is <see cref="SurveyResponse"/>: no identity, no time.
/// </summary>
public static class SurveyResponses
{
    /// <summary>The most scored items an instrument's questionnaire may have (bytes of <see cref="SurveyResponse.Answers"/>).</summary>
    public const int MaxItems = 500;

    /// <summary>The most responses an assessor enters in one batch.</summary>
    public const int MaxBatch = 500;

    /// <summary>
    /// Takes one response to a public link. The link must be open (else 404, as an unknown one); the answers must fit the
    /// round's questionnaire (a <see cref="SurveyAnswerException"/> names <c>answers.CODE</c>); an EIT part 1 response
    /// redeems its verified phone's ticket through <paramref name="tickets"/> in the same SaveChanges (no tickets
    /// service, or no ticket: a 400 naming <c>ticket</c>). Returns the response's random key.
    /// </summary>
    public static async Task<Guid> SubmitAsync(
        OpenItaDb db, Questionnaire questionnaire, SurveyLinkTarget link, IReadOnlyDictionary<string, string?> answers, string? ticket,
        ISurveyTickets? tickets, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(clock);
        if (!link.IsOpen || link.QuestionnaireId is not { } questionnaireId)
        {
            throw LinkNotFound();
        }
        if (!SurveyRounds.IsPublic(link.Instrument))
        {
            throw LinkNotFound();
        }
        var cells = questionnaire.Encode(link.Instrument, answers);
        if (link.NeedsTicket)
        {
            if (string.IsNullOrWhiteSpace(ticket) || tickets is null)
            {
                throw new SurveyException("ticket", Message.Of("survey.ticket-required",
                    "แบบวัดนี้ต้องยืนยันหมายเลขโทรศัพท์ด้วยรหัส OTP ก่อนส่งคำตอบ", "this survey needs a verified phone's ticket (OTP) before answering"));
            }
            // The ticket's rows (a unique key over a keyed hash of the phone) are added to this unit of work: the response
            // and the phone's mark are saved together or not at all. A race between two instances on the same phone ends in
            // a DbUpdateException of that unique index at SaveChanges: the otp branch's endpoint maps it to 409.
            await tickets.RedeemAsync(db, link.AgencyId, link.FiscalYear, link.Token, ticket, cancellationToken);
        }
        var response = new SurveyResponse
        {
            Key = Guid.NewGuid(),
            RoundId = link.RoundId,
            Instrument = link.Instrument,
            QuestionnaireId = questionnaireId,
            Answers = cells,
            Day = ThaiTime.Today(clock),
        };
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (OtpTickets.Refusal(e) is { } refusal)
        {
            throw refusal; // the same phone's response stored by another instance first, or the ticket redeemed at once
        }
        // The burst signal's hourly count, beside the round: the response itself keeps its day only.
        await Signals.SurveyHourCounts.HitAsync(db, link.RoundId, link.Instrument, clock.GetUtcNow(), cancellationToken);
        return response.Key;
    }

    /// <summary>
    /// Takes a batch of EIT part 2 responses an assessor collected from key stakeholders: every one is checked before any
    /// is stored (an error names <c>responses[i].answers.CODE</c>), then all are saved at once, each recording the
    /// assessor who entered it. The round must be open and its questionnaire must ask EIT part 2.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> EnterAsync(
        OpenItaDb db, FrameworkCatalog catalog, AssessmentRound round, IReadOnlyList<IReadOnlyDictionary<string, string?>> batch,
        string assessorUserId, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(assessorUserId);
        ArgumentNullException.ThrowIfNull(clock);
        if (round.Status != AssessmentStatus.Open || round.QuestionnaireId is not { } questionnaireId)
        {
            throw new SurveyException("status", Message.Of("survey.not-open-for-entry", "รอบการประเมินนี้ไม่ได้เปิดรับคำตอบ", "this round is not open for answers"), 409);
        }
        if (batch.Count is 0 or > MaxBatch)
        {
            throw new SurveyException("responses", Message.Of("survey.batch-size", "ส่งได้ครั้งละ 1 ถึง {max} ชุดคำตอบ", "send 1 to {max} responses at a time", ("max", MaxBatch)));
        }
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, null, cancellationToken);
        if (!questionnaire.Asks(Instrument.Eit2))
        {
            throw new SurveyException("instrument", SurveyErrors.NotAsked(Instrument.Eit2), 409);
        }
        var rows = new List<SurveyResponse>(batch.Count);
        var day = ThaiTime.Today(clock);
        for (var i = 0; i < batch.Count; i++)
        {
            byte[] cells;
            try
            {
                cells = questionnaire.Encode(Instrument.Eit2, batch[i]);
            }
            catch (SurveyAnswerException e)
            {
                throw new SurveyAnswerException($"responses[{i}].{e.Field}", e.Reason);
            }
            rows.Add(new SurveyResponse
            {
                Key = Guid.NewGuid(),
                RoundId = round.Id,
                Instrument = Instrument.Eit2,
                QuestionnaireId = questionnaireId,
                Answers = cells,
                Day = day,
                EnteredBy = assessorUserId,
            });
        }
        db.SurveyResponses.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return rows.Select(r => r.Key).ToList();
    }

    /// <summary>What an unknown, revoked or closed link answers: 404, the same for all three (a link cannot be probed).</summary>
    public static SurveyException LinkNotFound() =>
        new("link", Message.Of("survey.link-not-found", "ไม่พบแบบสอบถามนี้ หรือปิดรับคำตอบแล้ว", "no such survey, or it is closed"), 404);
}
