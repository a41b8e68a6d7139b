using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace OpenIta.Data.LinkChecks;

/// <summary>How a fetch ended.</summary>
public enum LinkOutcome
{
    /// <summary>A 2xx answer, read whole and kept.</summary>
    Ok,

    /// <summary>The server answered 4xx or 5xx (or another status that is not a page: 1xx, a 3xx without Location).</summary>
    HttpError,

    /// <summary>No answer: the name does not resolve, the connection is refused or reset, TLS fails.</summary>
    Unreachable,

    /// <summary>No whole answer within the time allowed.</summary>
    Timeout,

    /// <summary>The body is larger than the limit: not kept.</summary>
    TooLarge,

    /// <summary>More redirects than allowed (a loop ends here).</summary>
    TooManyRedirects,

    /// <summary>Not fetched: not http(s), or an address the checker must not connect to (private, loopback…).</summary>
    Refused,
}

/// <summary>What one fetch found. <see cref="Sha256"/> names the snapshot kept (<see cref="SnapshotStore"/>).</summary>
public sealed record FetchResult(
    string Url,
    LinkOutcome Outcome,
    int? StatusCode,
    string? ContentType,
    long Size,
    string? Sha256,
    string? FinalUrl,
    DateTimeOffset FetchedAt,
    long DurationMs,
    int Redirects,
    string? Detail,
    IReadOnlyList<DateOnly> DocumentDates)
{
    /// <summary>Whether the link is broken: anything but a page read whole (a body over the limit is not broken, only
    /// not kept).</summary>
    public bool IsBroken => Outcome is not (LinkOutcome.Ok or LinkOutcome.TooLarge);
}

/// <summary>
/// Fetches one URL for the link checker, as an untrusted address: http and https only; redirects followed here, one by
/// one, each hop's scheme checked, at most <see cref="LinkCheckOptions.MaxRedirects"/>; every connection made by
/// <see cref="SocketsHttpHandler.ConnectCallback"/>, which resolves the name itself, refuses an address that is not
/// public (<see cref="PublicAddresses"/>) and connects to the very address it checked — so a name that resolves to a
/// public address for the check and to 127.0.0.1 for the connection (DNS rebinding) cannot get through, nor can a
/// redirect to a private address. No proxy (the check would judge the proxy's address). A connect timeout per hop, a
/// total timeout for the whole fetch, and the body streamed into the snapshot store up to
/// <see cref="LinkCheckOptions.MaxBytes"/> (a larger body stops there). Thread-safe: one instance serves every fetch.
/// </summary>
public sealed class LinkFetcher : IDisposable
{
    private readonly LinkCheckOptions _options;
    private readonly TimeProvider _clock;
    private readonly SnapshotStore _store;
    private readonly HttpClient _client;
    private readonly Func<IPAddress, bool> _mayConnect;

    public LinkFetcher(LinkCheckOptions options, TimeProvider clock, SnapshotStore store)
        : this(options, clock, store, options?.AllowPrivateAddresses == true ? _ => true : PublicAddresses.IsPublic)
    {
    }

    /// <summary>With another rule for the addresses it connects to: tests count their own server's 127.0.0.1 as public
    /// to see a redirect from it to another private address refused.</summary>
    internal LinkFetcher(LinkCheckOptions options, TimeProvider clock, SnapshotStore store, Func<IPAddress, bool> mayConnect)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(store);
        _options = options;
        _clock = clock;
        _store = store;
        _mayConnect = mayConnect;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(2, options.Concurrency),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fetches <paramref name="url"/>; never throws for what the site does (that is the result), only when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var fetchedAt = _clock.GetUtcNow();
        var started = _clock.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TimeoutSeconds), _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var redirects = 0;
        Uri? current = null;
        FetchResult End(LinkOutcome outcome, string? detail, int? status = null, string? type = null, long size = 0,
            string? sha256 = null, IReadOnlyList<DateOnly>? dates = null) =>
            new(url, outcome, status, type, size, sha256, current?.AbsoluteUri, fetchedAt,
                (long)_clock.GetElapsedTime(started).TotalMilliseconds, redirects, detail, dates ?? []);

        if (!Uri.TryCreate(url, UriKind.Absolute, out current) || !IsWeb(current))
        {
            current = null;
            return End(LinkOutcome.Refused, "not an absolute http(s) URL");
        }
        try
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                request.Headers.Accept.ParseAdd("*/*");
                request.Headers.AcceptLanguage.ParseAdd("th, en;q=0.5");
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = new Uri(current, location);
                    if (!IsWeb(next))
                    {
                        current = next;
                        return End(LinkOutcome.Refused, "a redirect to a scheme other than http(s)", status);
                    }
                    if (++redirects > _options.MaxRedirects)
                    {
                        return End(LinkOutcome.TooManyRedirects, $"more than {_options.MaxRedirects} redirects", status);
                    }
                    current = next;
                    continue;
                }
                var type = response.Content.Headers.ContentType;
                if (status is < 200 or >= 300)
                {
                    return End(LinkOutcome.HttpError, null, status, type?.MediaType);
                }
                if (response.Content.Headers.ContentLength > _options.MaxBytes)
                {
                    return End(LinkOutcome.TooLarge, $"Content-Length over {_options.MaxBytes} bytes", status, type?.MediaType,
                        response.Content.Headers.ContentLength ?? 0);
                }
                var body = await ReadBodyAsync(response, linked.Token);
                return body.Sha256 is null
                    ? End(LinkOutcome.TooLarge, $"the body is over {_options.MaxBytes} bytes", status, type?.MediaType, body.Size)
                    : End(LinkOutcome.Ok, null, status, type?.MediaType, body.Size, body.Sha256,
                        await DatesAsync(body.Sha256, type, linked.Token));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return End(LinkOutcome.Timeout, $"no whole answer within {_options.TimeoutSeconds} s (or no connection within {_options.ConnectTimeoutSeconds} s)");
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refusal)
        {
            return End(LinkOutcome.Refused, refusal.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidOperationException)
        {
            return End(LinkOutcome.Unreachable, Innermost(e).Message);
        }
    }

    /// <summary>Streams the body into a new snapshot; a null hash when it grew over the limit (nothing kept).</summary>
    private async Task<(long Size, string? Sha256)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var writer = _store.Begin();
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (writer.Length + read > _options.MaxBytes)
                {
                    return (writer.Length + read, null); // stop here: the rest is never read
                }
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        return (writer.Length, await writer.CommitAsync(cancellationToken));
    }

    private async Task<IReadOnlyList<DateOnly>> DatesAsync(string sha256, MediaTypeHeaderValue? type, CancellationToken cancellationToken)
    {
        await using var kept = _store.Open(sha256)!;
        return await DocumentDates.ReadAsync(kept, type?.MediaType, type?.CharSet, cancellationToken);
    }

    private static bool IsWeb(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>Resolves the name, keeps only the addresses it may, and connects to one of them (not to the name).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(_mayConnect).ToArray();
        if (allowed.Length == 0)
        {
            throw new LinkRefusedException(addresses.Length == 0
                ? $"{host} has no address"
                : $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not a public address");
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static LinkRefusedException? Refusal(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            if (inner is LinkRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>The checker would not connect: the address is not public.</summary>
public sealed class LinkRefusedException(string message) : Exception(message)
{
    public LinkRefusedException()
        : this("refused")
    {
    }

    public LinkRefusedException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}
