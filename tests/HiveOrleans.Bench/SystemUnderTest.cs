using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Host;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HiveOrleans.Bench;

/// <summary>
/// The system under test: in this process, built by <see cref="EmbeddedHost.Build"/> exactly as the service is (embedded
/// on a SQLite file in a fresh temporary directory, or a silo co-hosted with the gateway on a fresh PostgreSQL
/// database); as separate silo and gateway processes started the README's way (<see cref="SpawnAsync"/>); or a service
/// started by someone else (<see cref="Attach"/>). Disposing stops what it started and removes the directory or drops
/// the database it made.
/// </summary>
internal sealed partial class SystemUnderTest : IAsyncDisposable
{
    private const string OperatorToken = "bench-operator-token";

    private readonly WebApplication? _app;
    private readonly ServiceProcesses? _processes;
    private readonly string? _dataDirectory;
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;
    private readonly string _operatorToken;
    private readonly bool _owned;

    private SystemUnderTest(WebApplication app, Uri address, string? dataDirectory, string? serverConnectionString, string? databaseName)
        : this(address, OperatorToken, dataDirectory, serverConnectionString, databaseName, owned: true)
    {
        _app = app;
    }

    private SystemUnderTest(Uri address, string operatorToken, string? dataDirectory, string? serverConnectionString, string? databaseName, bool owned, ServiceProcesses? processes = null, IReadOnlyList<int>? pids = null)
    {
        Address = address;
        _operatorToken = operatorToken;
        _dataDirectory = dataDirectory;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
        _owned = owned;
        _processes = processes;
        ServicePids = pids ?? processes?.Pids ?? [];
    }

    /// <summary>The processes of a service running outside this one (spawned or attached): their CPU and memory are measured.</summary>
    public IReadOnlyList<int> ServicePids { get; }

    /// <summary>What runs where, for the report: the mode and whether it is in this process, spawned or attached.</summary>
    public string Label => (IsCluster ? "cluster" : "embedded") + (_app is not null ? ", in-process" : _processes is not null ? _spawned : ", attached");

    private string _spawned = "";

    /// <summary>The gateway's HTTP address on 127.0.0.1.</summary>
    public Uri Address { get; }

    public bool IsCluster => _databaseName is not null;

    public static async Task<SystemUnderTest> StartEmbeddedAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hive-bench-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            var app = await StartAppAsync(new() { ["HiveOrleans:DataDirectory"] = directory });
            return new SystemUnderTest(app.App, app.Address, directory, null, null);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// README's cluster: <paramref name="silos"/> <c>HiveOrleans.Silo</c> processes and one <c>HiveOrleans.Gateway</c>
    /// process on a fresh database, every one on 127.0.0.1; or, with <paramref name="silos"/> 0, embedded mode as one
    /// gateway process on a fresh data directory.
    /// </summary>
    public static async Task<SystemUnderTest> SpawnAsync(string serverConnectionString, int silos)
    {
        var id = Guid.NewGuid().ToString("n")[..12];
        var processes = new ServiceProcesses(Path.Combine(Path.GetTempPath(), "hive-bench-logs-" + id));
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreeLoopbackPort()}"));
        var common = new Dictionary<string, string>
        {
            ["HiveOrleans__ClusterId"] = "bench-" + id,
            ["HiveOrleans__AdvertisedAddress"] = "127.0.0.1",

            // The callback sink listens on loopback, which the outbound address policy refuses unless allowed.
            ["HiveOrleans__Callbacks__AllowList__0"] = "127.0.0.1",

            // Logging stays as README's processes have it (HiveConfigurationDefaults): what it costs is part of the figure.
        };
        string? directory = null;
        string? name = null;
        try
        {
            if (silos == 0)
            {
                directory = Path.Combine(Path.GetTempPath(), "hive-bench-" + id);
                Directory.CreateDirectory(directory);
                common["HiveOrleans__DataDirectory"] = directory;
                common["HiveOrleans__SiloPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
                common["HiveOrleans__GatewayPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                name = "hive_bench_" + id;
                await ExecuteOnServerAsync(serverConnectionString, $"CREATE DATABASE \"{name}\"");
                common["ConnectionStrings__HiveOrleans"] = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
                for (var i = 0; i < silos; i++)
                {
                    processes.Start($"silo-{i + 1}", "HiveOrleans.Silo", common,
                        $"--HiveOrleans:SiloPort={FreeLoopbackPort()}", $"--HiveOrleans:GatewayPort={FreeLoopbackPort()}");
                }
            }

            // Embedded mode is the gateway with its silo inside (HiveOrleans.Host); a cluster's gateway is a client only.
            processes.Start("gateway", silos == 0 ? "HiveOrleans.Host" : "HiveOrleans.Gateway", new Dictionary<string, string>(common)
            {
                ["HiveOrleans__AdminToken"] = OperatorToken,
                ["ASPNETCORE_URLS"] = address.ToString(),
            });
            await processes.WaitUntilReadyAsync(new Uri(address, "/readyz"), TimeSpan.FromSeconds(120));
            Console.WriteLine($"   {(silos == 0 ? "embedded: 1 gateway process" : $"cluster: {silos} silo process(es) + 1 gateway process")} (pids {string.Join(", ", processes.Pids)}); logs in {processes.LogDirectory}");
            return new SystemUnderTest(address, OperatorToken, directory, silos == 0 ? null : serverConnectionString, name, owned: true, processes)
            {
                _spawned = silos == 0 ? ", gateway process" : string.Create(CultureInfo.InvariantCulture, $", {silos} silo + 1 gateway processes"),
            };
        }
        catch
        {
            await processes.DisposeAsync();
            if (name is not null)
            {
                await DropDatabaseAsync(serverConnectionString, name);
            }

            throw;
        }
    }

    /// <summary>
    /// A service someone else started and owns (nothing is removed afterwards). Counting what is left to process reads
    /// its store: <paramref name="database"/> on <paramref name="serverConnectionString"/> (cluster) or the SQLite file
    /// in <paramref name="dataDirectory"/> (embedded).
    /// </summary>
    public static SystemUnderTest Attach(Uri target, string operatorToken, string serverConnectionString, string? database, string? dataDirectory, IReadOnlyList<int> pids) =>
        new(target, operatorToken, dataDirectory, database is null ? null : serverConnectionString, database, owned: false, pids: pids);

    public static async Task<SystemUnderTest> StartClusterAsync(string serverConnectionString)
    {
        var name = "hive_bench_" + Guid.NewGuid().ToString("n")[..12];
        await ExecuteOnServerAsync(serverConnectionString, $"CREATE DATABASE \"{name}\"");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
            var app = await StartAppAsync(new()
            {
                ["ConnectionStrings:HiveOrleans"] = database,
                ["HiveOrleans:CoHostSilo"] = "true",
            });
            return new SystemUnderTest(app.App, app.Address, null, serverConnectionString, name);
        }
        catch
        {
            await DropDatabaseAsync(serverConnectionString, name);
            throw;
        }
    }

    /// <summary>
    /// Creates a text, model-only project through the operator API and returns its first API key; with
    /// <paramref name="limits"/>, a project whose rate limit and daily quota are checked on every submission but set so
    /// high that they never reject.
    /// </summary>
    public Task<string> CreateProjectAsync(HttpClient client, bool limits = false)
    {
        var settings = new Dictionary<string, object> { ["name"] = limits ? "bench-limited" : "bench", ["model_type"] = "text", ["review"] = "model_only" };
        if (limits)
        {
            settings["rate_limit"] = new { per_second = 1_000_000, burst = 1_000_000 };
            settings["daily_quota"] = 100_000_000;
        }

        return CreateProjectAsync(client, settings);
    }

    /// <summary>Creates a visual, model-only project with no hash banks (the default 20 MiB upload limit) and returns its first API key.</summary>
    public Task<string> CreateVisualProjectAsync(HttpClient client) =>
        CreateProjectAsync(client, new Dictionary<string, object>
        {
            ["name"] = "bench-visual",
            ["model_type"] = "visual",
            ["review"] = "model_only",
            ["hash_banks"] = Array.Empty<string>(),
        });

    /// <summary>
    /// How many blobs the media store holds and their bytes: <c>hive_media</c> in cluster mode, the files under the
    /// data directory's <c>media</c> (spool files left out) in embedded mode.
    /// </summary>
    public async Task<(long Count, long Bytes)> MeasureMediaStoreAsync()
    {
        if (IsCluster)
        {
            await using var connection = await OpenAsync(DatabaseConnectionString);
            await using var command = new NpgsqlCommand("SELECT COUNT(*), COALESCE(SUM(length), 0)::bigint FROM hive_media", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        var directory = new DirectoryInfo(Path.Combine(_dataDirectory!, "media"));
        if (!directory.Exists)
        {
            return (0, 0);
        }

        var blobs = directory.EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.StartsWith('.'))
            .ToArray();
        return (blobs.Length, blobs.Sum(f => f.Length));
    }

    /// <summary>
    /// Creates a text, manual-review project where every task goes to review, and returns its id and first API key.
    /// </summary>
    public async Task<(long ProjectId, string ApiKey)> CreateReviewProjectAsync(HttpClient client)
    {
        var project = await CreateAsync(client, "/admin/v1/projects", new Dictionary<string, object>
        {
            ["name"] = "bench-review",
            ["model_type"] = "text",
            ["review"] = "manual_review",
        });
        return (project.GetProperty("project_id").GetInt64(), project.GetProperty("api_keys")[0].GetString()!);
    }

    /// <summary>Creates a reviewer of <paramref name="projectId"/> and returns their token.</summary>
    public async Task<string> CreateReviewerAsync(HttpClient client, string name, long projectId)
    {
        var reviewer = await CreateAsync(client, "/admin/v1/reviewers", new Dictionary<string, object>
        {
            ["name"] = name,
            ["projects"] = new[] { projectId },
            ["roles"] = new[] { "reviewer" },
        });
        return reviewer.GetProperty("token").GetString()!;
    }

    private async Task<string> CreateProjectAsync(HttpClient client, Dictionary<string, object> settings) =>
        (await CreateAsync(client, "/admin/v1/projects", settings)).GetProperty("api_keys")[0].GetString()!;

    /// <summary>POSTs <paramref name="body"/> to an operator API collection and returns the 201's document.</summary>
    private async Task<JsonElement> CreateAsync(HttpClient client, string path, Dictionary<string, object> body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, path))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _operatorToken);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Rows in the task ledger: tasks that are still owed work (processing or a callback), or only those owed <paramref name="reason"/>.</summary>
    public async Task<long> CountLedgerRowsAsync(TaskLedgerReason? reason = null)
    {
        // Tasks that still owe work (the rows the sweeper would look at), as ITaskStore.CountDueAsync counts them.
        var due = IsCluster ? "due_at" : "due_at_ms";
        var count = reason is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM hive_task WHERE {due} IS NOT NULL AND due_reason = {(short)r}")
            : $"SELECT COUNT(*) FROM hive_task WHERE {due} IS NOT NULL";
        if (IsCluster)
        {
            await using var connection = await OpenAsync(DatabaseConnectionString);
            await using var command = new NpgsqlCommand(count, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dataDirectory!, "hiveorleans.db"), Mode = SqliteOpenMode.ReadOnly };
        await using (var connection = new SqliteConnection(sqlite.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = count;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// PostgreSQL's cumulative counters for this database (cluster mode only). Backends report them at most about
    /// once a second, so a difference over a short window is approximate.
    /// </summary>
    public async Task<DatabaseActivity?> ReadDatabaseActivityAsync()
    {
        if (!IsCluster)
        {
            return null;
        }

        await using var connection = await OpenAsync(DatabaseConnectionString);
        return await DatabaseActivity.ReadAsync(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_owned)
        {
            return;
        }

        if (_app is not null)
        {
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await _app.StopAsync(stopping.Token);
            }

            await _app.DisposeAsync();
        }

        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }

        if (_databaseName is not null)
        {
            await DropDatabaseAsync(_serverConnectionString!, _databaseName);
        }
    }

    private string DatabaseConnectionString =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName, Pooling = false }.ConnectionString;

    private static async Task<(WebApplication App, Uri Address)> StartAppAsync(Dictionary<string, string?> settings)
    {
        settings["HiveOrleans:AdminToken"] = OperatorToken;
        settings["HiveOrleans:ClusterId"] = "bench-" + Guid.NewGuid().ToString("n")[..12];
        settings["HiveOrleans:SiloPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        settings["HiveOrleans:GatewayPort"] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["HiveOrleans:AdvertisedAddress"] = "127.0.0.1";
        settings["HiveOrleans:Callbacks:AllowList:0"] = "127.0.0.1"; // the callback sink is on loopback
        var app = EmbeddedHost.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>A loopback port that was free a moment ago (Orleans needs fixed ports; Kestrel takes port 0).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task DropDatabaseAsync(string serverConnectionString, string name)
    {
        // Orleans' providers leave connections in Npgsql's pool; FORCE ends them and anything else still connected.
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(serverConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string serverConnectionString, string sql)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = await OpenAsync(server);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
