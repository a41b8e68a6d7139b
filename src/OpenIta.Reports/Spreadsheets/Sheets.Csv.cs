using System.Globalization;
using System.Text;
using CsvHelper;

namespace OpenIta.Reports.Spreadsheets;

/// <summary>CSV: decoding, reading with limits, and writing.</summary>
public static partial class Sheets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of a CSV file, from its bytes: UTF-8, UTF-16 with a byte order mark, or Windows-874 Thai.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Utf8(bytes[3..]);
        }
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            if (LooksLikeThaiWindows874(bytes))
            {
                return CodePagesEncodingProvider.Instance.GetEncoding(874)!.GetString(bytes);
            }
            throw new SheetException(
                "อ่านตัวอักษรในไฟล์ไม่ได้ กรุณาบันทึกเป็น \"CSV UTF-8 (Comma delimited)\" หรือ .xlsx แล้วนำเข้าใหม่",
                "The file's characters cannot be read: save it as \"CSV UTF-8 (Comma delimited)\" or as .xlsx and import that.");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SheetException(
                "ไฟล์ระบุว่าเป็น UTF-8 แต่มีตัวอักษรที่ไม่ใช่ UTF-8 กรุณาบันทึกเป็น \"CSV UTF-8\" ใหม่",
                "The file says it is UTF-8 but holds bytes that are not: save it again as \"CSV UTF-8\".");
        }
    }

    /// <summary>
    /// Windows-874 (a superset of TIS-620) puts Thai letters at 0xA1–0xFB. A file that is not UTF-8 and whose other
    /// bytes are all in that range, or its few punctuation marks (0x85, 0x91–0x97), is Thai text in that encoding.
    /// </summary>
    private static bool LooksLikeThaiWindows874(ReadOnlySpan<byte> bytes)
    {
        var thai = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                continue;
            }
            if (b is (>= 0xA1 and <= 0xDA) or (>= 0xDF and <= 0xFB))
            {
                thai++;
            }
            else if (b is not (0x80 or 0x85 or (>= 0x91 and <= 0x97) or 0xA0))
            {
                return false;
            }
        }
        return thai > 0;
    }

    /// <summary>Reads CSV text: the separator (comma, semicolon, tab) is detected; a quoted cell may span lines.</summary>
    public static SheetTable ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var malformed = new List<(long Record, CsvMalformedReason Reason)>();
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            SkipEmptyLines = false,
            OnMalformedRecord = record => malformed.Add((record.RecordNumber, record.Reason)),
        };
        var rows = new List<SheetRow>();
        var budget = new ReadBudget();
        using (var reader = CsvReader.FromText(text, options))
        {
            var number = 0;
            while (reader.Read())
            {
                number++;
                if (number > MaxRows + 1)
                {
                    throw new SheetException(TooManyRows);
                }
                if ((number & 0x3FF) == 0)
                {
                    budget.CheckTime();
                }
                // Only up to the last value is kept: a line of a million commas costs nothing.
                var width = 0;
                var chars = 0;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var length = (reader.GetString(i) ?? "").Length;
                    if (length > MaxCellChars)
                    {
                        throw new SheetException(CellTooLong(number, i));
                    }
                    if (length > 0)
                    {
                        if (i >= MaxColumns)
                        {
                            throw new SheetException(TooManyColumns(number));
                        }
                        width = i + 1;
                        chars += length;
                    }
                }
                budget.Keep(width, chars);
                var cells = width == 0 ? [] : new string[width];
                for (var i = 0; i < width; i++)
                {
                    cells[i] = reader.GetString(i) ?? "";
                }
                rows.Add(new SheetRow(number, cells));
            }
        }
        // A stray quote inside a cell (สำนักงาน "ก.พ.ร.") is kept as text, as spreadsheets do; other quoting mistakes
        // change where cells begin and end, so they are refused rather than guessed.
        var bad = malformed.FirstOrDefault(m => m.Reason != CsvMalformedReason.StrayQuote);
        if (bad.Record > 0)
        {
            throw new SheetException(ImportError.AtRow((int)bad.Record,
                "เครื่องหมายคำพูด (\") ไม่ครบคู่ ทำให้แบ่งช่องไม่ได้ กรุณาตรวจแถวนี้ หรือบันทึกไฟล์จาก Excel ใหม่",
                $"the quotes (\") do not pair up ({bad.Reason}), so the cells cannot be told apart: check this row, or save the file again from a spreadsheet"));
        }
        return Table(rows);
    }

    /// <summary>Writes rows as CSV: UTF-8 with a byte order mark (so that Excel shows Thai), comma separated.</summary>
    public static byte[] WriteCsv(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                writer.WriteRecord(row.Select(value => value is string text ? Defused(text) : Text(value)).ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) gets a
    /// leading apostrophe, so that opening the file shows it as text. Agency names come from people.
    /// </summary>
    public static string Defused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

}
