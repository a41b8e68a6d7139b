using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenIta.Testing;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real application as its own process, the way it runs in production: <c>dotnet OpenIta.Web.dll</c> (built next
/// to the tests by the project reference) on 127.0.0.1 and a free port, on a SQLite file, without demo data. The
/// content root is the project folder, so that <c>wwwroot</c> is served. Dispose kills the process tree.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // Should the test host end without disposing the fixture, the application must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>The application's process id (to read its memory in /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>http://127.0.0.1:PORT (no trailing slash).</summary>
    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>What the application printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<AppProcess> StartAsync(string databasePath, TimeSpan timeout) =>
        StartAsync(new Dictionary<string, string> { ["Database__Engine"] = "sqlite", ["Database__Path"] = databasePath }, timeout);

    /// <summary>The application on either engine: <paramref name="engine"/> and its connection string.</summary>
    public static Task<AppProcess> StartAsync(OpenIta.Data.DatabaseEngine engine, string connectionString, TimeSpan timeout) =>
        StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Engine"] = engine == OpenIta.Data.DatabaseEngine.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings__OpenIta"] = connectionString,
        }, timeout);

    /// <summary>
    /// Starts the application with <paramref name="settings"/> as environment variables (the database's, logging …),
    /// and waits until <paramref name="healthPath"/> answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout, string healthPath = "/health")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = Path.Combine(AppContext.BaseDirectory, "OpenIta.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the test project references src/OpenIta.Web, so building the tests builds it.");
        }
        var contentRoot = Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Web");
        var port = FreePort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));

        var start = new ProcessStartInfo
        {
            FileName = DotnetHost(),
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }
        var environment = start.Environment;
        foreach (var inherited in environment.Keys.Where(k =>
                     k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase) ||
                     k.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase) ||
                     k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(inherited);
        }
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Demo__Enabled"] = "false";
        environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {start.FileName} {dll}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(timeout, healthPath);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>SIGKILL to the application's own process (by its id), as a crash or an OOM kill would end it: no
    /// shutdown, no flushing. Waits until it is gone.</summary>
    public async Task KillAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"warning: could not stop the application (pid {_process.Id}): {e.Message}");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // not started or already gone
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, string healthPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The application exited with code {_process.ExitCode} before {healthPath} answered. Its output:\n{Output}"));
            }
            try
            {
                using var health = await client.GetAsync(new Uri(healthPath, UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{healthPath} did not answer 200 within {timeout.TotalSeconds} s at {BaseAddress}. The application's output:\n{Output}"));
            }
            await Task.Delay(100);
        }

        // Static files come from the content root's wwwroot: without them every page is unstyled.
        using var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        if (css.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"/css/site.css answered {(int)css.StatusCode}: the content root (wwwroot) is wrong. Output:\n{Output}"));
        }
    }

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
