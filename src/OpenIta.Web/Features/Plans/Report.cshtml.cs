using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Plans;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// The report of one plan item or measure in a round (issue 11, items 2 and 4): the unit owner of an owning unit (or
/// the coordinator) writes what was done, the outcome, the status (not done with its reason), money spent,
/// participants and satisfaction, an actual per KPI, and attaches evidence (files kept in the database up to
/// <c>Plans:EvidenceMaxBytes</c>, and links); then saves a draft or sends it to the coordinator. Everyone else who may
/// read the agency reads it; their posts are 403. A stale write is a 409 with what was typed kept.
/// </summary>
[RequestSizeLimit(EvidenceRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceRequestLimit)]
public sealed class ReportModel(OpenItaDb db, PlanStore store, AgencyLookup lookup, CurrentUser user, Lang lang, TimeProvider clock)
    : PlanPagesModel(lookup, user, lang)
{
    /// <summary>The largest request the form takes: the largest evidence file the store keeps by default, and room for the form.</summary>
    public const long EvidenceRequestLimit = 10L * 1024 * 1024 + 256 * 1024;

    public RoundView View { get; private set; } = null!;
    public SubjectLine Line { get; private set; } = null!;
    public IReadOnlyList<Kpi> Kpis { get; private set; } = [];
    public ReportForm Form { get; private set; } = new();
    public List<FormError> Errors { get; } = [];
    public ProgressEntryRow? Row => Line.Subject.Entry;
    public string EvidenceName { get; private set; } = "";
    public string EvidenceUrl { get; private set; } = "";
    public long EvidenceMaxBytes => store.EvidenceMaxBytes;

    /// <summary>Whether the user writes this report now (a closed round, or one sent, is refused by the store with its
    /// reason: a 409): an owner (or the coordinator), the round open, not yet
    /// accepted (unless the coordinator), not waiting for review (unless the coordinator).</summary>
    public bool CanWrite => Line.CanWrite && (Permissions.CanManagePlans(Agency) || Row?.Review is null or ReviewStatus.Draft or ReviewStatus.Returned);

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field) is { } e ? Lang.T(e.Th, e.En) : null;

    public async Task<IActionResult> OnGetAsync(string slug, int round, string? subject, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, round, subject, cancellationToken))
        {
            return NotFound();
        }
        Form = ReportForm.From(Line.Entry, Kpis);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string slug, int round, string? subject, int? version, ReportForm form, CancellationToken cancellationToken) =>
        SaveAsync(slug, round, subject, version, form, submit: false, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(string slug, int round, string? subject, int? version, ReportForm form, CancellationToken cancellationToken) =>
        SaveAsync(slug, round, subject, version, form, submit: true, cancellationToken);

    public async Task<IActionResult> OnPostEvidenceAsync(string slug, int round, string? subject, string? evidenceName, IFormFile? evidenceFile,
        CancellationToken cancellationToken)
    {
        EvidenceName = evidenceName ?? "";
        return await EvidenceAsync(slug, round, subject, async row =>
        {
            if (evidenceFile is null || evidenceFile.Length == 0)
            {
                Invalid("evidenceFile", "กรุณาเลือกไฟล์หลักฐาน", "Choose an evidence file.");
                return false;
            }
            await using var stream = evidenceFile.OpenReadStream();
            var name = string.IsNullOrWhiteSpace(evidenceName) ? Path.GetFileName(evidenceFile.FileName) : evidenceName;
            await store.AddEvidenceFileAsync(Agency, row.Id, name, evidenceFile.FileName, evidenceFile.ContentType, stream, Actor, Permissions, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostLinkAsync(string slug, int round, string? subject, string? evidenceName, string? evidenceUrl,
        CancellationToken cancellationToken)
    {
        EvidenceName = evidenceName ?? "";
        EvidenceUrl = evidenceUrl ?? "";
        return await EvidenceAsync(slug, round, subject, async row =>
        {
            var name = string.IsNullOrWhiteSpace(evidenceName) ? evidenceUrl ?? "" : evidenceName;
            await store.AddEvidenceLinkAsync(Agency, row.Id, name, evidenceUrl ?? "", Actor, Permissions, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveEvidenceAsync(string slug, int round, string? subject, int evidence, CancellationToken cancellationToken) =>
        EvidenceAsync(slug, round, subject, async _ =>
        {
            await store.RemoveEvidenceAsync(Agency, evidence, Actor, Permissions, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<IActionResult> SaveAsync(string slug, int round, string? subject, int? version, ReportForm form, bool submit,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, round, subject, cancellationToken))
        {
            return NotFound();
        }
        Form = form;
        if (!Permissions.CanReportOn(Agency, Line.Subject.Owners))
        {
            return Forbidden();
        }
        return await ActAsync(async () =>
        {
            var entry = form.Read(Line.Subject.ItemNumber, Line.Subject.MeasureNumber, Kpis, Errors);
            if (entry is null)
            {
                Invalid(Errors[0].Field, Errors[0].Th, Errors[0].En);
                return Page();
            }
            await store.SaveEntryAsync(Agency, round, entry, Actor, Permissions, submit, version, cancellationToken);
            return Redirect(submit ? PlanPaths.Round(Agency.Slug, round) : PlanPaths.Report(Agency.Slug, round, Line.Subject.Subject) + "#saved");
        }, () => LoadAsync(slug, round, subject, cancellationToken));
    }

    /// <summary>Evidence belongs to a saved report: without one the user is asked to save a draft first (409).</summary>
    private async Task<IActionResult> EvidenceAsync(string slug, int round, string? subject,
        Func<ProgressEntryRow, Task<bool>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, round, subject, cancellationToken))
        {
            return NotFound();
        }
        Form = ReportForm.From(Line.Entry, Kpis);
        if (!Permissions.CanReportOn(Agency, Line.Subject.Owners))
        {
            return Forbidden();
        }
        if (Row is not { } row)
        {
            Error = Lang.T("กรุณาบันทึกร่างรายงานก่อนแนบหลักฐาน", "Save a draft of the report before adding evidence.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return await ActAsync(async () =>
        {
            if (!await change(row))
            {
                return Page();
            }
            return Redirect(PlanPaths.Report(Agency.Slug, round, Line.Subject.Subject) + "#evidence");
        }, async () =>
        {
            await LoadAsync(slug, round, subject, cancellationToken);
            Form = ReportForm.From(Line.Entry, Kpis);
        });
    }

    private async Task<bool> LoadAsync(string slug, int round, string? subject, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(subject) || !await LoadAgencyAsync(slug, cancellationToken))
        {
            return false;
        }
        var view = await RoundView.LoadAsync(db, store, Agency, Permissions, round, clock, cancellationToken);
        if (view?.Line(subject) is not { } line)
        {
            return false;
        }
        View = view;
        Line = line;
        Kpis = [.. line.Kpis.Select(k => k.Result.Kpi)];
        return true;
    }
}
