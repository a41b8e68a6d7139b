using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Features.Import;

namespace OpenIta.Web.Features.Admin;

public enum AgencyImportStatus
{
    Created,
    Updated,
    Unchanged,
}

public sealed record ImportedAgency(int Row, string Slug, string NameTh, AgencyImportStatus Status);

public sealed record AgencyImportReport(IReadOnlyList<ImportedAgency> Agencies, IReadOnlyList<ImportError> Errors, int ErrorCount)
{
    public bool Succeeded => ErrorCount == 0;

    public static AgencyImportReport Failed(ImportError error) => new([], [error], 1);
}

/// <summary>
/// Imports agencies: adds new slugs, updates existing ones (a column the file leaves out is left as it is; an empty
/// cell clears the field), sets parents from <c>parent_slug</c> (an agency in the database or in the same file) and
/// rebuilds the hierarchy's paths. Everything is checked first (parents exist, no agency becomes its own ancestor),
/// then saved in one transaction: the whole file or nothing. Importing the same file twice changes nothing the second time.
/// </summary>
public static class AgencyImporter
{
    public static async Task<AgencyImportReport> ImportAsync(OpenItaDb db, SheetTable sheet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = AgencyRows.Read(sheet);
        if (read.ErrorCount > 0)
        {
            return new AgencyImportReport([], read.Errors, read.ErrorCount);
        }
        var existing = await db.Agencies.ToDictionaryAsync(a => a.Slug, StringComparer.Ordinal, cancellationToken);
        var hasParents = read.Columns.TryGetValue(AgencyRows.ParentSlug, out var parentColumn);
        var errors = hasParents ? Parents(read.Rows, existing, parentColumn) : [];
        if (errors.Count > 0)
        {
            return new AgencyImportReport([], errors.Take(ResultRows.MaxListedErrors).ToList(), errors.Count);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = existing.Values.ToDictionary(a => a.Slug, Snapshot, StringComparer.Ordinal);
        var agencies = new List<(AgencyRow Row, Agency Agency)>();
        var added = new List<Agency>();
        foreach (var row in read.Rows)
        {
            if (!existing.TryGetValue(row.Slug, out var agency))
            {
                agency = new Agency { Slug = row.Slug, NameTh = row.NameTh };
                db.Agencies.Add(agency);
                existing[row.Slug] = agency;
                added.Add(agency);
            }
            Apply(row, agency, read.Columns);
            agencies.Add((row, agency));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken); // new agencies get their ids
            var moved = false;
            if (hasParents)
            {
                foreach (var (row, agency) in agencies)
                {
                    var parentId = row.ParentSlug is null ? null : (int?)existing[row.ParentSlug].Id;
                    moved |= !added.Contains(agency) && agency.ParentId != parentId;
                    agency.ParentId = parentId;
                }
            }
            // Only new agencies: their paths alone (L12). An existing agency moved: every path again.
            if (moved)
            {
                await AgencyPaths.RebuildAsync(db, cancellationToken);
            }
            else
            {
                await AgencyPaths.AddAsync(db, added, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return AgencyImportReport.Failed(ImportError.File(
                "บันทึกไม่สำเร็จ อาจมีผู้อื่นแก้ไขหน่วยงานเดียวกันพร้อมกัน ไม่มีข้อมูลใดถูกบันทึก กรุณาลองใหม่",
                "Nothing was saved: someone may have changed the same agencies at the same time. Try again."));
        }
        var imported = agencies.Select(x => new ImportedAgency(x.Row.Row, x.Agency.Slug, x.Agency.NameTh,
            !before.TryGetValue(x.Agency.Slug, out var old) ? AgencyImportStatus.Created
            : old == Snapshot(x.Agency) ? AgencyImportStatus.Unchanged
            : AgencyImportStatus.Updated)).ToList();
        await DatabaseStatistics.RefreshAsync(db, cancellationToken); // thousands of agencies may be new: the group views' plans
        return new AgencyImportReport(imported, [], 0);
    }

    private static void Apply(AgencyRow row, Agency agency, IReadOnlyDictionary<string, int> columns)
    {
        agency.NameTh = row.NameTh;
        if (columns.ContainsKey(AgencyRows.NameEn))
        {
            agency.NameEn = row.NameEn;
        }
        if (columns.ContainsKey(AgencyRows.Abbreviation))
        {
            agency.Abbreviation = row.Abbreviation;
        }
        if (columns.ContainsKey(AgencyRows.Kind))
        {
            agency.Kind = row.Kind;
        }
        if (columns.ContainsKey(AgencyRows.Size))
        {
            agency.Size = row.Size;
        }
        if (columns.ContainsKey(AgencyRows.Province))
        {
            agency.Province = row.Province;
        }
    }

    private sealed record Fields(string NameTh, string? NameEn, string? Abbreviation, AgencyKind Kind, AgencySize? Size, string? Province, int? ParentId);

    private static Fields Snapshot(Agency a) => new(a.NameTh, a.NameEn, a.Abbreviation, a.Kind, a.Size, a.Province, a.ParentId);

    /// <summary>Every parent must be an agency of the database or of the file, and no agency may become its own ancestor.</summary>
    private static List<ImportError> Parents(IReadOnlyList<AgencyRow> rows, Dictionary<string, Agency> existing, int column)
    {
        var errors = new List<ImportError>();
        var slugOf = existing.Values.ToDictionary(a => a.Id, a => a.Slug);
        var parentOf = existing.Values.ToDictionary(a => a.Slug, a => a.ParentId is { } p ? slugOf.GetValueOrDefault(p) : null, StringComparer.Ordinal);
        var inFile = rows.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            parentOf[row.Slug] = row.ParentSlug;
            if (row.ParentSlug is { } parent && !existing.ContainsKey(parent) && !inFile.Contains(parent))
            {
                errors.Add(ImportError.At(row.Row, AgencyRows.ParentSlug, column,
                    $"ไม่พบหน่วยงานแม่รหัส '{Cells.Shown(parent)}' ทั้งในระบบและในไฟล์นี้",
                    $"there is no parent agency '{Cells.Shown(parent)}' in the database or in this file"));
            }
        }
        foreach (var row in rows)
        {
            var chain = new List<string> { row.Slug };
            for (var current = parentOf.GetValueOrDefault(row.Slug); current is not null && chain.Count <= parentOf.Count; current = parentOf.GetValueOrDefault(current))
            {
                chain.Add(current);
                if (current == row.Slug)
                {
                    var cycle = string.Join(" → ", chain);
                    errors.Add(ImportError.At(row.Row, AgencyRows.ParentSlug, column,
                        $"หน่วยงานแม่วนกลับมาที่ตัวเอง ({cycle})", $"the parents make a cycle ({cycle})"));
                    break;
                }
            }
        }
        return errors.OrderBy(e => e.Row).ToList();
    }
}
