namespace OpenIta.Core.Methodology;

/// <summary>
/// An assessment instrument. Up to FY2565 EIT is one instrument; from FY2566 it is collected in two parts,
/// <see cref="Eit1"/> (answered by service users themselves) and <see cref="Eit2"/> (collected by the assessor),
/// and <see cref="Eit"/> then names their combination (the mean of the parts).
/// </summary>
public enum Instrument
{
    Iit,
    Eit,
    Eit1,
    Eit2,
    Oit,
}

public static class InstrumentCodes
{
    private static readonly Dictionary<string, Instrument> ByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IIT"] = Instrument.Iit,
        ["EIT"] = Instrument.Eit,
        ["EIT1"] = Instrument.Eit1,
        ["EIT2"] = Instrument.Eit2,
        ["OIT"] = Instrument.Oit,
    };

    public static string Code(this Instrument instrument) => instrument switch
    {
        Instrument.Iit => "IIT",
        Instrument.Eit => "EIT",
        Instrument.Eit1 => "EIT1",
        Instrument.Eit2 => "EIT2",
        Instrument.Oit => "OIT",
        _ => throw new ArgumentOutOfRangeException(nameof(instrument)),
    };

    public static bool TryParse(string? code, out Instrument instrument) =>
        ByCode.TryGetValue(code ?? "", out instrument);

    public static IReadOnlyCollection<string> All => ByCode.Keys;
}

/// <summary>Whether people answer the instrument (a perception survey) or an assessor scores published items.</summary>
public enum InstrumentKind
{
    Perception,
    OpenData,
}
