using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Text;

namespace OpenIta.Data.Surveys;

/// <summary>
/// EIT part 1's tickets, redeemed in the caller's unit of work: the ticket's row is removed and the phone's key for the
/// agency and year added, both saved by the caller's <c>SaveChanges</c> with the response. Two redemptions of one
/// ticket at once: the second's <c>DELETE</c> finds no row and its save fails (a concurrency exception). Two tickets of
/// one phone at once: the second's insert breaks the unique key (<see cref="UniqueViolation"/>). Either way nothing of
/// the second response is stored; <see cref="Refusal"/> turns both into the 409 of a phone that answered.
/// </summary>
public sealed class OtpTickets(TimeProvider clock) : ISurveyTickets
{
    public static readonly Message InvalidTicket = Message.Of("survey.ticket-invalid",
        "การยืนยันหมายเลขโทรศัพท์ไม่ถูกต้องหรือหมดอายุแล้ว กรุณาขอรหัส OTP ใหม่",
        "The phone verification is not valid or has expired: ask for a new OTP code.");

    public static readonly Message PhoneAnswered = Message.Of("survey.phone-already-answered",
        "หมายเลขโทรศัพท์นี้ตอบแบบสอบถามของหน่วยงานนี้ในปีงบประมาณนี้แล้ว (ตอบได้หมายเลขละหนึ่งครั้ง)",
        "This phone number has already answered this agency's survey for this fiscal year (one answer per number).");

    public async Task RedeemAsync(OpenItaDb db, int agencyId, int fiscalYear, string linkToken, string ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 100 || string.IsNullOrEmpty(linkToken))
        {
            throw new SurveyTicketException(SurveyTicketException.Invalid, InvalidTicket);
        }
        var hash = OtpStore.TicketHash(ticket);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var row = await db.OtpTickets.SingleOrDefaultAsync(t => t.Hash == hash && t.LinkToken == linkToken
            && t.AgencyId == agencyId && t.FiscalYear == fiscalYear && t.ExpiresAtUnixMs > nowMs, cancellationToken);
        if (row is null)
        {
            throw new SurveyTicketException(SurveyTicketException.Invalid, InvalidTicket);
        }
        if (await OtpStore.AnsweredAsync(db, agencyId, fiscalYear, row.PhoneKey, cancellationToken))
        {
            throw new SurveyTicketException(SurveyTicketException.AlreadyAnswered, PhoneAnswered);
        }
        db.OtpTickets.Remove(row);
        db.SurveyPhoneKeys.Add(new SurveyPhoneKey { AgencyId = agencyId, FiscalYear = fiscalYear, PhoneKey = row.PhoneKey });
    }

    /// <summary>
    /// The refusal a failed save means when it came from a redemption: the phone's key already there (another instance
    /// stored the same phone's response first) or the ticket already gone (redeemed at the same moment). Null for any
    /// other failure.
    /// </summary>
    public static SurveyTicketException? Refusal(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException concurrency && concurrency.Entries.Any(e => e.Entity is OtpTicket)
            ? new SurveyTicketException(SurveyTicketException.Invalid, InvalidTicket)
            : UniqueViolation.Is(exception) && exception.Entries.Any(e => e.Entity is SurveyPhoneKey)
                ? new SurveyTicketException(SurveyTicketException.AlreadyAnswered, PhoneAnswered)
                : null;
}
