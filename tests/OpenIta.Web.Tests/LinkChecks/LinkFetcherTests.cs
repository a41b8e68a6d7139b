using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenIta.Data.LinkChecks;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Web.Tests.LinkChecks;

/// <summary>The link checker's fetcher against a server the test starts on 127.0.0.1 (issue 13, item 2).</summary>
public sealed class LinkFetcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 3, 0, 0, TimeSpan.Zero);
    private LinkServer _server = null!;
    private readonly string _root = Directory.CreateTempSubdirectory("openita-snapshots-").FullName;

    public async Task InitializeAsync() => _server = await LinkServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>What the tests set: their own server is on 127.0.0.1, so private addresses are allowed; small limits.</summary>
    private static LinkCheckOptions Options(bool allowPrivate = true, double timeoutSeconds = 10) => new()
    {
        AllowPrivateAddresses = allowPrivate,
        MaxBytes = 1024 * 1024,
        TimeoutSeconds = timeoutSeconds,
        ConnectTimeoutSeconds = 5,
        MaxRedirects = 5,
    };

    private LinkFetcher Fetcher(bool allowPrivate = true) => new(Options(allowPrivate), new FixedClock(Now), new SnapshotStore(_root));

    [Fact]
    public async Task A_page_is_recorded_and_kept_as_it_was_served()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/page"), default);

        var bytes = Encoding.UTF8.GetBytes(LinkServer.PageHtml);
        Assert.Equal(LinkOutcome.Ok, result.Outcome);
        Assert.False(result.IsBroken);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html", result.ContentType);
        Assert.Equal(bytes.Length, result.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal(_server.Url("/page"), result.FinalUrl);
        Assert.Equal(Now, result.FetchedAt);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(new SnapshotStore(_root).PathOf(result.Sha256!)));
        // The date in the text is read; the one inside the script is not text.
        Assert.Equal([new DateOnly(2023, 10, 1)], result.DocumentDates);
    }

    [Theory]
    [InlineData("/missing", 404)]
    [InlineData("/error", 500)]
    public async Task An_error_status_is_a_broken_link(string path, int status)
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url(path), default);
        Assert.Equal(LinkOutcome.HttpError, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.True(result.IsBroken);
        Assert.Null(result.Sha256);
    }

    [Fact]
    public async Task A_refused_connection_is_a_broken_link()
    {
        var port = _server.Port;
        await _server.DisposeAsync(); // nothing listens there now
        _server = await LinkServer.StartAsync();
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{port}/page", default);
        Assert.Equal(LinkOutcome.Unreachable, result.Outcome);
        Assert.True(result.IsBroken);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_the_limit()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/hop/5"), default);
        Assert.Equal(LinkOutcome.Ok, result.Outcome);
        Assert.Equal(5, result.Redirects);
        Assert.Equal(_server.Url("/page"), result.FinalUrl);
    }

    [Fact]
    public async Task A_redirect_loop_ends_at_the_limit()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/loop"), default);
        Assert.Equal(LinkOutcome.TooManyRedirects, result.Outcome);
        Assert.True(result.IsBroken);
        Assert.Equal(6, _server.Hits("/loop")); // the first request and five redirects followed, not one more
    }

    [Fact]
    public async Task A_slow_answer_times_out()
    {
        using var fetcher = new LinkFetcher(Options(timeoutSeconds: 1.5), new FixedClock(Now), new SnapshotStore(_root));
        var result = await fetcher.FetchAsync(_server.Url("/slow"), default);
        Assert.Equal(LinkOutcome.Timeout, result.Outcome);
        Assert.True(result.IsBroken);
        Assert.InRange(result.DurationMs, 1400, 10_000); // the server would have answered after 20 s
    }

    [Fact]
    public async Task A_body_over_the_limit_is_not_read_on_nor_kept()
    {
        using var fetcher = Fetcher();
        var streamed = await fetcher.FetchAsync(_server.Url("/big?megabytes=50"), default);
        Assert.Equal(LinkOutcome.TooLarge, streamed.Outcome);
        Assert.False(streamed.IsBroken);
        Assert.Null(streamed.Sha256);
        Assert.InRange(streamed.Size, 1024 * 1024 + 1, 2 * 1024 * 1024); // it stopped just past the limit, not at 50 MB

        var declared = await fetcher.FetchAsync(_server.Url("/big-declared"), default);
        Assert.Equal(LinkOutcome.TooLarge, declared.Outcome);
        Assert.Equal(3 * 1024 * 1024, declared.Size);

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)); // no snapshot, no temporary file left
    }

    [Fact]
    public async Task A_changed_page_has_another_hash_and_the_same_page_the_same_snapshot()
    {
        using var fetcher = Fetcher();
        var first = await fetcher.FetchAsync(_server.Url("/changing"), default);
        var again = await fetcher.FetchAsync(_server.Url("/changing"), default);
        _server.Changing = "<p>ฉบับที่ 2</p>";
        var changed = await fetcher.FetchAsync(_server.Url("/changing"), default);

        Assert.Equal(first.Sha256, again.Sha256);
        Assert.NotEqual(first.Sha256, changed.Sha256);
        Assert.Equal(2, Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Count());
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/page")]
    [InlineData("http://localhost:{port}/page")] // a name that resolves to loopback
    [InlineData("http://[::1]:{port}/page")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/page")]
    [InlineData("http://0.0.0.0:{port}/page")]
    public async Task A_private_address_is_refused_by_default(string url)
    {
        using var fetcher = Fetcher(allowPrivate: false);
        var result = await fetcher.FetchAsync(url.Replace("{port}", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), default);
        Assert.Equal(LinkOutcome.Refused, result.Outcome);
        Assert.True(result.IsBroken);
        Assert.Equal(0, _server.Hits("/page")); // never connected
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/page")]
    [InlineData("http://[::1]:{port}/page")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task A_redirect_to_a_private_address_is_refused(string target)
    {
        // This server's own 127.0.0.1 counts as public here; every other private address does not.
        using var fetcher = new LinkFetcher(Options(allowPrivate: false), new FixedClock(Now), new SnapshotStore(_root),
            address => address.Equals(IPAddress.Loopback) || PublicAddresses.IsPublic(address));
        var to = target.Replace("{port}", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var result = await fetcher.FetchAsync(_server.Url("/to?target=" + Uri.EscapeDataString(to)), default);
        Assert.Equal(LinkOutcome.Refused, result.Outcome);
        Assert.Equal(1, result.Redirects);
        Assert.Equal(new Uri(to).AbsoluteUri, result.FinalUrl);
        Assert.Equal(0, _server.Hits("/page"));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/x")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    public async Task Only_absolute_http_and_https_are_fetched(string url)
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(url, default);
        Assert.Equal(LinkOutcome.Refused, result.Outcome);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/to?target=" + Uri.EscapeDataString("file:///etc/passwd")), default);
        Assert.Equal(LinkOutcome.Refused, result.Outcome);
    }

    [Fact]
    public async Task A_pdf_gives_the_dates_of_its_metadata()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/doc.pdf"), default);
        Assert.Equal(LinkOutcome.Ok, result.Outcome);
        Assert.Equal("application/pdf", result.ContentType);
        Assert.Equal([new DateOnly(2022, 1, 15)], result.DocumentDates);
    }

    [Fact]
    public async Task A_tis620_page_is_read_in_its_charset()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("/tis620"), default);
        Assert.Equal([new DateOnly(2024, 3, 5)], result.DocumentDates);
    }
}
