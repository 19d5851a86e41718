using System.Net;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// Drives Orleans' own AdoNetClusteringTable over our schema through the paths a short silo run
/// never reaches: stale table versions, heartbeats, defunct-silo clean-up, deleting a cluster.
/// </summary>
public sealed class MembershipTableOnPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _clusterId = $"membership-{Guid.NewGuid():N}";
    private AdoNetClusteringTable _table = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        _table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = database.Store.AdoInvariant, ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true, default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_cluster_reads_as_version_zero_without_members_and_initializing_again_is_harmless()
    {
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true, default);

        var table = await _table.ReadAllAsync(default);

        Assert.Empty(table.Members);
        Assert.Equal(0, table.Version.Version);
    }

    [Fact]
    public async Task A_silo_joins_only_under_the_current_table_version()
    {
        var start = await _table.ReadAllAsync(default);
        var silo = Entry(port: 11111, SiloStatus.Joining);

        Assert.True(await _table.InsertRowAsync(silo, start.Version.Next(), default));
        Assert.False(await _table.InsertRowAsync(Entry(port: 22222, SiloStatus.Joining), start.Version.Next(), default));

        var joined = await _table.ReadAllAsync(default);
        Assert.Equal(1, joined.Version.Version);
        var (stored, _) = Assert.Single(joined.Members);
        Assert.Equal((silo.SiloAddress, silo.SiloName, silo.HostName, silo.Status, silo.ProxyPort), (stored.SiloAddress, stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort));

        // The same silo twice is refused and must not move the version.
        Assert.False(await _table.InsertRowAsync(silo, joined.Version.Next(), default));
        Assert.Equal(1, (await _table.ReadAllAsync(default)).Version.Version);
    }

    [Fact]
    public async Task A_silo_row_changes_only_under_the_current_table_version_and_keeps_its_suspicions()
    {
        var silo = Entry(port: 11111, SiloStatus.Joining);
        var start = await _table.ReadAllAsync(default);
        await _table.InsertRowAsync(silo, start.Version.Next(), default);
        var joined = await _table.ReadAllAsync(default);

        silo.Status = SiloStatus.Active;
        silo.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 33333, 7), DateTime.UtcNow)];
        // Orleans 10.4 gives each row the table version's ETag and only reaches the database when
        // the two agree, so the stale attempt below is refused by our SQL, not by Orleans.
        Assert.False(await _table.UpdateRowAsync(silo, start.Version.VersionEtag, start.Version.Next(), default));
        Assert.True(await _table.UpdateRowAsync(silo, Assert.Single(joined.Members).Item2, joined.Version.Next(), default));

        var row = await _table.ReadRowAsync(silo.SiloAddress, default);
        Assert.Equal(2, row.Version.Version);
        var (stored, _) = Assert.Single(row.Members);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(silo.SuspectTimes!.Select(s => s.Item1), stored.SuspectTimes!.Select(s => s.Item1));
    }

    [Fact]
    public async Task A_heartbeat_moves_i_am_alive_without_moving_the_table_version()
    {
        var silo = Entry(port: 11111, SiloStatus.Active);
        await _table.InsertRowAsync(silo, (await _table.ReadAllAsync(default)).Version.Next(), default);

        silo.IAmAliveTime = silo.IAmAliveTime.AddMinutes(5);
        await _table.UpdateIAmAliveAsync(silo, default);

        var row = await _table.ReadRowAsync(silo.SiloAddress, default);
        Assert.Equal(1, row.Version.Version);
        Assert.Equal(silo.IAmAliveTime, Assert.Single(row.Members).Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Clean_up_removes_stale_silos_that_are_not_active_and_keeps_the_rest()
    {
        var longAgo = DateTime.UtcNow.AddDays(-30);
        var deadAndStale = Entry(port: 11111, SiloStatus.Dead, aliveAt: longAgo);
        var activeAndStale = Entry(port: 22222, SiloStatus.Active, aliveAt: longAgo);
        var deadButRecent = Entry(port: 33333, SiloStatus.Dead, aliveAt: DateTime.UtcNow);
        foreach (var silo in new[] { deadAndStale, activeAndStale, deadButRecent })
        {
            Assert.True(await _table.InsertRowAsync(silo, (await _table.ReadAllAsync(default)).Version.Next(), default));
        }

        await _table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-7), default);

        var remaining = (await _table.ReadAllAsync(default)).Members.Select(member => member.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([22222, 33333], remaining);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_silos_and_its_version()
    {
        await _table.InsertRowAsync(Entry(port: 11111, SiloStatus.Active), (await _table.ReadAllAsync(default)).Version.Next(), default);

        await _table.DeleteMembershipTableEntriesAsync(_clusterId, default);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM orleans_membership WHERE deployment_id = $1) + (SELECT count(*) FROM orleans_membership_version WHERE deployment_id = $1)",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? aliveAt = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 42),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1,
        StartTime = DateTime.UtcNow.AddMinutes(-1),
        IAmAliveTime = aliveAt ?? DateTime.UtcNow,
    };
}
