using OpenIta.Core.Text;

namespace OpenIta.Data.Surveys;

/// <summary>
/// A survey request that is refused: <see cref="Field"/> names what is wrong (<c>internalStakeholders</c>,
/// <c>answers.I1.1</c>, <c>ticket</c>), <see cref="Detail"/> says why in Thai and English, <see cref="Status"/> is the
/// HTTP status a client gets (400 a mistake, 404 nothing there, 409 the state does not allow it).
/// </summary>
public sealed class SurveyException(string field, Message detail, int status = 400) : Exception(detail?.English)
{
    public string Field { get; } = field;

    public Message Detail { get; } = detail ?? throw new ArgumentNullException(nameof(detail));

    public int Status { get; } = status;
}
