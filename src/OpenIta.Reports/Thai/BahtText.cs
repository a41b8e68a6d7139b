using System.Text;

namespace OpenIta.Reports.Thai;

/// <summary>An amount of baht written in Thai words, as on budgets and cheques: 21 → "ยี่สิบเอ็ดบาทถ้วน",
/// 1,234,567.89 → "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์". Satang are rounded half away from
/// zero to two decimals. A units digit 1 after any higher digit is "เอ็ด" (101 → หนึ่งร้อยเอ็ด, 1,000,001 → หนึ่งล้านเอ็ด),
/// as Excel's BAHTTEXT writes it.</summary>
public static class BahtText
{
    private static readonly string[] Digits = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
    private static readonly string[] Places = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

    public static string Of(decimal amount)
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var negative = rounded < 0;
        rounded = Math.Abs(rounded);
        var baht = decimal.Truncate(rounded);
        var satang = (int)((rounded - baht) * 100);

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append("ลบ");
        }
        if (baht == 0 && satang == 0)
        {
            return sb.Append("ศูนย์บาทถ้วน").ToString();
        }
        if (baht > 0)
        {
            sb.Append(Words(baht)).Append("บาท");
        }
        if (satang == 0)
        {
            sb.Append("ถ้วน");
        }
        else
        {
            sb.Append(Words(satang)).Append("สตางค์");
        }
        return sb.ToString();
    }

    /// <summary>A positive integer in words, in groups of six digits joined by "ล้าน".</summary>
    internal static string Words(decimal number)
    {
        if (number < 1_000_000)
        {
            return Group((int)number, hasHigher: false);
        }
        var millions = decimal.Truncate(number / 1_000_000);
        var rest = (int)(number - millions * 1_000_000);
        return Words(millions) + "ล้าน" + (rest == 0 ? "" : Group(rest, hasHigher: true));
    }

    private static string Group(int n, bool hasHigher)
    {
        var sb = new StringBuilder();
        var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            var place = digits.Length - 1 - i;
            if (d == 0)
            {
                continue;
            }
            if (place == 0 && d == 1 && (hasHigher || n > 9))
            {
                sb.Append("เอ็ด");
            }
            else if (place == 1 && d == 1)
            {
                sb.Append("สิบ");
            }
            else if (place == 1 && d == 2)
            {
                sb.Append("ยี่สิบ");
            }
            else
            {
                sb.Append(Digits[d]).Append(Places[place]);
            }
        }
        return sb.ToString();
    }
}
