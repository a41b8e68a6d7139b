using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

public class ThaiDateTextTests
{
    [Theory]
    [InlineData("ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๖", 2023, 10, 1)]
    [InlineData("ลงวันที่ 1 ต.ค. 2566", 2023, 10, 1)]
    [InlineData("ลงวันที่ 1 ต. ค. 66", 2023, 10, 1)]
    [InlineData("ลงวันที่ 15 มี.ค 2567", 2024, 3, 15)]
    [InlineData("วันที่ 30 เดือนกันยายน พ.ศ. 2567", 2024, 9, 30)]
    [InlineData("วันที่ 29 กุมภาพันธ์ พ.ศ.2567", 2024, 2, 29)]
    [InlineData("เมื่อ 01/10/2566 เวลา 10.00 น.", 2023, 10, 1)]
    [InlineData("๑๒ พ.ย. ๒๕๖๖", 2023, 11, 12)]
    public void Reads_a_Thai_date_in_any_common_form(string text, int year, int month, int day) =>
        Assert.Equal([new DateOnly(year, month, day)], ThaiDateText.Find(text));

    [Theory]
    [InlineData("31 กุมภาพันธ์ 2567")]        // no such day
    [InlineData("29 ก.พ. 2566")]               // 2023 is not a leap year
    [InlineData("10/01/2023")]                 // a slash date with a Common-Era year is ambiguous: not guessed
    [InlineData("ข้อ 1 ตุลาการ 2566")]          // not a month's name
    [InlineData("คะแนน 85.5 ปี 2566")]
    public void Reads_no_date_where_there_is_none(string text) => Assert.Empty(ThaiDateText.Find(text));

    [Fact]
    public void Reads_every_date_in_the_order_written()
    {
        var dates = ThaiDateText.Find("แผนปี 2567 อนุมัติ 2 ต.ค. 2566 รายงาน ๓๐ กันยายน ๒๕๖๗");
        Assert.Equal([new DateOnly(2023, 10, 2), new DateOnly(2024, 9, 30)], dates);
    }
}
