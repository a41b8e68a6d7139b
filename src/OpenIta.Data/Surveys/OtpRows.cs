namespace OpenIta.Data.Surveys;

/// <summary>
/// A one-time code sent to a phone for one survey link (EIT part 1), until it is used, expires or has been tried
/// <see cref="OtpStore.MaxTries"/> times. Neither the phone nor the code is here: <see cref="Key"/> is a keyed hash of
/// the link and the phone, <see cref="CodeHash"/> a keyed hash of the code (<see cref="OtpKeys"/>). A new code for the
/// same phone and link replaces the row. Deleted when used; expired rows are swept.
/// </summary>
public sealed class OtpChallenge
{
    /// <summary>HMAC of ("challenge", link, phone), 64 hex digits.</summary>
    public required string Key { get; set; }

    /// <summary>HMAC of ("code", <see cref="Key"/>, code), 64 hex digits.</summary>
    public required string CodeHash { get; set; }

    public long ExpiresAtUnixMs { get; set; }

    /// <summary>Tries so far, counted before each comparison by one atomic statement: never more than the maximum.</summary>
    public int Attempts { get; set; }
}

/// <summary>
/// What a verified phone gets: the right to submit one EIT part 1 response through one link, once, for a short time.
/// The ticket itself is given to the respondent and only its SHA-256 is kept (<see cref="Hash"/>). The row carries the
/// phone's keyed hash for the agency and year (<see cref="PhoneKey"/>) so that redeeming it can record that the phone
/// answered; it is deleted in the transaction that stores the response.
/// </summary>
public sealed class OtpTicket
{
    /// <summary>SHA-256 of the ticket, 64 hex digits.</summary>
    public required string Hash { get; set; }

    /// <summary>The survey link the ticket was issued for (a ticket of one link does not open another).</summary>
    public required string LinkToken { get; set; }

    public int AgencyId { get; set; }

    public int FiscalYear { get; set; }

    /// <summary><see cref="SurveyPhoneKey.PhoneKey"/> of the verified phone.</summary>
    public required string PhoneKey { get; set; }

    public long ExpiresAtUnixMs { get; set; }
}

/// <summary>
/// "This phone has answered EIT part 1 of this agency in this year": one row, unique over the three columns, which is
/// what enforces one response per phone per agency and year across every instance. The row holds nothing else — no
/// time, no response, no order (the key is a keyed hash, so rows sort at random) — so it can never be joined to the
/// answers it allowed. <see cref="PhoneKey"/> is an HMAC of the agency, the year and the normalised phone with
/// <c>Surveys:PhoneKey</c>, which is never in the database; the same phone gives unrelated keys in two agencies.
/// </summary>
public sealed class SurveyPhoneKey
{
    public int AgencyId { get; set; }

    public int FiscalYear { get; set; }

    /// <summary>64 hex digits.</summary>
    public required string PhoneKey { get; set; }
}
