using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Data.Users;

namespace OpenIta.Web.Features.Import;

/// <summary>One result an import saved.</summary>
/// <param name="Replaced">True when the agency already had a result for the year, which the import replaced.</param>
public sealed record ImportedResult(
    int Row,
    string Agency,
    string AgencyName,
    int FiscalYear,
    decimal? Total,
    string? RatingCode,
    string? RatingTh,
    string? RatingEn,
    bool? Passed,
    IReadOnlyList<Discrepancy> Discrepancies,
    bool Replaced);

/// <summary>What a row of an import would do to the stored results.</summary>
public enum ImportChange
{
    /// <summary>The agency has no result for the year yet.</summary>
    New,

    /// <summary>The agency's result for the year is replaced by a different one.</summary>
    Replaced,

    /// <summary>The stored result is the same input: saving it changes nothing.</summary>
    Unchanged,
}

/// <summary>One row of an import before it is confirmed: what it would add or replace.</summary>
/// <param name="OldTotal">The stored total it would replace (when <see cref="Change"/> is not New).</param>
public sealed record ImportPreviewRow(
    int Row,
    string Agency,
    string AgencyName,
    int FiscalYear,
    ImportChange Change,
    decimal? OldTotal,
    decimal? Total,
    ScoreCard Card);

/// <summary>What an import would do, nothing written yet: every row, or (then nothing can be imported) every error.</summary>
public sealed record ResultImportPreview(
    IReadOnlyList<ImportPreviewRow> Rows,
    IReadOnlyList<int> Skipped,
    ResultImportReport? Refused)
{
    public bool Succeeded => Refused is null;

    public int Count(ImportChange change) => Rows.Count(r => r.Change == change);
}

/// <summary>What an import did: every result saved, or (and then nothing was saved) every error.</summary>
public sealed record ResultImportReport(
    IReadOnlyList<ImportedResult> Imported,
    IReadOnlyList<int> Skipped,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount)
{
    public bool Succeeded => ErrorCount == 0;

    public static ResultImportReport Failed(ImportError error) => new([], [], [error], 1);
}

/// <summary>
/// Imports a results file: every row is checked (columns, cells, agencies, permissions, scoring) before anything is
/// saved; then every row, scored once by <see cref="ResultRows"/>, is saved by <see cref="ResultBatch"/> in one transaction
/// and a fixed number of statements, so that a file is imported whole or not at all. A row replaces the agency's result for its year, so importing the same file
/// again leaves the same results.
/// </summary>
public static partial class ResultImporter
{
    /// <summary>
    /// Checks a file and says what importing it would do (per agency and year: new, replaced with the old total, or
    /// unchanged), writing nothing.
    /// </summary>
    public static async Task<ResultImportPreview> PreviewAsync(
        OpenItaDb db, Permissions permissions, FrameworkCatalog catalog, SheetTable sheet, CancellationToken cancellationToken = default)
    {
        var (read, agencies, refused) = await CheckAsync(db, permissions, catalog, sheet, cancellationToken);
        if (refused is not null)
        {
            return new ResultImportPreview([], read.Skipped, refused);
        }
        var ids = agencies.Values.Select(a => a.Id).Distinct().ToList();
        var years = read.Rows.Select(r => r.FiscalYear).Distinct().ToList();
        // One JSON/array parameter each, whatever the size of the file.
        var stored = (await db.Results.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && years.Contains(r.FiscalYear))
            .Select(r => new { r.AgencyId, r.FiscalYear, r.TotalExact, r.InputJson })
            .ToListAsync(cancellationToken))
            .ToDictionary(r => (r.AgencyId, r.FiscalYear));
        var rows = read.Rows.Select(row =>
        {
            var agency = Find(agencies, row.Agency)!;
            var old = stored.GetValueOrDefault((agency.Id, row.FiscalYear));
            var change = old is null ? ImportChange.New
                : string.Equals(old.InputJson, row.InputJson, StringComparison.Ordinal) ? ImportChange.Unchanged
                : ImportChange.Replaced;
            return new ImportPreviewRow(row.Row, agency.Slug, agency.NameTh, row.FiscalYear, change,
                old is null ? null : Api.ResultsApi.ExactTotal(old.TotalExact), row.Card.Total, row.Card);
        }).ToList();
        return new ResultImportPreview(rows, read.Skipped, null);
    }

    public static Task<ResultImportReport> ImportAsync(
        OpenItaDb db, Permissions permissions, string? userName, TimeProvider clock, FrameworkCatalog catalog,
        SheetTable sheet, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        ImportAsync(db, permissions, userName, clock, catalog, sheet, claim: null, logger, cancellationToken);

    /// <param name="claim">Called first in the import's transaction; when it answers an error, nothing is saved and the
    /// report is that error (a pending upload confirmed twice or too late).</param>
    public static async Task<ResultImportReport> ImportAsync(
        OpenItaDb db, Permissions permissions, string? userName, TimeProvider clock, FrameworkCatalog catalog,
        SheetTable sheet, Func<CancellationToken, Task<ImportError?>>? claim, ILogger? logger, CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var report = await RunAsync(db, permissions, userName, clock, catalog, sheet, claim, cancellationToken);
        if (logger is not null)
        {
            var agencies = report.Imported.Select(r => r.Agency).Distinct(StringComparer.Ordinal).Count();
            Imported(logger, report.Succeeded ? "imported" : "refused", report.Imported.Count, agencies, report.Skipped.Count,
                report.ErrorCount, (long)Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds);
        }
        return report;
    }

    /// <summary>
    /// Whether the user may import results at all: an administrator, or a coordinator of some agency. Checked before the
    /// upload is read, so that nobody else makes the server read and parse a file.
    /// </summary>
    public static bool MayImport(Permissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return permissions.IsAdministrator || permissions.Grants.Any(g => g.Role == Role.Coordinator);
    }

    /// <summary>The answer to a user who may not import results.</summary>
    public static ImportError NotAllowed { get; } = ImportError.File(
        "ท่านไม่มีสิทธิ์นำเข้าผลคะแนน เฉพาะผู้ประสานงาน (ศปท.) ของหน่วยงานและผู้ดูแลระบบเท่านั้น",
        "You may not import results: only agencies' coordinators and administrators may.");

    /// <summary>One event per import: counts and outcome only (no agency names, no user, no scores).</summary>
    [LoggerMessage(EventId = 7001, EventName = "ResultsImported", Level = LogLevel.Information,
        Message = "Results import {Outcome}: {Rows} rows of {Agencies} agencies, {Skipped} rows skipped, {Errors} errors, {ElapsedMs} ms")]
    private static partial void Imported(ILogger logger, string outcome, int rows, int agencies, int skipped, int errors, long elapsedMs);

    /// <summary>Every check of a file before anything is saved: columns, cells, scoring, agencies, permissions.</summary>
    private static async Task<(ResultRowsRead Read, Dictionary<string, Agency> Agencies, ResultImportReport? Refused)> CheckAsync(
        OpenItaDb db, Permissions permissions, FrameworkCatalog catalog, SheetTable sheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(catalog);
        var read = ResultRows.Read(sheet, catalog);
        var errors = read.Errors.ToList();
        var errorCount = read.ErrorCount;
        var agencies = await AgenciesAsync(db, read.Agencies.Select(a => a.Agency), cancellationToken);
        foreach (var (row, slug) in read.Agencies)
        {
            var agency = Find(agencies, slug);
            if (agency is null || !permissions.CanRead(agency))
            {
                // An agency the user may not read is "unknown" to them, so that slugs cannot be probed.
                errorCount++;
                errors.Add(ImportError.At(row, ResultColumns.Agency, read.AgencyColumn,
                    $"ไม่พบหน่วยงานรหัส '{Cells.Shown(slug)}' (ดูรหัสในแบบฟอร์มที่ดาวน์โหลด)",
                    $"there is no agency '{Cells.Shown(slug)}' (the downloaded template lists the codes)"));
            }
            else if (!permissions.CanEditResults(agency))
            {
                errorCount++;
                errors.Add(ImportError.At(row, ResultColumns.Agency, read.AgencyColumn,
                    $"ท่านไม่มีสิทธิ์นำเข้าผลคะแนนของ {agency.NameTh} ({agency.Slug}) เฉพาะผู้ประสานงาน (ศปท.) ของหน่วยงานและผู้ดูแลระบบเท่านั้น",
                    $"you may not import results of {agency.NameEn ?? agency.NameTh} ({agency.Slug}): only its coordinators and administrators may"));
            }
        }
        if (errorCount > 0)
        {
            var listed = errors.OrderBy(e => e.Row ?? 0).Take(ResultRows.MaxListedErrors).ToList();
            return (read, agencies, new ResultImportReport([], read.Skipped, listed, errorCount));
        }
        return (read, agencies, null);
    }

    private static async Task<ResultImportReport> RunAsync(
        OpenItaDb db, Permissions permissions, string? userName, TimeProvider clock, FrameworkCatalog catalog,
        SheetTable sheet, Func<CancellationToken, Task<ImportError?>>? claim, CancellationToken cancellationToken)
    {
        var (read, agencies, refused) = await CheckAsync(db, permissions, catalog, sheet, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var scored = read.Rows.Select(row => new ScoredResult(Find(agencies, row.Agency)!.Id, row.FiscalYear, row.InputJson, row.Card)).ToList();
        HashSet<(int AgencyId, int FiscalYear)> replaced;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (claim is not null && await claim(cancellationToken) is { } refusal)
            {
                return ResultImportReport.Failed(refusal);
            }
            replaced = await ResultBatch.SaveAsync(db, scored, userName, clock, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            return ResultImportReport.Failed(ImportError.File(
                "บันทึกไม่สำเร็จ อาจมีผู้อื่นนำเข้าผลของหน่วยงานเดียวกันพร้อมกัน ไม่มีข้อมูลใดถูกบันทึก กรุณาลองใหม่",
                "Nothing was saved: someone may have imported results of the same agencies at the same time. Try again."));
        }
        await DatabaseStatistics.RefreshAsync(db, cancellationToken);
        var imported = read.Rows.Select(row =>
        {
            var agency = Find(agencies, row.Agency)!;
            var rating = row.Card.Rating;
            return new ImportedResult(row.Row, agency.Slug, agency.NameTh, row.FiscalYear, row.Card.Total,
                rating?.Code, rating?.NameTh, rating?.NameEn, row.Card.Passed, row.Card.Discrepancies,
                replaced.Contains((agency.Id, row.FiscalYear)));
        }).ToList();
        return new ResultImportReport(imported, read.Skipped, [], 0);
    }

    /// <summary>The agencies a file names, by slug as written and in lower case (slugs are lower case; people type SPM).</summary>
    private static async Task<Dictionary<string, Agency>> AgenciesAsync(OpenItaDb db, IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.SelectMany(s => new[] { s, s.ToLowerInvariant() }).Distinct(StringComparer.Ordinal).ToList();
        var found = wanted.Count == 0 ? [] : await db.Agencies.Where(a => wanted.Contains(a.Slug)).ToListAsync(cancellationToken);
        return found.ToDictionary(a => a.Slug, StringComparer.Ordinal);
    }

    private static Agency? Find(Dictionary<string, Agency> agencies, string slug) =>
        agencies.GetValueOrDefault(slug) ?? agencies.GetValueOrDefault(slug.ToLowerInvariant());
}
