using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

public class ThaiFormattingTests
{
    [Theory]
    [InlineData("0123456789", "๐๑๒๓๔๕๖๗๘๙")]
    [InlineData("ปีงบประมาณ พ.ศ. 2569", "ปีงบประมาณ พ.ศ. ๒๕๖๙")]
    [InlineData("คะแนน 89.21 (ข้อ 1.1)", "คะแนน ๘๙.๒๑ (ข้อ ๑.๑)")]
    [InlineData("ไม่มีตัวเลข", "ไม่มีตัวเลข")]
    [InlineData("", "")]
    public void Digits_convert_both_ways(string arabic, string thai)
    {
        Assert.Equal(thai, ThaiDigits.ToThai(arabic));
        Assert.Equal(arabic, ThaiDigits.ToArabic(thai));
        Assert.Equal(thai, ThaiDigits.Apply(arabic, DigitStyle.Thai));
        Assert.Equal(arabic, ThaiDigits.Apply(thai, DigitStyle.Arabic));
    }

    [Theory]
    [InlineData("ข้อ 1 (O11) คะแนน 87.45", "ข้อ ๑ (O11) คะแนน ๘๗.๔๕")]
    [InlineData("I7, E14 และ IIT-3 ปี 2569", "I7, E14 และ IIT-3 ปี ๒๕๖๙")]
    [InlineData("FY2565 O11.2 ข้อ 3.1", "FY2565 O11.2 ข้อ ๓.๑")]
    public void Thai_digits_leave_codes_alone(string text, string thai) =>
        Assert.Equal(thai, ThaiDigits.ToThaiExceptCodes(text));

    [Fact]
    public void Numbers_convert_to_thai_digits()
    {
        Assert.Equal("๒๕๖๙", ThaiDigits.ToThai(2569L));
        Assert.Equal("-๔๒", ThaiDigits.ToThai(-42L));
        Assert.Equal("๘๙.๒๑", ThaiDigits.ToThai(89.21m));
    }

    [Theory]
    [InlineData(2026, 11, 22, "22 พฤศจิกายน 2569", "22 พ.ย. 69")]
    [InlineData(2024, 2, 29, "29 กุมภาพันธ์ 2567", "29 ก.พ. 67")] // BE 2567 is a leap year (CE 2024)
    [InlineData(2025, 10, 1, "1 ตุลาคม 2568", "1 ต.ค. 68")]
    [InlineData(2043, 1, 5, "5 มกราคม 2586", "5 ม.ค. 86")]
    [InlineData(2057, 12, 31, "31 ธันวาคม 2600", "31 ธ.ค. 00")]
    public void Dates_are_buddhist_era_with_thai_months(int y, int m, int d, string full, string abbreviated)
    {
        var date = new DateOnly(y, m, d);
        Assert.Equal(full, ThaiDates.Full(date));
        Assert.Equal(abbreviated, ThaiDates.Short(date));
    }

    [Fact]
    public void Dates_follow_the_digit_option()
    {
        Assert.Equal("๒๒ พฤศจิกายน ๒๕๖๙", ThaiDates.Full(new DateOnly(2026, 11, 22), DigitStyle.Thai));
        Assert.Equal("๒๙ ก.พ. ๖๗", ThaiDates.Short(new DateOnly(2024, 2, 29), DigitStyle.Thai));
    }

    [Fact]
    public void All_twelve_months_have_names()
    {
        Assert.Equal("มกราคม", ThaiDates.MonthName(1));
        Assert.Equal("กรกฎาคม", ThaiDates.MonthName(7));
        Assert.Equal("มิ.ย.", ThaiDates.ShortMonthName(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThaiDates.MonthName(13));
    }

    [Theory]
    [InlineData(2025, 10, 1, 2569, 1, "ต.ค.–ธ.ค.")]
    [InlineData(2025, 12, 31, 2569, 1, "ต.ค.–ธ.ค.")]
    [InlineData(2026, 1, 1, 2569, 2, "ม.ค.–มี.ค.")]
    [InlineData(2026, 4, 30, 2569, 3, "เม.ย.–มิ.ย.")]
    [InlineData(2026, 9, 30, 2569, 4, "ก.ค.–ก.ย.")]
    [InlineData(2026, 11, 22, 2570, 1, "ต.ค.–ธ.ค.")]
    public void Fiscal_quarters_start_in_october(int y, int m, int d, int fiscalYear, int quarter, string months)
    {
        var q = FiscalQuarter.Of(new DateOnly(y, m, d));
        Assert.Equal(new FiscalQuarter(fiscalYear, quarter), q);
        Assert.Equal(months, q.Months);
        Assert.Equal($"ไตรมาส {quarter}", q.Label());
        Assert.True(q.Start <= new DateOnly(y, m, d) && new DateOnly(y, m, d) <= q.End);
    }

    [Fact]
    public void Fiscal_quarter_bounds_and_labels()
    {
        var q1 = new FiscalQuarter(2569, 1);
        Assert.Equal(new DateOnly(2025, 10, 1), q1.Start);
        Assert.Equal(new DateOnly(2025, 12, 31), q1.End);
        Assert.Equal("ไตรมาส 1 (ต.ค.–ธ.ค. 68)", q1.LongLabel());
        Assert.Equal("ไตรมาส ๔", new FiscalQuarter(2569, 4).Label(DigitStyle.Thai));
        Assert.Equal(new DateOnly(2026, 9, 30), new FiscalQuarter(2569, 4).End);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalQuarter(2569, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalQuarter(2026, 1));
    }

    [Theory]
    [InlineData("89.205", "89.21")]
    [InlineData("89.2049", "89.20")]
    [InlineData("100", "100.00")]
    [InlineData("0", "0.00")]
    [InlineData("-1.005", "-1.01")]
    public void Scores_have_two_decimals(string score, string shown) =>
        Assert.Equal(shown, ThaiNumbers.Score(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Numbers_follow_the_digit_option()
    {
        Assert.Equal("๘๙.๒๑", ThaiNumbers.Score(89.21m, DigitStyle.Thai));
        Assert.Equal("1,234,567.89", ThaiNumbers.Amount(1234567.891m));
        Assert.Equal("๘,๓๒๕", ThaiNumbers.Integer(8325, DigitStyle.Thai));
    }

    [Theory]
    [InlineData("0", "ศูนย์บาทถ้วน")]
    [InlineData("1", "หนึ่งบาทถ้วน")]
    [InlineData("10", "สิบบาทถ้วน")]
    [InlineData("11", "สิบเอ็ดบาทถ้วน")]
    [InlineData("20", "ยี่สิบบาทถ้วน")]
    [InlineData("21", "ยี่สิบเอ็ดบาทถ้วน")]
    [InlineData("101", "หนึ่งร้อยเอ็ดบาทถ้วน")]
    [InlineData("110", "หนึ่งร้อยสิบบาทถ้วน")]
    [InlineData("1000", "หนึ่งพันบาทถ้วน")]
    [InlineData("1000000", "หนึ่งล้านบาทถ้วน")]
    [InlineData("1000001", "หนึ่งล้านเอ็ดบาทถ้วน")]
    [InlineData("11000000", "สิบเอ็ดล้านบาทถ้วน")]
    [InlineData("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน")]
    [InlineData("1000000000000", "หนึ่งล้านล้านบาทถ้วน")]
    [InlineData("1234567.89", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์")]
    [InlineData("0.50", "ห้าสิบสตางค์")]
    [InlineData("0.01", "หนึ่งสตางค์")]
    [InlineData("0.21", "ยี่สิบเอ็ดสตางค์")]
    [InlineData("1.005", "หนึ่งบาทหนึ่งสตางค์")] // satang are rounded half away from zero
    [InlineData("2.999", "สามบาทถ้วน")]
    [InlineData("-25", "ลบยี่สิบห้าบาทถ้วน")]
    public void Baht_in_thai_words(string amount, string words) =>
        Assert.Equal(words, BahtText.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
