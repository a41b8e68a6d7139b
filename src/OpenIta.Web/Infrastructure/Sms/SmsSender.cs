using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIta.Core.Surveys;

namespace OpenIta.Web.Infrastructure.Sms;

/// <summary>A text message to one phone.</summary>
public sealed record SmsMessage(ThaiMobileNumber To, string Text);

/// <summary>
/// The gateway did not take the message. <see cref="Exception.Message"/> says why without the phone number or the text
/// (it is logged): a status, a timeout, a refused connection.
/// </summary>
public sealed class SmsNotSentException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>Sends text messages as <see cref="SmsOptions"/> says: to an HTTP gateway, into a file, or not at all.</summary>
public interface ISmsSender
{
    /// <summary>Whether messages go anywhere (<c>Sms:Provider</c> is file or http).</summary>
    bool Enabled { get; }

    /// <summary>Sends one message; throws <see cref="SmsNotSentException"/> when the gateway refuses it or does not answer.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>No provider: nothing can be sent (EIT part 1's one-time codes answer 503).</summary>
public sealed class NoSmsSender : ISmsSender
{
    public bool Enabled => false;

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        throw new SmsNotSentException("Sms:Provider is none.");
}

/// <summary>
/// Development and the demo: appends each message to <c>Sms:File</c> as one line, <c>phone&lt;TAB&gt;text</c> (E.164,
/// the text's line breaks as spaces). The only place a phone number is ever written in clear; never in production.
/// </summary>
public sealed class FileSmsSender(IOptions<SmsOptions> options) : ISmsSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public bool Enabled => true;

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = options.Value.File ?? throw new SmsNotSentException("Sms:Provider is file but Sms:File is not set.");
        var line = Encoding.UTF8.GetBytes(message.To.E164 + "\t" + message.Text.ReplaceLineEndings(" ").Replace('\t', ' ') + "\n");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
            // One write of the whole line in append mode: lines of several instances on one file do not interleave.
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await file.WriteAsync(line, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// A gateway's HTTP API as <see cref="HttpSmsOptions"/> describes it. Its own <see cref="HttpClient"/>, without the
/// client factory's logging: the factory logs each request's address at Information, and a gateway's address may
/// carry the phone number.
/// </summary>
public sealed class HttpSmsSender : ISmsSender, IDisposable
{
    private readonly HttpSmsOptions _options;
    private readonly HttpClient _client;
    private readonly (int From, int To)[] _success;

    public HttpSmsSender(IOptions<SmsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Http;
        if (string.IsNullOrWhiteSpace(_options.Url) || !Uri.TryCreate(Fill(_options.Url, "+66800000000", "", Escape.Url), UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Sms:Provider is http but Sms:Http:Url is not an absolute URL.");
        }
        _success = StatusRanges(_options.SuccessStatus);
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds)),
        };
    }

    public bool Enabled => true;

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(new HttpMethod(_options.Method.ToUpperInvariant()),
            Fill(_options.Url!, message, Escape.Url));
        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, Fill(value, message, Escape.None));
        }
        if (_options.Body is { } body)
        {
            var escape = _options.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) ? Escape.Json
                : _options.ContentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? Escape.Url
                : Escape.None;
            request.Content = new StringContent(Fill(body, message, escape), Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(_options.ContentType) { CharSet = "utf-8" };
        }
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmsNotSentException(string.Create(CultureInfo.InvariantCulture,
                $"The SMS gateway did not answer within {_client.Timeout.TotalSeconds} s."), e);
        }
        catch (HttpRequestException e)
        {
            // The exception's own message names the host and port at most; the address's path and query are not in it.
            throw new SmsNotSentException("The SMS gateway could not be reached: " + (e.HttpRequestError.ToString()), e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!_success.Any(r => status >= r.From && status <= r.To))
            {
                throw new SmsNotSentException(string.Create(CultureInfo.InvariantCulture, $"The SMS gateway answered {status}."));
            }
            if (_options.SuccessBodyContains is { Length: > 0 } expected && !answer.Contains(expected, StringComparison.Ordinal))
            {
                throw new SmsNotSentException(string.Create(CultureInfo.InvariantCulture,
                    $"The SMS gateway answered {status} without the success text."));
            }
            if (_options.SuccessJsonPath is { Length: > 0 } path && !JsonValueIs(answer, path, _options.SuccessJsonValue))
            {
                throw new SmsNotSentException(string.Create(CultureInfo.InvariantCulture,
                    $"The SMS gateway answered {status}, but its JSON at {path} is not the success value."));
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private enum Escape
    {
        None,
        Url,
        Json,
    }

    private static string Fill(string template, SmsMessage message, Escape escape) =>
        Fill(template, message.To.E164, message.Text, escape);

    private static string Fill(string template, string e164, string text, Escape escape)
    {
        string Escaped(string value) => escape switch
        {
            Escape.Url => Uri.EscapeDataString(value),
            Escape.Json => JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            _ => value,
        };
        return template
            .Replace("{phone_digits}", Escaped(e164[1..]), StringComparison.Ordinal)
            .Replace("{phone_local}", Escaped("0" + e164[3..]), StringComparison.Ordinal)
            .Replace("{phone}", Escaped(e164), StringComparison.Ordinal)
            .Replace("{text}", Escaped(text), StringComparison.Ordinal);
    }

    /// <summary>"200-299", "200", "200,202": the statuses that mean success.</summary>
    internal static (int From, int To)[] StatusRanges(string text)
    {
        var ranges = new List<(int, int)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is 1 or 2
                && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                && from is >= 100 and <= 599 && to >= from && to <= 599)
            {
                ranges.Add((from, to));
                continue;
            }
            throw new InvalidOperationException($"Sms:Http:SuccessStatus \"{text}\" is not a status, a range or a list of them (200-299).");
        }
        return ranges.Count > 0 ? [.. ranges] : throw new InvalidOperationException("Sms:Http:SuccessStatus is empty.");
    }

    private static bool JsonValueIs(string answer, string path, string? expected)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var element = document.RootElement;
            foreach (var step in path.Split('.'))
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(step, out var child))
                {
                    element = child;
                }
                else if (element.ValueKind == JsonValueKind.Array && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < element.GetArrayLength())
                {
                    element = element[index];
                }
                else
                {
                    return false;
                }
            }
            var actual = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "null",
                _ => element.GetRawText(),
            };
            return expected is null ? element.ValueKind is not (JsonValueKind.Null or JsonValueKind.False) : string.Equals(actual, expected, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public static class SmsSetup
{
    /// <summary>The sender of <c>Sms:Provider</c>.</summary>
    public static IServiceCollection AddOpenItaSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        var options = configuration.GetSection(SmsOptions.Section).Get<SmsOptions>() ?? new SmsOptions();
        if (options.IsHttp)
        {
            services.AddSingleton<ISmsSender, HttpSmsSender>();
        }
        else if (options.IsFile)
        {
            services.AddSingleton<ISmsSender, FileSmsSender>();
        }
        else
        {
            services.AddSingleton<ISmsSender, NoSmsSender>();
        }
        return services;
    }
}
