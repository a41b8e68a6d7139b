namespace OpenIta.Core.Methodology;

/// <summary>How sure a fact of the methodology is. See frameworks/SCHEMA.md.</summary>
public enum SourceStatus
{
    Confirmed,
    VerifiedByData,
    ThirdParty,
    Inferred,
    Unknown,
}

public static class SourceStatusNames
{
    public static string Name(this SourceStatus status) => status switch
    {
        SourceStatus.Confirmed => "confirmed",
        SourceStatus.VerifiedByData => "verified-by-data",
        SourceStatus.ThirdParty => "third-party",
        SourceStatus.Inferred => "inferred",
        SourceStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? name, out SourceStatus status)
    {
        foreach (var candidate in Enum.GetValues<SourceStatus>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = SourceStatus.Unknown;
        return false;
    }

    /// <summary>Facts that a user should be warned about when a result depends on them.</summary>
    public static bool IsDoubtful(this SourceStatus status) =>
        status is SourceStatus.ThirdParty or SourceStatus.Inferred or SourceStatus.Unknown;
}
