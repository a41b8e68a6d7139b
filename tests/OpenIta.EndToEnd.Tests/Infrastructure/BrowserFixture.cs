using System.Security.Cryptography;
using Microsoft.Playwright;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Shared by every end-to-end test: a prepared SQLite database in a temporary folder, the application running on it
/// as its own process, and one headless Debian Chromium driven by Playwright. Each test opens its own browser context
/// (<see cref="NewSessionAsync"/>): its own cookies, so sign-ins and the language choice do not leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags Chromium needs on this machine (closed network, root, no GPU); Playwright adds a fresh profile folder.</summary>
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private DirectoryInfo? _folder;
    private AppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly Dictionary<string, string> _signedIn = new(StringComparer.Ordinal);

    /// <summary>Made here, at run time, for the test users only: no password lives in the repository.</summary>
    public string Password { get; } = "E2e-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant() + "-Z9";

    public AppProcess App => _app ?? throw new InvalidOperationException("The application is not running.");

    /// <summary>Where the screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotFolder => Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    /// <summary>
    /// True once a test has imported seed 000's FY2565 result through the import page (the tests of the collection
    /// run one after another, so a later test can rely on it or do the import itself).
    /// </summary>
    public bool SeedImported { get; set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. The end-to-end tests drive Debian's Chromium: run ./test.sh, which installs the packages chromium and fonts-thai-tlwg when they are missing (or apt-get install chromium fonts-thai-tlwg).");
        }
        _folder = Directory.CreateTempSubdirectory("openita-e2e-");
        var database = Path.Combine(_folder.FullName, "openita.db");
        await E2eDatabase.PrepareAsync(database, Password);
        // One application serves every browser test, and they sign in from one address, more than the default ten times
        // a minute now that many walks run (the limit itself is tested by SignInLimitsTests and TwoInstancesTests).
        _app = await AppProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Engine"] = "sqlite",
            ["Database__Path"] = database,
            ["Security__SignIn__PerAddressPerMinute"] = "1000",
        }, TimeSpan.FromSeconds(60));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = 30_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"warning: could not remove {_folder?.FullName}: {e.Message}");
        }
    }

    /// <summary>
    /// A new browser context (fresh cookies) with one page, Thai first like a Thai user's browser. With
    /// <paramref name="signedInAs"/>, the context starts with that user's sign-in cookie: the user signs in through
    /// the form once per run, and later tests reuse the cookie, which keeps the run under the sign-in rate limit
    /// (ten attempts a minute from one address).
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(string? signedInAs = null)
    {
        string? state = null;
        if (signedInAs is not null && !_signedIn.TryGetValue(signedInAs, out state))
        {
            await using var first = await NewSessionAsync();
            await first.SignInAsync(signedInAs);
            state = await first.Context.StorageStateAsync();
            _signedIn[signedInAs] = state;
        }
        var browser = _browser ?? throw new InvalidOperationException("The browser is not running.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = false,
            StorageState = state,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, this);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
