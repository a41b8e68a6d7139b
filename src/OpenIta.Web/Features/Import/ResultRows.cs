using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data.Results;

namespace OpenIta.Web.Features.Import;

/// <summary>One row of a results file, read and scored: the agency it names and its result as the JSON contract.</summary>
public sealed record ResultRow(int Row, string Agency, int FiscalYear, string InputJson, ScoreCard Card);

/// <summary>The rows of a results file that can be imported, the rows without scores, and every error.</summary>
/// <param name="Agencies">The agency named by every row that has values (row, slug), for the importer to check.</param>
public sealed record ResultRowsRead(
    IReadOnlyList<ResultRow> Rows,
    IReadOnlyList<(int Row, string Agency)> Agencies,
    int AgencyColumn,
    IReadOnlyList<int> Skipped,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount);

/// <summary>
/// Turns the rows of a results file into one result per row in the JSON contract of <c>openita score</c>, or into
/// errors that name the row and column. Pure: it checks the columns, every cell, duplicate rows and what the scoring
/// engine says of each row; whether the agencies exist and the user may change them is the importer's business.
/// </summary>
public static class ResultRows
{
    /// <summary>At most this many errors are listed; the count says how many there were.</summary>
    public const int MaxListedErrors = 500;

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai),
    };

    private static readonly string[] ScoreSections = ["indicators", "subIndicators", "instruments", "questions", "oitItems"];
    private static readonly string[] PublishedSections = ["instruments", "indicators"];

    public static ResultRowsRead Read(SheetTable sheet, FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new Errors();
        var columns = Columns(sheet, errors);
        if (errors.Count > 0)
        {
            return errors.Result([], [], -1, []);
        }
        var agencyColumn = Array.FindIndex(columns, c => c?.Kind == ResultColumnKind.Agency);
        var yearColumn = Array.FindIndex(columns, c => c?.Kind == ResultColumnKind.FiscalYear);
        var rows = new List<ResultRow>();
        var agencies = new List<(int, string)>();
        var skipped = new List<int>();
        var seen = new Dictionary<(string, int), int>();
        foreach (var row in sheet.Rows)
        {
            if (row.IsBlank)
            {
                continue;
            }
            if (!HasValues(row, columns))
            {
                skipped.Add(row.Number);
                continue;
            }
            var before = errors.Count;
            for (var i = columns.Length; i < row.Cells.Count; i++)
            {
                if (Cells.Trim(row.Cells[i]).Length > 0)
                {
                    errors.Add(ImportError.At(row.Number, "–", i,
                        $"มีค่า '{Cells.Shown(row.Cells[i])}' ในคอลัมน์ที่ไม่มีชื่อหัวคอลัมน์",
                        $"the value '{Cells.Shown(row.Cells[i])}' is in a column without a header"));
                }
            }
            var agency = Cells.Trim(row.Cell(agencyColumn));
            if (agency.Length == 0)
            {
                errors.Add(ImportError.At(row.Number, ResultColumns.Agency, agencyColumn,
                    "ไม่ได้ระบุรหัสหน่วยงาน", "the agency is missing"));
            }
            else
            {
                agencies.Add((row.Number, agency));
            }
            var year = Year(row, yearColumn, catalog, errors);
            var scores = new List<(ResultColumn Column, decimal Value)>();
            string? rating = null;
            for (var i = 0; i < columns.Length; i++)
            {
                var column = columns[i];
                if (column?.Kind == ResultColumnKind.PublishedRating && !Cells.IsEmpty(row.Cell(i)))
                {
                    rating = Cells.Trim(row.Cell(i));
                }
                if (column?.Kind != ResultColumnKind.Score)
                {
                    continue;
                }
                var (value, problem) = Cells.Score(row.Cell(i));
                if (problem is not null)
                {
                    errors.Add(ImportError.At(row.Number, sheet.Header[i], i, problem.Thai, problem.English));
                }
                else if (value is { } score)
                {
                    scores.Add((column, score));
                }
            }
            if (agency.Length > 0 && year is { } y)
            {
                var key = (agency.ToLowerInvariant(), y);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(ImportError.At(row.Number, ResultColumns.Agency, agencyColumn,
                        string.Create(CultureInfo.InvariantCulture, $"หน่วยงาน {agency} ปี {y} ซ้ำกับแถว {first} (หนึ่งหน่วยงานต่อหนึ่งปีมีได้แถวเดียว)"),
                        string.Create(CultureInfo.InvariantCulture, $"{agency} for FY{y} is also in row {first} (one row per agency and year)")));
                }
                else
                {
                    seen[key] = row.Number;
                }
            }
            if (errors.Count > before || year is null)
            {
                continue;
            }
            var json = Json(year.Value, scores, rating);
            try
            {
                var (_, card, _) = ResultStore.Score(json, catalog);
                rows.Add(new ResultRow(row.Number, agency, year.Value, json, card));
            }
            catch (ScoreInputException e)
            {
                errors.Add(Scoring(row.Number, e, columns, sheet.Header));
            }
        }
        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(ImportError.File(
                "ไฟล์ไม่มีผลคะแนนให้นำเข้า (ทุกแถวว่าง หรือมีแต่รหัสหน่วยงานและปี)",
                "The file has no results to import: every row is empty or has only the agency and the year."));
        }
        return errors.Result(rows, agencies, agencyColumn, skipped);
    }

    /// <summary>Reads the header: every column must be known, named once; agency and fiscal_year must be there.</summary>
    private static ResultColumn?[] Columns(SheetTable sheet, Errors errors)
    {
        var columns = new ResultColumn?[sheet.Header.Count];
        var fields = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var name = sheet.Header[i];
            if (name.Length == 0)
            {
                if (sheet.Rows.Any(r => Cells.Trim(r.Cell(i)).Length > 0))
                {
                    errors.Add(ImportError.At(sheet.HeaderRow, "–", i,
                        "คอลัมน์นี้มีข้อมูลแต่ไม่มีชื่อหัวคอลัมน์", "this column has values but no name in the header"));
                }
                continue;
            }
            var column = ResultColumns.Parse(name);
            if (column is null)
            {
                errors.Add(ImportError.At(sheet.HeaderRow, name, i,
                    $"ไม่รู้จักคอลัมน์ '{Cells.Shown(name)}' คอลัมน์ที่ใช้ได้คือ agency, fiscal_year, indicator_1 … indicator_10, IIT, EIT, EIT1, EIT2, OIT, total, published_total, published_<เครื่องมือ>, published_indicator_<n>, published_rating, q:<ข้อ>, oit:<ข้อ>, sub:<ตัวชี้วัดย่อย> และ agency_name",
                    $"unknown column '{Cells.Shown(name)}': the columns are agency, fiscal_year, indicator_1 … indicator_10, IIT, EIT, EIT1, EIT2, OIT, total, published_total, published_<instrument>, published_indicator_<n>, published_rating, q:<question>, oit:<item>, sub:<sub-indicator> and agency_name"));
                continue;
            }
            if (fields.TryGetValue(column.Field, out var earlier))
            {
                errors.Add(ImportError.At(sheet.HeaderRow, name, i,
                    $"คอลัมน์ '{name}' ซ้ำกับคอลัมน์ {Sheets.ColumnLetter(earlier)}",
                    $"the column '{name}' is also column {Sheets.ColumnLetter(earlier)}"));
                continue;
            }
            fields[column.Field] = i;
            columns[i] = column;
        }
        foreach (var (required, kind) in new[] { (ResultColumns.Agency, ResultColumnKind.Agency), (ResultColumns.FiscalYear, ResultColumnKind.FiscalYear) })
        {
            if (!columns.Any(c => c?.Kind == kind))
            {
                errors.Add(new ImportError(sheet.HeaderRow, required, null,
                    $"ไม่มีคอลัมน์ {required} ในแถวหัวตาราง (แถวแรก)",
                    $"the header (the first row) has no column {required}"));
            }
        }
        return columns;
    }

    /// <summary>Whether a row has anything to import: a score, a rating, or a value in a column without a header.</summary>
    private static bool HasValues(SheetRow row, ResultColumn?[] columns)
    {
        for (var i = 0; i < Math.Max(columns.Length, row.Cells.Count); i++)
        {
            var imported = i >= columns.Length || columns[i]?.Kind is ResultColumnKind.Score or ResultColumnKind.PublishedRating;
            if (imported && !Cells.IsEmpty(row.Cell(i)))
            {
                return true;
            }
        }
        return false;
    }

    private static int? Year(SheetRow row, int column, FrameworkCatalog catalog, Errors errors)
    {
        var (year, problem) = Cells.WholeNumber(row.Cell(column));
        if (problem is not null)
        {
            errors.Add(ImportError.At(row.Number, ResultColumns.FiscalYear, column, problem.Thai, problem.English));
            return null;
        }
        if (year is null)
        {
            errors.Add(ImportError.At(row.Number, ResultColumns.FiscalYear, column, "ไม่ได้ระบุปีงบประมาณ", "the fiscal year is missing"));
            return null;
        }
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            errors.Add(ImportError.At(row.Number, ResultColumns.FiscalYear, column,
                string.Create(CultureInfo.InvariantCulture, $"{year} ไม่ใช่ปีงบประมาณ พ.ศ. ให้ใส่ปี พ.ศ. เช่น 2567"),
                string.Create(CultureInfo.InvariantCulture, $"{year} is not a fiscal year in the Buddhist Era: write it as 2567, not 2024")));
            return null;
        }
        if (catalog.Find(new FiscalYear(year.Value)) is null)
        {
            var known = string.Join(", ", catalog.All.Select(f => f.Year.BuddhistEra.ToString(CultureInfo.InvariantCulture)));
            errors.Add(ImportError.At(row.Number, ResultColumns.FiscalYear, column,
                string.Create(CultureInfo.InvariantCulture, $"ยังไม่มีเกณฑ์การประเมินของปี {year} (ปีที่มี: {known})"),
                string.Create(CultureInfo.InvariantCulture, $"there is no methodology for FY{year} (the known years: {known})")));
            return null;
        }
        return year;
    }

    /// <summary>An error of the scoring engine, at the column of the field it names when there is one.</summary>
    private static ImportError Scoring(int row, ScoreInputException e, ResultColumn?[] columns, IReadOnlyList<string> header)
    {
        var index = Array.FindIndex(columns, c => c is not null
            && (string.Equals(c.Field, e.Field, StringComparison.OrdinalIgnoreCase)
                || (c.Kind == ResultColumnKind.FiscalYear && e.Field == "fiscalYear")));
        // In its column the reason suffices; on the whole row it names the field as a reader names it.
        var message = index >= 0 ? e.Reason : e.Describe();
        var thai = $"คะแนนขัดแย้งกันหรือใช้ไม่ได้ในปีนี้ ({message.Thai})";
        return index >= 0
            ? ImportError.At(row, header[index], index, thai, message.English)
            : ImportError.AtRow(row, thai, message.English);
    }

    /// <summary>The JSON contract of a result, from a row's values: the same row always gives the same text.</summary>
    public static string Json(int fiscalYear, IReadOnlyList<(ResultColumn Column, decimal Value)> scores, string? rating)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("fiscalYear", fiscalYear);
            foreach (var section in ScoreSections)
            {
                WriteSection(json, section, section, scores);
            }
            if (scores.FirstOrDefault(s => s.Column.Section == "total") is { Column: not null } total)
            {
                json.WriteNumber("total", total.Value);
            }
            var published = scores.Where(s => s.Column.Section.StartsWith("published.", StringComparison.Ordinal)).ToList();
            if (published.Count > 0 || rating is not null)
            {
                json.WriteStartObject("published");
                if (published.FirstOrDefault(s => s.Column.Section == "published.total") is { Column: not null } publishedTotal)
                {
                    json.WriteNumber("total", publishedTotal.Value);
                }
                foreach (var section in PublishedSections)
                {
                    WriteSection(json, section, "published." + section, published);
                }
                if (rating is not null)
                {
                    json.WriteString("rating", rating);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSection(Utf8JsonWriter json, string name, string section, IReadOnlyList<(ResultColumn Column, decimal Value)> scores)
    {
        var values = scores.Where(s => s.Column.Section == section).ToList();
        if (values.Count == 0)
        {
            return;
        }
        if (section is "indicators" or "published.indicators")
        {
            values = values.OrderBy(v => int.Parse(v.Column.Key!, CultureInfo.InvariantCulture)).ToList();
        }
        json.WriteStartObject(name);
        foreach (var (column, value) in values)
        {
            json.WriteNumber(column.Key!, value);
        }
        json.WriteEndObject();
    }

    /// <summary>Errors with a cap on how many are kept.</summary>
    private sealed class Errors
    {
        private readonly List<ImportError> _listed = [];

        public int Count { get; private set; }

        public void Add(ImportError error)
        {
            Count++;
            if (_listed.Count < MaxListedErrors)
            {
                _listed.Add(error);
            }
        }

        public ResultRowsRead Result(List<ResultRow> rows, List<(int, string)> agencies, int agencyColumn, List<int> skipped) =>
            new(rows, agencies, agencyColumn, skipped, _listed, Count);
    }
}
