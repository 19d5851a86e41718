using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// The proof that deploy/sql/sqlite satisfies Orleans' ADO.NET grain storage in embedded mode.
/// </summary>
public sealed class OrleansOnSqliteTests(SqliteProbeSilo silo) : IClassFixture<SqliteProbeSilo>
{
    [Fact]
    public async Task Grain_state_written_on_sqlite_is_read_back_after_deactivation()
    {
        var id = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IStorageProbeGrain>(id);

        var written = await grain.WriteAsync("hello from sqlite");
        await grain.DeactivateAsync();
        var reread = await grain.ReadAsync();

        Assert.NotEqual(written.ActivationId, reread.ActivationId);
        Assert.Equal(("hello from sqlite", true), (reread.KeptText, reread.KeptExists));
        Assert.Equal(("hello from sqlite", true), (reread.DeletedText, reread.DeletedExists));
        // System.Text.Json, as configured: Orleans' default serializer would add "$type" and "$id".
        var json = """{"Text":"hello from sqlite"}""";
        Assert.Equal([("probe", json), ("probe-deleting", json)], await RowsAsync(silo.File.Store, id));
    }

    [Fact]
    public async Task Cleared_grain_state_on_sqlite_reads_back_empty_and_can_be_written_again()
    {
        var id = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<IStorageProbeGrain>(id);
        await grain.WriteAsync("to be cleared");

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        var cleared = await grain.ReadAsync();

        Assert.Equal((null, false, null, false), (cleared.KeptText, cleared.KeptExists, cleared.DeletedText, cleared.DeletedExists));
        Assert.Equal([("probe", (string?)null)], await RowsAsync(silo.File.Store, id));

        await grain.WriteAsync("written after clear");
        await grain.DeactivateAsync();
        var rewritten = await grain.ReadAsync();

        Assert.Equal(("written after clear", "written after clear"), (rewritten.KeptText, rewritten.DeletedText));
    }

    [Fact]
    public async Task Grain_state_on_sqlite_survives_a_restart_of_the_silo()
    {
        using var file = new SqliteFile();
        await SchemaInstaller.ApplyAsync(file.Store);
        var id = Guid.NewGuid();

        using (var first = await ProbeSilo.StartAsync(file.Store, $"hive-test-{Guid.NewGuid():N}"))
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>(id).WriteAsync("before restart");
            await first.StopAsync();
        }

        using var second = await ProbeSilo.StartAsync(file.Store, $"hive-test-{Guid.NewGuid():N}");
        try
        {
            var reading = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>(id).ReadAsync();

            Assert.Equal(("before restart", "before restart"), (reading.KeptText, reading.DeletedText));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    private static async Task<List<(string, string?)>> RowsAsync(StoreLocation store, Guid grain)
    {
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        return await ProbeRows.ReadAsync(connection, grain);
    }
}
