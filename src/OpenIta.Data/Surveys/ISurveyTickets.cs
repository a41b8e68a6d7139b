using OpenIta.Core.Text;

namespace OpenIta.Data.Surveys;

/// <summary>Consumes a verified phone's single-use ticket for an EIT part 1 response, inside the caller's unit of work: adds the rows that make a second response from the same phone for this agency and year impossible (a unique key over a keyed hash of the phone). Saved by the caller's SaveChanges together with the response.</summary>
public interface ISurveyTickets
{
    /// <summary>Throws SurveyTicketException (Code "ticket-invalid" → 400, "phone-already-answered" → 409) when the ticket is unknown, used, expired or of another link, or the phone already answered.</summary>
    Task RedeemAsync(OpenItaDb db, int agencyId, int fiscalYear, string linkToken, string ticket, CancellationToken cancellationToken);
}

/// <summary>Why a ticket was refused: <see cref="Code"/> "ticket-invalid" (400) or "phone-already-answered" (409).</summary>
public sealed class SurveyTicketException(string code, Message message) : Exception(message?.English)
{
    public const string Invalid = "ticket-invalid";
    public const string AlreadyAnswered = "phone-already-answered";

    public string Code { get; } = code;

    public Message Detail { get; } = message ?? throw new ArgumentNullException(nameof(message));
}
