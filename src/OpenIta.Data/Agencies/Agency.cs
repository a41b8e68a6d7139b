namespace OpenIta.Data.Agencies;

/// <summary>
/// A public agency assessed by ITA, or a group of agencies (a ministry, a province) that others roll up to.
/// <see cref="Path"/> holds the ids from the root down ("/3/17/"), so that a group's agencies are one LIKE away on
/// both database engines.
/// </summary>
public sealed class Agency
{
    public int Id { get; set; }

    /// <summary>Stable, URL-safe name (spm, tceb, opdc).</summary>
    public required string Slug { get; set; }

    public required string NameTh { get; set; }
    public string? NameEn { get; set; }

    /// <summary>The Thai abbreviation as agencies write it (สลน., สสปน.).</summary>
    public string? Abbreviation { get; set; }

    public AgencyKind Kind { get; set; }
    public AgencySize? Size { get; set; }
    public string? Province { get; set; }

    public int? ParentId { get; set; }
    public Agency? Parent { get; set; }

    /// <summary>"/" + the ids from the root to this agency + "/".</summary>
    public string Path { get; set; } = "/";

    /// <summary>The agency's registered main website domain (www.opdc.go.th): its OIT links must be on it or below it,
    /// or state an exception (issue 13). None: not registered, links are not checked against a domain.</summary>
    public string? WebsiteDomain { get; set; }

    /// <summary>Generated for the demo; every page that shows it says so.</summary>
    public bool IsSynthetic { get; set; }

    /// <summary>The agency's own target for the total (seed 001: 95.00; seed 004: 93); none: the framework's pass mark.</summary>
    public decimal? AnalysisTarget { get; set; }

    /// <summary>Above this a question is a strength; none: the default 92 (DOMAIN.md §3).</summary>
    public decimal? StrengthAbove { get; set; }

    /// <summary>Below this a question is urgent; none: the default 85.</summary>
    public decimal? UrgentBelow { get; set; }

    /// <summary>The analysis settings of this agency: its own values where it has them, the defaults elsewhere.</summary>
    public Core.Analysis.AnalysisSettings AnalysisSettings() => Core.Analysis.AnalysisSettings.Default with
    {
        Target = AnalysisTarget,
        StrengthAbove = StrengthAbove ?? Core.Analysis.AnalysisSettings.Default.StrengthAbove,
        UrgentBelow = UrgentBelow ?? Core.Analysis.AnalysisSettings.Default.UrgentBelow,
    };
}

/// <summary>The kinds of agency the ITA groups by (research: agency groups publish their own minimum samples).</summary>
public enum AgencyKind
{
    Other,
    Ministry,
    Department,
    PublicOrganization,
    StateEnterprise,
    IndependentOrgan,
    University,
    Province,
    ProvincialOffice,
    Municipality,
    SubdistrictAdministration,
}

public enum AgencySize
{
    Small,
    Medium,
    Large,
}
