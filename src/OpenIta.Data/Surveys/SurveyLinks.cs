using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Surveys;

/// <summary>What a public survey link leads to: a round's instrument, and whether it answers now.</summary>
public sealed record SurveyLinkTarget(
    string Token,
    int RoundId,
    int AgencyId,
    string AgencySlug,
    string AgencyName,
    int FiscalYear,
    Instrument Instrument,
    AssessmentStatus Status,
    int? QuestionnaireId,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    bool IsOpen,
    string? QuestionnaireSha256 = null)
{
    /// <summary>Whether a response to this link needs a verified phone's ticket (EIT part 1; EIT up to FY2565).</summary>
    public bool NeedsTicket => SurveyRounds.NeedsTicket(Instrument);
}

/// <summary>
/// The public links of rounds: made from 144 random bits (URL-safe base64, 24 characters), and resolved to the round,
/// agency, year and instrument they lead to. The one place a link is made and read.
/// </summary>
public static class SurveyLinks
{
    public const int TokenLength = 24;
    private const int TokenBytes = 18;

    /// <summary>A new link token: 144 bits from the operating system's CSPRNG, URL-safe.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Whether <paramref name="token"/> has a link's form (so a malformed one costs no query).</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The round, agency, year and instrument of a link; null when there is no such link or it was revoked. IsOpen: the
    /// round is open and Thailand's date lies within its dates (when it has them).
    /// </summary>
    public static async Task<SurveyLinkTarget?> ResolveAsync(OpenItaDb db, string? token, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (!LooksValid(token))
        {
            return null;
        }
        var found = await db.SurveyLinks.AsNoTracking()
            .Where(l => l.Token == token && l.RevokedAtUnixMs == null)
            .Select(l => new
            {
                l.Token,
                l.RoundId,
                l.Round!.AgencyId,
                l.Round.Agency!.Slug,
                l.Round.Agency.NameTh,
                l.Round.FiscalYear,
                l.Instrument,
                l.Round.Status,
                l.Round.QuestionnaireId,
                l.Round.OpensOn,
                l.Round.ClosesOn,
                Sha256 = l.Round.Questionnaire!.Sha256,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var today = ThaiTime.Today(clock);
        var open = found.Status == AssessmentStatus.Open && found.QuestionnaireId is not null
            && (found.OpensOn is not { } opens || today >= opens)
            && (found.ClosesOn is not { } closes || today <= closes);
        return new SurveyLinkTarget(found.Token, found.RoundId, found.AgencyId, found.Slug, found.NameTh, found.FiscalYear,
            found.Instrument, found.Status, found.QuestionnaireId, found.OpensOn, found.ClosesOn, open, found.Sha256);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
