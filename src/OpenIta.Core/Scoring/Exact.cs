using System.Numerics;

namespace OpenIta.Core.Scoring;

/// <summary>Turns an exact fraction into the nearest decimal.</summary>
internal static class Exact
{
    private static readonly BigInteger Max96 = (BigInteger.One << 96) - 1;

    /// <summary>The decimal nearest to numerator / denominator, to the precision decimal holds.</summary>
    public static decimal ToDecimal<T>(T numerator, T denominator)
        where T : IBinaryInteger<T>
    {
        if (T.IsNegative(numerator) || !T.IsPositive(denominator) || denominator == T.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "Scores are non-negative fractions.");
        }
        // Operands that fit decimal's 96 bits: decimal division rounds the quotient to the nearest representable value.
        if (decimal.CreateSaturating(numerator) is var n && n != decimal.MaxValue
            && decimal.CreateSaturating(denominator) is var d && d != decimal.MaxValue)
        {
            return n / d;
        }
        return Slow(BigInteger.CreateChecked(numerator), BigInteger.CreateChecked(denominator));
    }

    /// <summary>Digit by digit, then half to even, as decimal division rounds.</summary>
    private static decimal Slow(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (quotient > Max96)
        {
            throw new OverflowException("The fraction is too large for a decimal.");
        }
        var scale = 0;
        while (scale < 28 && remainder != 0)
        {
            var next = (quotient * 10) + (remainder * 10 / denominator);
            if (next > Max96)
            {
                break;
            }
            quotient = next;
            remainder = remainder * 10 % denominator;
            scale++;
        }
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }
        var bytes = quotient.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, 12);
        return new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8), false, (byte)scale);
    }
}
