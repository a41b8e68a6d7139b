using OpenIta.Core.Methodology;
using OpenIta.Data.Workflow;

namespace OpenIta.Data.Surveys;

/// <summary>Where an assessment round stands: registration (numbers of people, minimum samples) → open (links answer)
/// → closed (scored; the result is the agency's result of the year).</summary>
public enum AssessmentStatus
{
    Registration,
    Open,
    Closed,
}

/// <summary>
/// An agency's assessment round of one fiscal year (DOMAIN.md §1): what it registered (internal stakeholders with at least
/// one year of service, its estimate of external stakeholders), the questionnaire version it opened with, its dates and
/// status. One per agency and year. Responses belong to it; none of them can be traced to a person.
/// </summary>
public sealed class AssessmentRound : IWorkflowRow
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>Buddhist Era fiscal year.</summary>
    public int FiscalYear { get; set; }

    public AssessmentStatus Status { get; set; }

    /// <summary>Staff with at least one year of service (IIT's population); null while not registered.</summary>
    public int? InternalStakeholders { get; set; }

    /// <summary>The agency's estimate of its external stakeholders (EIT part 1's population); null while not registered.</summary>
    public int? ExternalStakeholders { get; set; }

    /// <summary>The agency's own dates, overriding the year's and its group's (<see cref="SurveyWindow"/>); null: theirs.</summary>
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }

    /// <summary>The questionnaire version the round opened with (bound at open, never changed after).</summary>
    public int? QuestionnaireId { get; set; }
    public QuestionnaireVersion? Questionnaire { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public string? CreatedBy { get; set; }
    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }
    public long? OpenedAtUnixMs { get; set; }
    public long? ClosedAtUnixMs { get; set; }
    public string? ClosedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The opening and closing dates of a fiscal year's surveys: for every agency (<see cref="GroupId"/> null) or overridden
/// for a group and every agency below it (a ministry, a province). The nearest group wins; a round's own dates win over all.
/// </summary>
public sealed class SurveyWindow
{
    public int Id { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>The group agency whose agencies these dates are for; null for every agency.</summary>
    public int? GroupId { get; set; }

    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }

    public long UpdatedAtUnixMs { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A public link of a round's instrument (IIT, or EIT part 1 — EIT up to FY2565): an opaque random token, the only thing
/// a respondent holds. A revoked link answers 404 (a leaked link is replaced by a new one; responses stay).
/// </summary>
public sealed class SurveyLink
{
    /// <summary>URL-safe base64 of 18 random bytes (144 bits): 24 characters.</summary>
    public required string Token { get; set; }

    public int RoundId { get; set; }
    public AssessmentRound? Round { get; set; }

    public Instrument Instrument { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public long? RevokedAtUnixMs { get; set; }
}

/// <summary>
/// One version of a fiscal year's questionnaire: its instruments' questions, sub-items, answer options and their scores,
/// as the <c>answerScales</c> and <c>questions</c> of the framework format (frameworks/SCHEMA.md) in <see cref="Definition"/>.
/// A version is never changed once written: a correction is a new version; a round keeps the version it opened with.
/// </summary>
public sealed class QuestionnaireVersion
{
    public int Id { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>1, 2 … within the year.</summary>
    public int Number { get; set; }

    /// <summary>The questionnaire as YAML (<c>fiscalYear</c>, <c>answerScales</c>, <c>questions</c>).</summary>
    public required string Definition { get; set; }

    /// <summary>SHA-256 of <see cref="Definition"/>, hex: an upload equal to the newest version makes none.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Why this version was made (the administrator's note), or where it came from.</summary>
    public string? Note { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// One anonymous response. It holds ONLY what scoring needs: a random key (no order that means anything), the round, the
/// instrument, the questionnaire version, the answers and the day (Thailand's date; no time). No identity, address, user
/// agent, phone or sequence — a test over the EF model (SurveySchemaAuditTests) fails if a column is added.
/// <see cref="EnteredBy"/> is set only on EIT part 2 responses: the assessor who entered them, never a respondent.
/// </summary>
public sealed class SurveyResponse
{
    /// <summary>A random (version 4) GUID: carries neither time nor order.</summary>
    public Guid Key { get; set; }

    public int RoundId { get; set; }
    public Instrument Instrument { get; set; }
    public int QuestionnaireId { get; set; }

    /// <summary>
    /// One byte per scored item (a question without sub-items, or a sub-item) of the instrument, in the questionnaire
    /// version's order: 0 = not answered, else 1 + the index of the answer in the item's scale — a row of a
    /// <see cref="Core.Scoring.ResponseMatrix"/> as it is, so that scoring copies bytes and parses nothing.
    /// </summary>
    public required byte[] Answers { get; set; }

    /// <summary>The day it was given (Thailand's date), for counts per day. Never a time.</summary>
    public DateOnly Day { get; set; }

    /// <summary>EIT part 2 only: the user id of the assessor who entered it. Null on every other instrument.</summary>
    public string? EnteredBy { get; set; }
}

/// <summary>
/// An administrator's exclusion of a response from scoring, with the reason: a row of its own (and an audit row), never
/// an edit or deletion of the response.
/// </summary>
public sealed class SurveyExclusion
{
    public Guid ResponseKey { get; set; }
    public int RoundId { get; set; }
    public required string Reason { get; set; }
    public string? ByUserId { get; set; }
    public string? ByName { get; set; }
    public long AtUnixMs { get; set; }
}

/// <summary>The audit trail of a round: registration, dates, open, close, exclusions, new links.</summary>
public sealed class SurveyEvent
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int AgencyId { get; set; }
    public int FiscalYear { get; set; }

    /// <summary>registered, dates, opened, closed, excluded, link-replaced, assessor-added …</summary>
    public required string Action { get; set; }

    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Note { get; set; }
    public long AtUnixMs { get; set; }
}

/// <summary>
/// An assessor of a group (its agencies and every agency below it) for one fiscal year: reads their rounds and enters
/// EIT part 2 responses (issue 12, item 5).
/// </summary>
public sealed class SurveyAssessor
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public Users.AppUser? User { get; set; }

    /// <summary>The group (or single agency) assessed.</summary>
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    public int FiscalYear { get; set; }
}
