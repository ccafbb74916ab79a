using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Voxgate.Calls.Tests.TestSupport;

/// <summary>
/// A private PostgreSQL for the tests: Debian's server binaries (scripts/setup.sh --test installs them), initdb into a
/// temporary folder, a free loopback port, started here and stopped when the tests end. As root it runs as the
/// unprivileged <c>postgres</c> user, as PostgreSQL requires. Each test asks for a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "voxgate";
    private string? _root;
    private string? _bin;
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (_bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server is not installed; run scripts/setup.sh --test (Debian's postgresql package).");
        }

        _root = Directory.CreateTempSubdirectory("voxgate-pg-").FullName;

        // The server's own user must be able to write here; the folder is private to this run by its random name.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, (UnixFileMode)0x1FF);
        }
        string data = Path.Combine(_root, "data");
        Port = FreePort();
        await RunAsync("initdb", $"-D {data} -U {User} --auth=trust --encoding=UTF8 --no-locale --no-sync --no-instructions");
        await StartServerAsync();
    }

    /// <summary>Takes the server away, as an outage does (every connection drops), until <see cref="ResumeAsync"/>.</summary>
    public async Task PauseAsync()
    {
        await RunAsync("pg_ctl", $"-D {Path.Combine(_root!, "data")} -m immediate -w stop");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Brings the server back on the same port, with its data.</summary>
    public Task ResumeAsync() => StartServerAsync();

    private Task StartServerAsync()
    {
        string data = Path.Combine(_root!, "data");
        // fsync off is safe against a stopped server (the OS still has the pages); synchronous_commit stays on, since an
        // immediate stop would otherwise lose commits the writer was told were made, and a store outage test with them.
        string options = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_root} -c fsync=off -c full_page_writes=off -c max_connections=300";
        return RunAsync("pg_ctl", $"-D {data} -l {Path.Combine(_root!, "server.log")} -o \"{options}\" -w -t 60 start");
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync("pg_ctl", $"-D {Path.Combine(_root, "data")} -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string ConnectionString(string database)
        => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Maximum Pool Size=60;Timeout=30";

    private async Task RunAsync(string tool, string arguments)
    {
        bool root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : Path.Combine(_bin!, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (root)
        {
            foreach (string a in (string[])["-u", "postgres", "--", Path.Combine(_bin!, tool)])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in Split(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
        {
            string log = _root is not null && File.Exists(Path.Combine(_root, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(_root, "server.log")) : "";
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {await output} {await error} {log}");
        }
    }

    /// <summary>Splits on spaces, keeping double-quoted parts whole.</summary>
    private static IEnumerable<string> Split(string arguments)
    {
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in arguments)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
