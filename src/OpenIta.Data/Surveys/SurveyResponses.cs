using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data.Security;
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
    /// Takes one response to a public link, in one transaction (one commit). The link must be open (else 404, as an unknown
    /// one); the answers must fit the round's questionnaire (a <see cref="SurveyAnswerException"/> names <c>answers.CODE</c>)
    /// and an EIT part 1 response needs a ticket (a 400 naming <c>ticket</c>) — both checked before the database is
    /// touched. Then one batch counts the client's hit on <paramref name="limit"/> (a counter in the database, shared by
    /// every instance) and, only within the limit, inserts the response and counts the round's hour; past the limit the
    /// result carries the wait (429) and no response or hour is written. An EIT part 1 response then redeems its verified
    /// phone's ticket through <paramref name="tickets"/> in the same transaction: all of it is committed, or none.
    /// </summary>
    public static async Task<SurveySubmission> SubmitAsync(
        OpenItaDb db, Questionnaire questionnaire, SurveyLinkTarget link, IReadOnlyDictionary<string, string?> answers, string? ticket,
        ISurveyTickets? tickets, CounterLimit? limit, TimeProvider clock, CancellationToken cancellationToken = default)
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
        if (link.NeedsTicket && (string.IsNullOrWhiteSpace(ticket) || tickets is null))
        {
            throw new SurveyException("ticket", Message.Of("survey.ticket-required",
                "แบบวัดนี้ต้องยืนยันหมายเลขโทรศัพท์ด้วยรหัส OTP ก่อนส่งคำตอบ", "this survey needs a verified phone's ticket (OTP) before answering"));
        }
        var now = clock.GetUtcNow();
        var response = new SurveyResponse
        {
            Key = Guid.NewGuid(),
            RoundId = link.RoundId,
            Instrument = link.Instrument,
            QuestionnaireId = questionnaireId,
            Answers = cells,
            Day = ThaiTime.Today(clock),
        };
        if (db is PostgresOpenItaDb && !link.NeedsTicket)
        {
            // PostgreSQL runs the statements of one batch as one implicit transaction (one commit, one round trip): no
            // BEGIN / COMMIT round trips. Past the limit, the conditional insert and hour count write nothing; the
            // counter keeps the refused hit, as every hit on a limit is counted.
            var counted = await WriteAsync(db, response, limit, now, cancellationToken);
            return limit?.RetryAfter(counted!, now) is { } refused
                ? new SurveySubmission(null, refused)
                : new SurveySubmission(response.Key, null);
        }
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false; // the transaction is all or nothing: no savepoint round trips
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var state = await WriteAsync(db, response, limit, now, cancellationToken);
            if (limit?.RetryAfter(state!, now) is { } wait)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new SurveySubmission(null, wait);
            }
            if (link.NeedsTicket)
            {
                // The ticket's rows (a unique key over a keyed hash of the phone) are saved in this transaction: the response
                // and the phone's mark are committed together or not at all. A race between two instances on the same phone
                // ends in a DbUpdateException of that unique index (or of the ticket's delete): mapped to 409 / 400.
                await tickets!.RedeemAsync(db, link.AgencyId, link.FiscalYear, link.Token, ticket!, cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (OtpTickets.Refusal(e) is { } refusal)
                {
                    throw refusal; // the same phone's response stored by another instance first, or the ticket redeemed at once
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return new SurveySubmission(response.Key, null);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// One command, one round trip: the limit's counter hit (its state returned), then — only while the counter is within
    /// the limit — the response's insert and the round's hour count (the burst signal's: the response itself keeps its
    /// day only), in the caller's transaction if there is one.
    /// </summary>
    private static async Task<CounterState?> WriteAsync(OpenItaDb db, SurveyResponse response, CounterLimit? limit, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var condition = limit is null ? null : SecurityCounters.WithinLimitSql;
            var text = new StringBuilder();
            if (limit is not null)
            {
                text.Append(SecurityCounters.HitSql).Append(";\n");
                SecurityCounters.AddHitParameters(command, limit, now);
            }
            text.Append(SurveyResponseInsert.Sql(db, condition)).Append(";\n").Append(Signals.SurveyHourCounts.HitSqlWhere(condition));
            SurveyResponseInsert.AddParameters(db, command, response);
            Signals.SurveyHourCounts.AddHitParameters(command, response.RoundId, response.Instrument, now);
            command.CommandText = text.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            CounterState? state = null;
            if (limit is not null)
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The security counter upsert returned no row.");
                }
                state = SecurityCounters.State(reader);
            }
            while (await reader.NextResultAsync(cancellationToken))
            {
                // Runs (SQLite) and reads (PostgreSQL) the statements after the counter's: their errors surface here.
            }
            return state;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
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

/// <summary>What <see cref="SurveyResponses.SubmitAsync"/> did: stored the response (<see cref="Key"/>), or nothing because the
/// client is past its limit (<see cref="RetryAfter"/>: how long until it may send again).</summary>
public sealed record SurveySubmission(Guid? Key, TimeSpan? RetryAfter);
