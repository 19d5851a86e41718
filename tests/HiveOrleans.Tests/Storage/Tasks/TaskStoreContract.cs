using System.Collections.Concurrent;
using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Xunit;

namespace HiveOrleans.Tests.Storage.Tasks;

/// <summary>
/// What every <see cref="ITaskStore"/> must do, whatever the database. Each dialect runs these facts through a derived
/// class; each fact starts from an empty table.
/// </summary>
public abstract class TaskStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly List<ITaskStore> _stores = [];

    protected ManualClock Clock { get; } = new();

    protected abstract StoreLocation Store { get; }

    protected abstract Task<DbConnection> OpenAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await ExecuteAsync("DELETE FROM hive_task");
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_written_task_reads_back_with_its_state_version_and_due_time()
    {
        var store = NewStore();
        var task = Guid.NewGuid();
        var due = Clock.GetUtcNow().AddSeconds(30);

        await store.WriteAsync(new TaskWrite(task, 7, null, due, TaskLedgerReason.Work, [1, 2, 3]));
        var read = await store.ReadAsync(task);

        Assert.NotNull(read);
        Assert.Equal(7, read.ProjectId);
        Assert.Equal(1, read.Version);
        Assert.Equal(due.ToUnixTimeMilliseconds(), read.DueAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal([1, 2, 3], read.State);
        Assert.Null(await store.ReadAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_write_naming_the_current_version_replaces_the_record_and_moves_the_version_on()
    {
        var store = NewStore();
        var task = Guid.NewGuid();
        await store.WriteAsync(new TaskWrite(task, 7, null, Clock.GetUtcNow(), TaskLedgerReason.Work, [1]));

        await store.WriteAsync(new TaskWrite(task, 7, 1, null, TaskLedgerReason.Work, [2]));
        await store.WriteAsync(new TaskWrite(task, 7, 2, Clock.GetUtcNow(), TaskLedgerReason.Callback, [3]));

        var read = await store.ReadAsync(task);
        Assert.Equal(3, read!.Version);
        Assert.Equal([3], read.State);
        Assert.Equal(TaskLedgerReason.Callback, read.Reason);
    }

    [Fact]
    public async Task A_stale_version_or_a_second_insert_conflicts_and_changes_nothing()
    {
        var store = NewStore();
        var task = Guid.NewGuid();
        await store.WriteAsync(new TaskWrite(task, 7, null, null, TaskLedgerReason.Work, [1]));
        await store.WriteAsync(new TaskWrite(task, 7, 1, null, TaskLedgerReason.Work, [2]));

        await Assert.ThrowsAsync<TaskWriteConflictException>(() => store.WriteAsync(new TaskWrite(task, 7, 1, null, TaskLedgerReason.Work, [9])));
        await Assert.ThrowsAsync<TaskWriteConflictException>(() => store.WriteAsync(new TaskWrite(task, 7, null, null, TaskLedgerReason.Work, [9])));
        await Assert.ThrowsAsync<TaskWriteConflictException>(() => store.WriteAsync(new TaskWrite(Guid.NewGuid(), 7, 1, null, TaskLedgerReason.Work, [9])));

        var read = await store.ReadAsync(task);
        Assert.Equal(2, read!.Version);
        Assert.Equal([2], read.State);
    }

    [Fact]
    public async Task Concurrent_writes_of_many_tasks_share_commits_and_each_gets_its_own_answer()
    {
        var store = NewStore();
        var tasks = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(tasks.Select(t => store.WriteAsync(new TaskWrite(t, 1, null, Clock.GetUtcNow(), TaskLedgerReason.Work, t.ToByteArray()))));

        // Half name the right version, half a wrong one: in the same batches, only the right ones land.
        var outcomes = await Task.WhenAll(tasks.Select(async (t, i) =>
        {
            try
            {
                await store.WriteAsync(new TaskWrite(t, 1, i % 2 == 0 ? 1 : 5, null, TaskLedgerReason.Work, [(byte)(i % 2)]));
                return true;
            }
            catch (TaskWriteConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(Enumerable.Range(0, 500).Select(i => i % 2 == 0), outcomes);
        var reads = await Task.WhenAll(tasks.Select(t => store.ReadAsync(t)));
        Assert.All(reads.Where((_, i) => i % 2 == 0), r => Assert.Equal(2, r!.Version));
        Assert.All(reads.Where((_, i) => i % 2 == 1), (r, i) => Assert.Equal(tasks[(2 * i) + 1].ToByteArray(), r!.State));
        Assert.Equal(250, await store.CountDueAsync());
    }

    [Fact]
    public async Task Two_writes_of_one_task_in_flight_at_once_are_applied_in_turn()
    {
        var store = NewStore();
        var task = Guid.NewGuid();
        await store.WriteAsync(new TaskWrite(task, 1, null, null, TaskLedgerReason.Work, [0]));

        // A task never does this, but a batch holding both must not apply one and report two.
        var first = store.WriteAsync(new TaskWrite(task, 1, 1, null, TaskLedgerReason.Work, [1]));
        var second = store.WriteAsync(new TaskWrite(task, 1, 2, null, TaskLedgerReason.Work, [2]));
        await first;
        try
        {
            await second;
        }
        catch (TaskWriteConflictException)
        {
            // Allowed when the second ran first (it named a version the row had not reached yet).
        }

        var read = await store.ReadAsync(task);
        Assert.Equal(second.IsCompletedSuccessfully ? 3 : 2, read!.Version);
        Assert.Equal(second.IsCompletedSuccessfully ? [2] : new byte[] { 1 }, read.State);
    }

    [Fact]
    public async Task Only_tasks_that_are_due_are_claimed_and_a_finished_task_never_is()
    {
        var store = NewStore();
        var overdue = await NewTaskAsync(store, Clock.GetUtcNow().AddSeconds(-5));
        var dueNow = await NewTaskAsync(store, Clock.GetUtcNow());
        await NewTaskAsync(store, Clock.GetUtcNow().AddSeconds(1));
        await NewTaskAsync(store, null);

        var claimed = await store.ClaimDueAsync(10, Lease);

        Assert.Equal(new[] { overdue, dueNow }.Order(), claimed.Order());
        Assert.Equal(3, await store.CountDueAsync());
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_tasks_and_the_longest_overdue_first()
    {
        var store = NewStore();
        var byAge = new List<Guid>();
        for (var minutesLate = 0; minutesLate < 5; minutesLate++)
        {
            byAge.Add(await NewTaskAsync(store, Clock.GetUtcNow().AddMinutes(-minutesLate)));
        }

        var claimed = await store.ClaimDueAsync(2, Lease);

        Assert.Equal(new[] { byAge[4], byAge[3] }.Order(), claimed.Order());
    }

    [Fact]
    public async Task A_claimed_task_stays_hidden_until_its_lease_runs_out_and_keeps_its_version()
    {
        var store = NewStore();
        var task = await NewTaskAsync(store, Clock.GetUtcNow());

        Assert.Equal([task], await store.ClaimDueAsync(10, Lease));
        Assert.Empty(await store.ClaimDueAsync(10, Lease));

        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.ClaimDueAsync(10, Lease));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([task], await store.ClaimDueAsync(10, Lease));

        // The grain that wrote version 1 can still write: a claim is not a write of the task.
        await store.WriteAsync(new TaskWrite(task, 1, 1, null, TaskLedgerReason.Work, [1]));
        Assert.Empty(await store.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task Expediting_a_silo_makes_its_owed_rows_due_now_and_leaves_other_silos_rows_alone()
    {
        var store = NewStore();
        var now = Clock.GetUtcNow();
        var working = await NewTaskAsync(store, now.AddSeconds(30), owner: "silo-a");
        var retrying = await NewTaskAsync(store, now.AddMinutes(10), reason: TaskLedgerReason.Callback, owner: "silo-a");
        var overdue = await NewTaskAsync(store, now.AddSeconds(-5), owner: "silo-a");
        await NewTaskAsync(store, null, owner: "silo-a");
        await NewTaskAsync(store, now.AddSeconds(30), owner: "silo-b");

        Assert.Equal(2, await store.ExpediteOwnedByAsync("silo-a"));

        Assert.Equal(new[] { working, retrying, overdue }.Order(), (await store.ClaimDueAsync(10, Lease)).Order());
        Assert.Equal(0, await store.ExpediteOwnedByAsync("silo-c"));
    }

    [Fact]
    public async Task Expediting_a_destination_brings_its_later_retries_within_the_spread_and_nothing_else()
    {
        var store = NewStore();
        var now = Clock.GetUtcNow();
        var spread = TimeSpan.FromSeconds(20);
        var waiting = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            waiting.Add(await NewTaskAsync(store, now.AddMinutes(10 + i), reason: TaskLedgerReason.Callback, callbackTo: "http://127.0.0.1:9000"));
        }

        var soon = await NewTaskAsync(store, now.AddSeconds(5), reason: TaskLedgerReason.Callback, callbackTo: "http://127.0.0.1:9000");
        var elsewhere = await NewTaskAsync(store, now.AddMinutes(10), reason: TaskLedgerReason.Callback, callbackTo: "http://127.0.0.1:9001");

        Assert.Equal(20, await store.ExpediteCallbacksToAsync("http://127.0.0.1:9000", spread));

        foreach (var task in waiting)
        {
            var due = (await store.ReadAsync(task))!.DueAt!.Value;
            Assert.InRange(due, now, now + spread);
        }

        Assert.Equal(now.AddSeconds(5).ToUnixTimeMilliseconds(), (await store.ReadAsync(soon))!.DueAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(now.AddMinutes(10).ToUnixTimeMilliseconds(), (await store.ReadAsync(elsewhere))!.DueAt!.Value.ToUnixTimeMilliseconds());
        Clock.Advance(spread);
        Assert.Equal(21, (await store.ClaimDueAsync(100, Lease)).Count);
    }

    [Fact]
    public async Task An_abandoned_id_reads_back_as_abandoned_and_shuts_out_a_late_insert()
    {
        var store = NewStore();
        var task = Guid.NewGuid();

        await store.WriteAsync(new TaskWrite(task, 7, null, null, TaskLedgerReason.Work, []));
        await Assert.ThrowsAsync<TaskWriteConflictException>(() => store.WriteAsync(new TaskWrite(task, 7, null, Clock.GetUtcNow(), TaskLedgerReason.Work, [1])));

        var read = await store.ReadAsync(task);
        Assert.True(read!.IsAbandoned);
        Assert.Null(read.DueAt);
        Assert.Empty(await store.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task A_project_s_due_tasks_for_one_reason_are_listed_soonest_first()
    {
        var store = NewStore();
        var later = await NewTaskAsync(store, Clock.GetUtcNow().AddMinutes(10), 7, TaskLedgerReason.Callback);
        var sooner = await NewTaskAsync(store, Clock.GetUtcNow().AddMinutes(1), 7, TaskLedgerReason.Callback);
        await NewTaskAsync(store, Clock.GetUtcNow(), 7, TaskLedgerReason.Work);
        await NewTaskAsync(store, Clock.GetUtcNow(), 8, TaskLedgerReason.Callback);
        await NewTaskAsync(store, null, 7, TaskLedgerReason.Callback);

        var listed = await store.ListDueAsync(7, TaskLedgerReason.Callback, 10);

        Assert.Equal([sooner, later], listed.Select(e => e.TaskId));
        Assert.All(listed, e => Assert.Equal(7, e.ProjectId));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds(), listed[0].DueAt.ToUnixTimeMilliseconds());
        Assert.Single(await store.ListDueAsync(7, TaskLedgerReason.Callback, 1));
        Assert.Equal(3, await store.CountDueAsync(TaskLedgerReason.Callback));
    }

    [Fact]
    public async Task A_written_task_is_visible_to_a_store_opened_afterwards()
    {
        var task = await NewTaskAsync(NewStore(), Clock.GetUtcNow());

        var reopened = NewStore();

        Assert.Equal(1, (await reopened.ReadAsync(task))!.Version);
        Assert.Equal([task], await reopened.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task Concurrent_sweepers_never_claim_the_same_task()
    {
        const int Tasks = 300;
        var writer = NewStore();
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => NewTaskAsync(writer, Clock.GetUtcNow().AddSeconds(-i))));

        // Separate store instances stand for separate silos: each has its own connections.
        var sweepers = Enumerable.Range(0, 6).Select(_ => NewStore()).ToList();
        var claims = new ConcurrentBag<Guid>();
        using var start = new ManualResetEventSlim();
        var sweeps = sweepers.Select(sweeper => Task.Run(async () =>
        {
            start.Wait();
            while (await sweeper.ClaimDueAsync(7, TimeSpan.FromHours(1)) is { Count: > 0 } batch)
            {
                foreach (var id in batch)
                {
                    claims.Add(id);
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(sweeps);

        Assert.Equal(Tasks, claims.Count);
        Assert.Equal(Tasks, claims.Distinct().Count());
    }

    [Fact]
    public async Task Rows_of_the_previous_layout_s_ledger_move_into_the_task_table_without_state()
    {
        var task = Guid.NewGuid();
        var due = Clock.GetUtcNow().AddMinutes(-1);
        await InsertLegacyLedgerRowAsync(task, due, projectId: 4, reason: 1);

        await SchemaInstaller.ApplyAsync(Store);
        var store = NewStore();

        var read = await store.ReadAsync(task);
        Assert.NotNull(read);
        Assert.Null(read.State);
        Assert.Equal(0, read.Version);
        Assert.Equal(4, read.ProjectId);
        Assert.Equal(TaskLedgerReason.Callback, read.Reason);
        Assert.Equal([task], await store.ClaimDueAsync(10, Lease));

        // Applying the schema again moves nothing twice; the first write names version 0.
        await SchemaInstaller.ApplyAsync(Store);
        await store.WriteAsync(new TaskWrite(task, 4, 0, null, TaskLedgerReason.Work, [1]));
        Assert.Equal(1, (await store.ReadAsync(task))!.Version);
    }

    [Fact]
    public async Task Legacy_task_state_is_found_only_where_the_previous_layout_wrote_some()
    {
        var store = NewStore();
        Assert.False(await store.HasLegacyStateAsync("svc", "task"));

        await ExecuteAsync("""
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
            VALUES ('svc', 'task', 1, 2, '', NULL, 1)
            """);

        Assert.True(await store.HasLegacyStateAsync("svc", "task"));
        Assert.False(await store.HasLegacyStateAsync("other", "task"));
        await ExecuteAsync("DELETE FROM orleans_grain_state WHERE service_id = 'svc'");
    }

    [Fact]
    public async Task A_ping_answers_once_the_schema_is_in_place()
    {
        await NewStore().PingAsync();
    }

    protected abstract Task InsertLegacyLedgerRowAsync(Guid taskId, DateTimeOffset dueAt, long projectId, short reason);

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Guid> NewTaskAsync(
        ITaskStore store, DateTimeOffset? due, long projectId = 1, TaskLedgerReason reason = TaskLedgerReason.Work, string? owner = null, string? callbackTo = null)
    {
        var task = Guid.NewGuid();
        await store.WriteAsync(new TaskWrite(task, projectId, null, due, reason, [0]) { Owner = owner, CallbackTo = callbackTo });
        return task;
    }

    private ITaskStore NewStore()
    {
        var store = TaskStoreFactory.Create(Store, Clock);
        _stores.Add(store);
        return store;
    }
}
