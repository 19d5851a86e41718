using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// The proof that deploy/sql/postgresql satisfies Orleans: a real silo clusters, stores grain
/// state and keeps reminders through Orleans' own ADO.NET providers on our schema.
/// </summary>
public sealed class OrleansOnPostgresTests(PostgresProbeSilo silo) : IClassFixture<PostgresProbeSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Grain_state_written_on_postgres_is_read_back_after_deactivation()
    {
        var id = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IStorageProbeGrain>(id);

        var written = await grain.WriteAsync("hello from postgres");
        await grain.DeactivateAsync();
        var reread = await grain.ReadAsync();

        Assert.NotEqual(written.ActivationId, reread.ActivationId);
        Assert.Equal(("hello from postgres", true), (reread.KeptText, reread.KeptExists));
        Assert.Equal(("hello from postgres", true), (reread.DeletedText, reread.DeletedExists));
        // System.Text.Json, as configured: Orleans' default serializer would add "$type" and "$id".
        var json = """{"Text":"hello from postgres"}""";
        Assert.Equal([("probe", json), ("probe-deleting", json)], await RowsAsync(id));
    }

    [Fact]
    public async Task Cleared_grain_state_on_postgres_reads_back_empty_and_can_be_written_again()
    {
        var id = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IStorageProbeGrain>(id);
        await grain.WriteAsync("to be cleared");

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        var cleared = await grain.ReadAsync();

        Assert.Equal((null, false, null, false), (cleared.KeptText, cleared.KeptExists, cleared.DeletedText, cleared.DeletedExists));
        // The keeping store leaves a payload-less row (its version lives on); the deleting one leaves none.
        Assert.Equal([("probe", (string?)null)], await RowsAsync(id));

        await grain.WriteAsync("written after clear");
        await grain.DeactivateAsync();
        var rewritten = await grain.ReadAsync();

        Assert.Equal(("written after clear", "written after clear"), (rewritten.KeptText, rewritten.DeletedText));
    }

    [Fact]
    public async Task Reminders_on_postgres_are_stored_listed_fired_and_unregistered()
    {
        var id = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IReminderProbeGrain>(id);

        await grain.RegisterAsync("tick", TimeSpan.FromSeconds(1));

        Assert.Equal(["tick"], await grain.ListAsync());
        Assert.Equal(1, await ReminderRowsAsync(id));
        await Eventually.UntilAsync(grain.FiringsAsync, firings => firings > 0, Deadline, "the reminder to fire");

        await grain.UnregisterAsync("tick");

        Assert.Empty(await grain.ListAsync());
        Assert.Equal(0, await ReminderRowsAsync(id));
    }

    [Fact]
    public async Task The_silo_is_active_in_the_postgres_membership_table()
    {
        var self = silo.Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status FROM orleans_membership WHERE deployment_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ClusterId });
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(
            (self.Endpoint.Address.ToString(), self.Endpoint.Port, self.Generation, (int)SiloStatus.Active),
            (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task An_external_client_finds_the_silo_through_the_postgres_gateway_list()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = silo.ClusterId;
                options.ServiceId = ProbeSilo.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = silo.Database.Store.AdoInvariant;
                options.ConnectionString = silo.Database.ConnectionString;
            });
        });
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        try
        {
            var grain = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<IStorageProbeGrain>(Guid.NewGuid());

            var reading = await grain.WriteAsync("via the gateway");

            Assert.Equal("via the gateway", reading.KeptText);
        }
        finally
        {
            await clientHost.StopAsync();
        }
    }

    private async Task<List<(string, string?)>> RowsAsync(Guid grain)
    {
        await using var connection = await OpenAsync();
        return await ProbeRows.ReadAsync(connection, grain);
    }

    private async Task<long> ReminderRowsAsync(Guid grain)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_reminder WHERE service_id = $1 AND grain_id LIKE '%' || $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ProbeSilo.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.ToString("N") });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(silo.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
