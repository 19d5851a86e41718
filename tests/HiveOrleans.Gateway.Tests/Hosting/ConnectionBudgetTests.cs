using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>
/// A process opens no more PostgreSQL connections than its budget (HiveOrleans:Postgres:MaxConnections), across its
/// stores and Orleans' providers, and under load beyond it work waits for a connection instead of failing.
/// </summary>
public sealed class ConnectionBudgetTests : IAsyncLifetime
{
    private const int Budget = 6;

    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["HiveOrleans:Postgres:MaxConnections"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Many_concurrent_submissions_all_succeed_within_the_connection_budget()
    {
        var project = await _server.Client.CreateProjectAsync("budget");
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakConnectionsAsync(sampling.Token);

        var next = 0;
        var statuses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            var mine = new List<HttpStatusCode>();
            while (Interlocked.Increment(ref next) <= 600)
            {
                var (status, _) = await _server.Client.SubmitTextAsync(project.Key, "async", "are you still there? " + next);
                mine.Add(status);
            }

            return mine;
        }));
        await sampling.CancelAsync();

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(600, statuses.Sum(s => s.Count));
        var most = await peak;
        Assert.InRange(most, 1, Budget);
    }

    private async Task<int> SamplePeakConnectionsAsync(CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _database.Name });
        var peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, (int)(long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(20, CancellationToken.None);
        }

        return peak;
    }
}
