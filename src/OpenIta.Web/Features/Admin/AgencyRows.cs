using System.Globalization;
using System.Text.RegularExpressions;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Web.Features.Import;

namespace OpenIta.Web.Features.Admin;

/// <summary>One agency of an agencies file, read and checked on its own.</summary>
public sealed record AgencyRow(
    int Row,
    string Slug,
    string NameTh,
    string? NameEn,
    string? Abbreviation,
    AgencyKind Kind,
    AgencySize? Size,
    string? Province,
    string? ParentSlug);

/// <summary>The agencies of a file, the columns it has (a column left out leaves that field as it is), and every error.</summary>
public sealed record AgencyRowsRead(
    IReadOnlyList<AgencyRow> Rows,
    IReadOnlyDictionary<string, int> Columns,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount);

/// <summary>
/// Reads an agencies file (<c>slug, name_th, name_en, abbreviation, kind, size, province, parent_slug</c>). Pure: the
/// checks that need the database (does the parent exist, would the file make a cycle) are the importer's.
/// </summary>
public static partial class AgencyRows
{
    public const string Slug = "slug";
    public const string NameTh = "name_th";
    public const string NameEn = "name_en";
    public const string Abbreviation = "abbreviation";
    public const string Kind = "kind";
    public const string Size = "size";
    public const string Province = "province";
    public const string ParentSlug = "parent_slug";

    public static IReadOnlyList<string> AllColumns { get; } = [Slug, NameTh, NameEn, Abbreviation, Kind, Size, Province, ParentSlug];

    /// <summary>Each kind with its Thai name and the other Thai names people use for it; a file may give any of them or the English code.</summary>
    public static IReadOnlyList<(AgencyKind Kind, string Thai, string[] Aliases)> Kinds { get; } =
    [
        (AgencyKind.Ministry, "กระทรวง", []),
        (AgencyKind.Department, "ส่วนราชการระดับกรม", ["กรม"]),
        (AgencyKind.PublicOrganization, "องค์การมหาชน", []),
        (AgencyKind.StateEnterprise, "รัฐวิสาหกิจ", []),
        (AgencyKind.IndependentOrgan, "องค์กรอิสระ", []),
        (AgencyKind.University, "สถาบันอุดมศึกษา", ["มหาวิทยาลัย"]),
        (AgencyKind.Province, "จังหวัด", []),
        (AgencyKind.ProvincialOffice, "ส่วนราชการในจังหวัด", []),
        (AgencyKind.Municipality, "เทศบาล", []),
        (AgencyKind.SubdistrictAdministration, "องค์การบริหารส่วนตำบล", ["อบต.", "อบต"]),
        (AgencyKind.Other, "อื่น ๆ", ["อื่นๆ"]),
    ];

    public static IReadOnlyList<(AgencySize Size, string Thai)> Sizes { get; } =
        [(AgencySize.Small, "เล็ก"), (AgencySize.Medium, "กลาง"), (AgencySize.Large, "ใหญ่")];

    /// <summary>The allowed kinds as a message lists them: "Ministry (กระทรวง), Department (กรม), …".</summary>
    public static string AllowedKinds => string.Join(", ", Kinds.Select(k => $"{k.Kind} ({k.Thai})"));

    private static string AllowedSizes => string.Join(", ", Sizes.Select(s => $"{s.Size} ({s.Thai})"));

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$")]
    private static partial Regex SlugPattern();

    public static bool IsSlug(string text) => SlugPattern().IsMatch(text);

    public static AgencyRowsRead Read(SheetTable sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var errors = new List<ImportError>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var name = sheet.Header[i].ToLowerInvariant();
            if (name.Length == 0)
            {
                if (sheet.Rows.Any(r => Cells.Trim(r.Cell(i)).Length > 0))
                {
                    errors.Add(ImportError.At(sheet.HeaderRow, "–", i, "คอลัมน์นี้มีข้อมูลแต่ไม่มีชื่อหัวคอลัมน์", "this column has values but no name in the header"));
                }
            }
            else if (!AllColumns.Contains(name))
            {
                errors.Add(ImportError.At(sheet.HeaderRow, sheet.Header[i], i,
                    $"ไม่รู้จักคอลัมน์ '{Cells.Shown(sheet.Header[i])}' คอลัมน์ที่ใช้ได้คือ {string.Join(", ", AllColumns)}",
                    $"unknown column '{Cells.Shown(sheet.Header[i])}': the columns are {string.Join(", ", AllColumns)}"));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(ImportError.At(sheet.HeaderRow, name, i,
                    $"คอลัมน์ {name} ซ้ำกับคอลัมน์ {Sheets.ColumnLetter(columns[name])}",
                    $"the column {name} is also column {Sheets.ColumnLetter(columns[name])}"));
            }
        }
        foreach (var required in new[] { Slug, NameTh })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new ImportError(sheet.HeaderRow, required, null,
                    $"ไม่มีคอลัมน์ {required} ในแถวหัวตาราง (แถวแรก)", $"the header (the first row) has no column {required}"));
            }
        }
        if (errors.Count > 0)
        {
            return new AgencyRowsRead([], columns, errors, errors.Count);
        }

        var rows = new List<AgencyRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows.Where(r => !r.IsBlank))
        {
            var before = errors.Count;
            string? Text(string column, int maxLength)
            {
                if (!columns.TryGetValue(column, out var index))
                {
                    return null;
                }
                var value = Cells.Trim(row.Cell(index));
                if (UserText.Check(value, maxLength) is { } bad)
                {
                    errors.Add(ImportError.At(row.Number, column, index, bad.Th, bad.En));
                    return null;
                }
                return value.Length == 0 ? null : value;
            }

            var slug = Text(Slug, 100);
            if (slug is null)
            {
                errors.Add(ImportError.At(row.Number, Slug, columns[Slug], "ไม่ได้ระบุรหัสหน่วยงาน (slug)", "the slug is missing"));
            }
            else if (!IsSlug(slug))
            {
                errors.Add(ImportError.At(row.Number, Slug, columns[Slug],
                    $"รหัส '{Cells.Shown(slug)}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ - . _ เช่น spm หรือ sao-ban-khok",
                    $"the slug '{Cells.Shown(slug)}' may hold only lower-case letters, digits and - . _ (such as spm or sao-ban-khok)"));
            }
            else if (seen.TryGetValue(slug, out var first))
            {
                errors.Add(ImportError.At(row.Number, Slug, columns[Slug],
                    string.Create(CultureInfo.InvariantCulture, $"รหัส {slug} ซ้ำกับแถว {first}"),
                    string.Create(CultureInfo.InvariantCulture, $"the slug {slug} is also in row {first}")));
            }
            else
            {
                seen[slug] = row.Number;
            }
            var nameTh = Text(NameTh, UserText.NameMax);
            if (nameTh is null)
            {
                errors.Add(ImportError.At(row.Number, NameTh, columns[NameTh], "ไม่ได้ระบุชื่อหน่วยงานภาษาไทย", "the Thai name is missing"));
            }
            var kind = KindOf(Text(Kind, 40), row.Number, columns, errors);
            var size = SizeOf(Text(Size, 20), row.Number, columns, errors);
            var parent = Text(ParentSlug, 100);
            if (errors.Count == before)
            {
                rows.Add(new AgencyRow(row.Number, slug!, nameTh!, Text(NameEn, UserText.NameMax), Text(Abbreviation, UserText.ShortMax), kind, size, Text(Province, UserText.ShortMax), parent));
            }
        }
        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(ImportError.File("ไฟล์ไม่มีหน่วยงานให้นำเข้า", "The file has no agencies to import."));
        }
        return new AgencyRowsRead(errors.Count > 0 ? [] : rows, columns, errors.Take(ResultRows.MaxListedErrors).ToList(), errors.Count);
    }

    private static AgencyKind KindOf(string? text, int row, Dictionary<string, int> columns, List<ImportError> errors)
    {
        if (text is null)
        {
            return AgencyKind.Other;
        }
        var compact = text.Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        foreach (var (k, thai, aliases) in Kinds)
        {
            if (string.Equals(k.ToString(), compact, StringComparison.OrdinalIgnoreCase) || thai == text || aliases.Contains(text))
            {
                return k;
            }
        }
        errors.Add(ImportError.At(row, Kind, columns[Kind],
            $"ไม่รู้จักประเภท '{Cells.Shown(text)}' ประเภทที่ใช้ได้: {AllowedKinds}",
            $"unknown kind '{Cells.Shown(text)}': the kinds are {AllowedKinds}"));
        return AgencyKind.Other;
    }

    private static AgencySize? SizeOf(string? text, int row, Dictionary<string, int> columns, List<ImportError> errors)
    {
        if (text is null)
        {
            return null;
        }
        foreach (var (s, thai) in Sizes)
        {
            if (string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(thai, text, StringComparison.Ordinal))
            {
                return s;
            }
        }
        errors.Add(ImportError.At(row, Size, columns[Size],
            $"ไม่รู้จักขนาด '{Cells.Shown(text)}' ขนาดที่ใช้ได้: {AllowedSizes}",
            $"unknown size '{Cells.Shown(text)}': the sizes are {AllowedSizes}"));
        return null;
    }
}
