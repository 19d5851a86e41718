using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// Drives Orleans' own AdoNetReminderTable over our schema: ETags, ring-range reads (plain and
/// wrapping) and clearing a service, which a short silo run does not reach.
/// </summary>
public sealed class ReminderTableOnPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private IReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(database.Store);

        // AdoNetReminderTable is internal to Orleans.Reminders.AdoNet; silos get it from DI.
        var type = typeof(AdoNetReminderTableOptions).Assembly.GetType("Orleans.Runtime.ReminderService.AdoNetReminderTable", throwOnError: true)!;
        _table = (IReminderTable)Activator.CreateInstance(
            type,
            Options.Create(new ClusterOptions { ClusterId = "reminder-tests", ServiceId = $"reminders-{Guid.NewGuid():N}" }),
            Options.Create(new AdoNetReminderTableOptions { Invariant = database.Store.AdoInvariant, ConnectionString = database.ConnectionString }))!;
        await _table.StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upsert_bumps_the_etag_and_a_removal_needs_the_current_one()
    {
        var grain = GrainId.Create("reminder-probe", "etags");
        var first = await _table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));
        var second = await _table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(2)));

        Assert.NotEqual(first, second);
        var stored = await _table.ReadRow(grain, "tick");
        Assert.NotNull(stored);
        Assert.Equal((second, TimeSpan.FromMinutes(2)), (stored.ETag, stored.Period));

        Assert.False(await _table.RemoveRow(grain, "tick", first!));
        Assert.True(await _table.RemoveRow(grain, "tick", second!));
        Assert.Null(await _table.ReadRow(grain, "tick"));
    }

    [Fact]
    public async Task Periods_longer_than_int_milliseconds_survive_the_round_trip()
    {
        var grain = GrainId.Create("reminder-probe", "long-period");
        await _table.UpsertRow(Entry(grain, "yearly", TimeSpan.FromDays(365)));

        Assert.Equal(TimeSpan.FromDays(365), (await _table.ReadRow(grain, "yearly"))!.Period);
    }

    [Fact]
    public async Task Ring_range_reads_include_the_end_and_exclude_the_start_whether_or_not_they_wrap()
    {
        var grains = Enumerable.Range(0, 8).Select(i => GrainId.Create("reminder-probe", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "ring", TimeSpan.FromMinutes(1)));
        }

        foreach (var grain in grains)
        {
            var hash = grain.GetUniformHashCode();

            // (hash - 1, hash]: a range that ends at this grain.
            var ending = await _table.ReadRows(unchecked(hash - 1), hash);
            Assert.Contains(ending.Reminders, reminder => reminder.GrainId == grain);

            // (hash, hash - 1]: the whole ring but this one point; it always wraps.
            var allButThis = await _table.ReadRows(hash, unchecked(hash - 1));
            Assert.DoesNotContain(allButThis.Reminders, reminder => reminder.GrainId == grain);
            Assert.Equal(grains.Count - 1, allButThis.Reminders.Count(reminder => grains.Contains(reminder.GrainId)));
        }
    }

    [Fact]
    public async Task Clearing_the_table_removes_the_service_reminders()
    {
        var grain = GrainId.Create("reminder-probe", "cleared");
        await _table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(1)));
        Assert.Equal(2, (await _table.ReadRows(grain)).Reminders.Count);

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(grain)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = period,
    };
}
