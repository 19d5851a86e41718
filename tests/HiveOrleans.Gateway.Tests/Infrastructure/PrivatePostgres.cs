using System.Diagnostics;
using System.Globalization;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of this test's own, from the Debian package's binaries (initdb, pg_ctl), on 127.0.0.1 and a
/// free port, with PostgreSQL's default settings (100 connections): a test can stop and restart it without touching
/// the server every other test shares. Run as the <c>postgres</c> user when the tests run as root, since PostgreSQL
/// refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to the <c>postgres</c> database (trust authentication, loopback only).</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0)).LastOrDefault() is { } newest
            ? Path.Combine(newest, "bin")
            : throw new InvalidOperationException("PostgreSQL's binaries were not found under /usr/lib/postgresql (apt-get install postgresql).");
        var directory = Path.Combine(Path.GetTempPath(), "hive-pg-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(directory);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        var server = new PrivatePostgres(bin, directory, FreeTcpPort.Next());
        await server.RunToolAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        await server.StartServerAsync();
        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Stops the server (fast shutdown: open connections are cut, as in a restart).</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "fast", "-w");

    /// <summary>Starts the server again and returns once it accepts connections.</summary>
    public Task StartServerAsync() => RunToolAsync(
        "pg_ctl", "start", "-D", DataDirectory, "-w", "-l", Path.Combine(_directory, "server.log"),
        "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory}"));

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "immediate", "-w");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task RunToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
