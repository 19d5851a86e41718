using System.Data;
using System.Data.Common;
using System.Text;
using HiveOrleans.Storage;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// Runs the grain-state query texts from OrleansQuery the way Orleans' AdoNetGrainStorage does
/// (same parameter names and DbTypes, every result set read), to pin down the ETag rules a grain
/// round trip cannot reach: stale versions, double inserts, deletes.
/// </summary>
public abstract class GrainStateQueryContract : IAsyncLifetime
{
    private const string ServiceId = "hive-query-contract";

    // Each fact works on its own grain key, so facts sharing a database do not meet.
    private readonly long _grainIdN1 = Random.Shared.NextInt64();

    protected abstract StoreLocation Store { get; }

    protected abstract Task<DbConnection> OpenAsync();

    public Task InitializeAsync() => SchemaInstaller.ApplyAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_write_succeeds_only_against_the_current_version()
    {
        Assert.Equal([1], await RunAsync("WriteToStorageKey", version: null, payload: "a"));
        Assert.Empty(await RunAsync("WriteToStorageKey", version: null, payload: "b"));
        Assert.Empty(await RunAsync("WriteToStorageKey", version: 2, payload: "b"));
        Assert.Equal([2], await RunAsync("WriteToStorageKey", version: 1, payload: "b"));
        Assert.Empty(await RunAsync("WriteToStorageKey", version: 1, payload: "c"));

        Assert.Equal(("b", 2), await ReadAsync());
    }

    [Fact]
    public async Task A_clear_keeps_the_version_counting_so_stale_writers_still_conflict()
    {
        await RunAsync("WriteToStorageKey", version: null, payload: "a");

        Assert.Equal([2], await RunAsync("ClearStorageKey", version: 1));
        Assert.Equal((null, 2), await ReadAsync());
        Assert.Empty(await RunAsync("WriteToStorageKey", version: 1, payload: "stale"));
        Assert.Empty(await RunAsync("WriteToStorageKey", version: null, payload: "stale"));
        Assert.Equal([3], await RunAsync("WriteToStorageKey", version: 2, payload: "after clear"));
        Assert.Equal(("after clear", 3), await ReadAsync());
    }

    [Fact]
    public async Task A_delete_answers_a_fresh_version_and_removes_the_row()
    {
        await RunAsync("WriteToStorageKey", version: null, payload: "a");

        Assert.Empty(await RunAsync("DeleteStorageKey", version: 7));
        Assert.Equal([2], await RunAsync("DeleteStorageKey", version: 1));
        Assert.Null(await ReadAsync());
        Assert.Equal([1], await RunAsync("WriteToStorageKey", version: null, payload: "again"));
    }

    [Fact]
    public async Task Keys_with_and_without_an_extension_are_separate_states()
    {
        Assert.Equal([1], await RunAsync("WriteToStorageKey", version: null, payload: "plain"));
        Assert.Equal([1], await RunAsync("WriteToStorageKey", version: null, payload: "extended", extension: "ext"));

        Assert.Equal(("plain", 1), await ReadAsync());
        Assert.Equal(("extended", 1), await ReadAsync(extension: "ext"));
    }

    private async Task<List<int>> RunAsync(string queryKey, int? version, string? payload = null, string? extension = null)
    {
        await using var connection = await OpenAsync();
        await using var command = await PrepareAsync(connection, queryKey, extension);
        AddParameter(command, "GrainStateVersion", version, DbType.Int32);
        if (payload is not null)
        {
            AddParameter(command, "PayloadBinary", Encoding.UTF8.GetBytes(payload), DbType.Binary);
        }

        // Orleans reads column 0 of every row of every result set and expects at most one.
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                if (!reader.IsDBNull(0))
                {
                    versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        while (await reader.NextResultAsync());

        return versions;
    }

    private async Task<(string? Payload, int Version)?> ReadAsync(string? extension = null)
    {
        await using var connection = await OpenAsync();
        await using var command = await PrepareAsync(connection, "ReadFromStorageKey", extension);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var payload = reader["PayloadBinary"] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
        var version = Convert.ToInt32(reader["Version"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await reader.ReadAsync());
        return (payload, version);
    }

    private async Task<DbCommand> PrepareAsync(DbConnection connection, string queryKey, string? extension)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        AddParameter(command, "key", queryKey, DbType.String);
        command.CommandText = (string)(await command.ExecuteScalarAsync())!;
        command.Parameters.Clear();

        AddParameter(command, "GrainIdHash", 12345, DbType.Int32);
        AddParameter(command, "GrainIdN0", 0L, DbType.Int64);
        AddParameter(command, "GrainIdN1", _grainIdN1, DbType.Int64);
        AddParameter(command, "GrainTypeHash", 678, DbType.Int32);
        AddParameter(command, "GrainTypeString", "probe", DbType.String);
        AddParameter(command, "GrainIdExtensionString", extension, DbType.String);
        AddParameter(command, "ServiceId", ServiceId, DbType.String);
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }
}
