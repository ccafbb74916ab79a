using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Voxgate.Calls.Tests.TestSupport;
using Voxgate.Server.Tests.Gateway;

namespace Voxgate.Scale.Tests.TestSupport;

/// <summary>
/// Two <c>voxgate serve</c> processes on one private PostgreSQL database, behind nginx with deploy/nginx's configuration:
/// the compose file's set-up, natively on loopback. Instances share the session-token secret; /ws needs a token.
/// </summary>
internal sealed class ScaleCluster : IAsyncDisposable
{
    public const string ClientToken = "scale-client-token";
    public const string AdminToken = "scale-admin-token";
    private const string SessionSecret = "scale-shared-session-secret";

    private readonly string _folder;

    private ScaleCluster(string connectionString, string folder, VoxgateInstance a, VoxgateInstance b, NginxServer nginx)
    {
        ConnectionString = connectionString;
        _folder = folder;
        A = a;
        B = b;
        Nginx = nginx;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public string ConnectionString { get; }

    public VoxgateInstance A { get; }

    public VoxgateInstance B { get; }

    public NginxServer Nginx { get; }

    public HttpClient Http { get; }

    /// <summary>The origin of the page as a browser sees it: nginx's.</summary>
    public string Origin => Nginx.Address.GetLeftPart(UriPartial.Authority);

    public VoxgateInstance Instance(string name) => A.Name == name ? A : B.Name == name ? B : throw new ArgumentException(name);

    public static async Task<ScaleCluster> StartAsync(PostgresServer postgres, string drainTimeout = "00:01:00")
    {
        string connectionString = await postgres.CreateDatabaseAsync();
        string folder = Directory.CreateTempSubdirectory("voxgate-scale-").FullName;

        // nginx's port is chosen before the instances start: they allow pages from its origin.
        int nginxPort = Ports.Free();
        string[] Settings(string name) =>
        [
            $"--Store:ConnectionString={connectionString}",
            $"--Recording:Folder={Path.Combine(folder, name, "recordings")}",
            $"--Gateway:SessionTokenSecret={SessionSecret}",
            $"--Gateway:ClientTokens:0={ClientToken}",
            $"--Gateway:AllowedOrigins:0=http://127.0.0.1:{nginxPort}",
            "--Gateway:MaxSessionsPerIp=200",
            $"--Gateway:DrainTimeout={drainTimeout}",
            $"--Dashboard:AdminTokens:0={AdminToken}",
            "--Engine:RecognizersAtStart=1",
        ];

        // Started one after the other: two engines loading at once on 2 cores only take longer each.
        VoxgateInstance a = await VoxgateInstance.StartAsync("scale-a", Settings("scale-a"));
        VoxgateInstance b = await VoxgateInstance.StartAsync("scale-b", Settings("scale-b"));
        NginxServer nginx = await NginxServer.StartAsync(nginxPort, a.Address, b.Address);
        return new ScaleCluster(connectionString, folder, a, b, nginx);
    }

    /// <summary>A short-lived session token from <paramref name="server"/>'s <c>POST /api/session</c>.</summary>
    public async Task<string> MintTokenAsync(Uri server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/session"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClientToken);
        using HttpResponseMessage response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
    }

    /// <summary>A call as a browser page on nginx's origin makes it: a token, then <c>/ws</c> with it, until <c>session.ready</c>.</summary>
    public async Task<LiveCall> CallAsync(Uri? server = null, string? token = null, string? origin = null)
    {
        server ??= Nginx.Address;
        token ??= await MintTokenAsync(server);
        GatewayClient client = await GatewayClient.ConnectAsync(server, "token=" + Uri.EscapeDataString(token), o => o.SetRequestHeader("Origin", origin ?? Origin));
        JsonObject ready = await client.WaitForTypeAsync("session.ready");
        return new LiveCall(client, (string)ready["session_id"]!);
    }

    /// <summary>Which instance took the call, from its record (written by the instance's writer a moment after it began).</summary>
    public async Task<string> InstanceOfAsync(string callId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            if (await connection.QuerySingleOrDefaultAsync<string>("SELECT instance_id FROM calls WHERE id = @callId", new { callId }) is { } instance)
            {
                return instance;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"call {callId} has no record");
            }
        }
    }

    public async Task<T> QueryAsync<T>(Func<NpgsqlConnection, Task<T>> query)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await query(connection);
    }

    /// <summary><c>GET /api/calls</c> on <paramref name="server"/> with the admin token: the ids of every call it lists.</summary>
    public async Task<(long Total, HashSet<string> Ids)> ListCallsAsync(Uri server)
    {
        // Listings went unanswered while socket inline completions froze an instance (docs/deployment.md). A second try
        // on a fresh request keeps one hang from failing the run; a third failure does, with what nginx and the
        // instances logged about it in the message.
        string name = server == Nginx.Address ? "nginx" : server == A.Address ? A.Name : B.Name;
        HttpResponseMessage? answered = null;
        for (int attempt = 1; answered is null; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/api/calls?pageSize=500"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            try
            {
                answered = await Http.SendAsync(request);
            }
            catch (TaskCanceledException) when (attempt < 3)
            {
                await File.AppendAllTextAsync(Path.Combine(Repository.Root, "test-output", "scale.txt"), $"{DateTime.UtcNow:HH:mm:ss.fff} GET /api/calls on {name} ({server}) timed out (try {attempt})\n");
            }
            catch (TaskCanceledException timedOut)
            {
                throw new TimeoutException($"GET /api/calls on {name} ({server}) went unanswered three times.\n{Diagnosis()}", timedOut);
            }
        }

        using HttpResponseMessage response = answered;
        response.EnsureSuccessStatusCode();
        JsonObject page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((long)page["total"]!, [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!)]);
    }

    /// <summary>nginx's last requests and each instance's last requests and connections, for a failure's message.</summary>
    private string Diagnosis()
    {
        static string Tail(string log, int lines, Func<string, bool>? keep = null)
            => string.Join('\n', log.Split('\n').Where(l => l.Length > 0 && (keep?.Invoke(l) ?? true)).TakeLast(lines));

        static bool Plain(string line) => !line.Contains("/ws", StringComparison.Ordinal) || line.Contains("/api/", StringComparison.Ordinal);
        return $"nginx access log:\n{Tail(Nginx.AccessLog, 15)}\nnginx error log:\n{Tail(Nginx.ErrorLog, 10)}\n"
            + $"{A.Name}:\n{Tail(A.Output, 20, Plain)}\n{B.Name}:\n{Tail(B.Output, 20, Plain)}";
    }

    public async ValueTask DisposeAsync()
    {
        // What each process said, for a failure's post-mortem (CI keeps test-output/).
        string logs = Path.Combine(Repository.Root, "test-output");
        Directory.CreateDirectory(logs);
        await File.AppendAllTextAsync(Path.Combine(logs, "scale-instances.log"),
            $"== {DateTime.UtcNow:HH:mm:ss} {A.Name}\n{A.Output}\n== {B.Name}\n{B.Output}\n== nginx\n{Nginx.ErrorLog}\n== nginx access\n{Nginx.AccessLog}\n");
        Http.Dispose();
        await Nginx.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
