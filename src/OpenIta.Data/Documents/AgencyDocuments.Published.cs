using OpenIta.Data.Agencies;
using OpenIta.Data.Publishing;
using OpenIta.Reports;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Documents;

/// <summary>
/// The public copies of the documents (issue 13, item 5): built as the signed-in downloads are, from what the agency
/// published only (<see cref="Publications"/>): null for anything unpublished. The measures' signature block names the
/// approver's position, date and memo number but not the person: a public page carries no one's name.
/// </summary>
public sealed partial class AgencyDocuments
{
    /// <summary>The measures document of a published revision, without the approver's name.</summary>
    public Task<BuiltDocument?> PublishedMeasuresAsync(Agency agency, PublishedRevision published, DigitStyle digits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(published);
        var approval = published.Revision.Approval() is { } a ? a with { Name = "" } : null;
        return MeasuresAsync(agency, published.Revision, digits, approval, cancellationToken);
    }

    /// <summary>The action plan covering <paramref name="year"/> as it was published; null when none is.</summary>
    public async Task<BuiltDocument?> PublishedActionPlanAsync(Agency agency, int year, DigitStyle digits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var published = await new Publications(db, catalog).PlanAsync(agency.Id, year, cancellationToken);
        return published is null
            ? null
            : new BuiltDocument(ActionPlanDocument.Build(published.Plan, Header(agency), new ActionPlanDocumentOptions(digits, ThaiTime.Today(clock))), []);
    }

    /// <summary>The progress report of a published round; null when the round is not published.</summary>
    public async Task<BuiltDocument?> PublishedProgressReportAsync(Agency agency, int year, string period, DigitStyle digits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return await new Publications(db, catalog).RoundAsync(agency.Id, year, period, cancellationToken) is null
            ? null
            : await ProgressReportAsync(agency, year, period, digits, cancellationToken);
    }

    /// <summary>The measures implementation report of a published round, from published measures only; null otherwise.</summary>
    public async Task<BuiltDocument?> PublishedMeasuresReportAsync(Agency agency, int year, string period, DigitStyle digits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return await new Publications(db, catalog).RoundAsync(agency.Id, year, period, cancellationToken) is null
            ? null
            : await MeasuresReportAsync(agency, year, period, digits, publishedOnly: true, cancellationToken);
    }
}
