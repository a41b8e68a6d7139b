using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenIta.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 server from the Debian packages: a fresh data directory in a temporary folder, listening on
/// 127.0.0.1 only, fsync off. Run as root, the server programs run as the postgres user (runuser). Dispose stops it and
/// removes the folder.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    public const string InstallHint = "apt-get update && apt-get install -y postgresql-15";

    private readonly string _folder;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;
    private bool _running;

    private PostgresServer(string folder, bool asPostgresUser, int port)
    {
        _folder = folder;
        _dataDirectory = Path.Combine(folder, "data");
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Settings every throwaway server gets: loopback only, no durability (the data is thrown away).</summary>
    public static IReadOnlyList<(string Name, string Value)> BaseSettings { get; } =
    [
        ("listen_addresses", "'127.0.0.1'"),
        ("fsync", "off"),
        ("synchronous_commit", "off"),
        ("full_page_writes", "off"),
        ("log_min_messages", "warning"),
    ];

    /// <summary>The settings this server was started with.</summary>
    public IReadOnlyList<(string Name, string Value)> Settings { get; private set; } = BaseSettings;

    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>The connection string of one database of this server.</summary>
    public string ConnectionStringFor(string database) => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=60;Command Timeout=0;Include Error Detail=true");

    /// <summary>Why the server cannot be started here, or null when the binaries are present.</summary>
    public static string? Unavailable()
    {
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(BinDirectory, program)))
            {
                return $"{Path.Combine(BinDirectory, program)} not found. Install PostgreSQL 15 with: {InstallHint}";
            }
        }
        if (Environment.IsPrivilegedProcess && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return "running as root, but runuser is missing (util-linux) to run the server as the postgres user";
        }
        return null;
    }

    /// <summary>Starts a server with <see cref="BaseSettings"/> and <paramref name="extraSettings"/> (later ones win).</summary>
    public static PostgresServer Start(IReadOnlyList<(string Name, string Value)>? extraSettings = null)
    {
        var asPostgres = Environment.IsPrivilegedProcess;
        var folder = Directory.CreateTempSubdirectory("openita-pg-").FullName;
        var server = new PostgresServer(folder, asPostgres, FreePort());
        try
        {
            if (asPostgres)
            {
                Run("chown", ["postgres:postgres", folder], asPostgres: false);
            }
            server.RunServerProgram("initdb", ["-D", server._dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
            server.Settings = [.. BaseSettings, .. extraSettings ?? []];
            var settings = server.Settings.Select(s => $"{s.Name} = {s.Value}")
                .Append(string.Create(CultureInfo.InvariantCulture, $"port = {server.Port}"))
                .Append($"unix_socket_directories = '{folder}'");
            File.AppendAllText(Path.Combine(server._dataDirectory, "postgresql.conf"),
                "\n# openita\n" + string.Join('\n', settings) + "\n");
            server._running = true; // from here on, Dispose tries to stop it
            server.RunServerProgram("pg_ctl", ["-D", server._dataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "start"]);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_running)
        {
            _running = false;
            try
            {
                RunServerProgram("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"warning: could not stop the PostgreSQL server in {_folder}: {e.Message}");
                return; // leave the folder for inspection
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"warning: could not remove {_folder}: {e.Message}");
        }
    }

    /// <summary>The server's folder: its data directory (every file the server writes) and server.log.</summary>
    public string Folder => _folder;

    public string ServerLog()
    {
        var log = Path.Combine(_folder, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private void RunServerProgram(string program, IReadOnlyList<string> arguments) =>
        Run(Path.Combine(BinDirectory, program), arguments, _asPostgresUser);

    private static string Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Trim()}"));
        }
        return output;
    }

    /// <summary>
    /// A port the system says is free. Test projects run in parallel processes, each with its own server: asking the
    /// system (port 0) rather than probing from a fixed number keeps two of them from picking the same port.
    /// </summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
