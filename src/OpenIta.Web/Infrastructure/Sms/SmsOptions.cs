namespace OpenIta.Web.Infrastructure.Sms;

/// <summary>
/// The <c>Sms</c> settings (README, "SMS"): how the survey's one-time codes reach a phone. <c>Sms:Provider</c> is
/// <c>none</c> (the default: EIT part 1's OTP answers 503), <c>file</c> (development and the demo: each message is
/// appended to <c>Sms:File</c> as one line, <c>phone&lt;TAB&gt;text</c>) or <c>http</c> (a gateway's HTTP API, described by
/// <see cref="HttpSmsOptions"/>). Credentials go in the settings (environment variables), never in the code.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    public string Provider { get; set; } = "none";

    /// <summary>Where the file sink appends messages.</summary>
    public string? File { get; set; }

    public HttpSmsOptions Http { get; set; } = new();

    public bool IsFile => string.Equals(Provider, "file", StringComparison.OrdinalIgnoreCase);
    public bool IsHttp => string.Equals(Provider, "http", StringComparison.OrdinalIgnoreCase);
    public bool Enabled => IsFile || IsHttp;
}

/// <summary>
/// A generic SMS gateway over HTTP. <see cref="Url"/>, the <see cref="Headers"/>' values and <see cref="Body"/> may hold
/// the placeholders <c>{phone}</c> (+66812345678), <c>{phone_digits}</c> (66812345678), <c>{phone_local}</c>
/// (0812345678) and <c>{text}</c>; each is escaped for where it stands (URL-encoded in the URL and in a form body,
/// JSON-escaped in a JSON body, as is in a header or another body). The gateway accepted the message when its status is
/// in <see cref="SuccessStatus"/> and, when set, its body contains <see cref="SuccessBodyContains"/> and the JSON value
/// at <see cref="SuccessJsonPath"/> equals <see cref="SuccessJsonValue"/>.
/// </summary>
public sealed class HttpSmsOptions
{
    public string? Url { get; set; }

    public string Method { get; set; } = "POST";

    /// <summary>Header name → value (an API key: <c>Sms__Http__Headers__Authorization=Bearer …</c>).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body template; none: no body (a gateway that takes everything in the URL).</summary>
    public string? Body { get; set; }

    public string ContentType { get; set; } = "application/json";

    /// <summary>The statuses that mean success: <c>200-299</c>, <c>200</c> or a list <c>200,201,202</c>.</summary>
    public string SuccessStatus { get; set; } = "200-299";

    public string? SuccessBodyContains { get; set; }

    /// <summary>A dotted path into a JSON answer (<c>status</c>, <c>result.code</c>, <c>messages.0.status</c>).</summary>
    public string? SuccessJsonPath { get; set; }

    /// <summary>What the value at <see cref="SuccessJsonPath"/> must be, compared as text (<c>ok</c>, <c>0</c>, <c>true</c>).</summary>
    public string? SuccessJsonValue { get; set; }

    /// <summary>How long the gateway may take to answer, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
