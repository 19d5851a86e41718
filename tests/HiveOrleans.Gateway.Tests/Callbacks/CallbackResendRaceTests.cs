using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>
/// A resend that arrives while the task is closing its books on the previous callback. The ledger here is the real
/// PostgreSQL one, except that the test can hold a removal of a row until it lets it go.
/// </summary>
public sealed class CallbackResendRaceTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private ITaskLedger _realLedger = null!;
    private HeldRemovalLedger _ledger = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _realLedger = TaskLedgerFactory.Create(_database.Store);
        _ledger = new HeldRemovalLedger(_realLedger);
        _server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:02", ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.100" },
            silo => silo.ConfigureServices(services => services.AddSingleton<ITaskLedger>(_ledger)));
    }

    public async Task DisposeAsync()
    {
        _ledger.ReleaseAll();
        await _server.DisposeAsync();
        await ((IAsyncDisposable)_realLedger).DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_resend_during_the_removal_of_the_delivered_tasks_ledger_row_is_still_sent()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("resend while closing");
        await using var receiver = await CallbackReceiver.StartAsync();
        var hold = _ledger.HoldNextRemoval();
        var (_, ack) = await client.SubmitTextAsync(project.Key, "async", "close the books", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;
        await receiver.NextAsync();

        // The first callback was delivered and the task is removing its ledger row: nothing is owed any more.
        Assert.Equal(Guid.Parse(taskId), await hold.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var resend = client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{taskId}/resend").WithToken(project.Key));

        // Before the fix the resend was acknowledged at once, its ledger row then deleted by the held removal, and its
        // callback never sent. Now it waits for the removal; give a broken build time to show itself either way.
        await Task.WhenAny(resend, Task.Delay(TimeSpan.FromSeconds(1)));
        hold.Release();

        var (status, answer) = await resend;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api", answer.GetProperty("resent_by").GetString());
        using var resent = JsonDocument.Parse((await receiver.NextAsync(TimeSpan.FromSeconds(15))).Body);
        Assert.Equal(taskId, resent.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("api", resent.RootElement.GetProperty("resent_by").GetString());
    }

    /// <summary>The real ledger, with one removal held back on request.</summary>
    private sealed class HeldRemovalLedger(ITaskLedger inner) : ITaskLedger
    {
        private readonly List<Hold> _holds = [];

        /// <summary>The next removal, of whichever task, waits until the returned hold is released.</summary>
        public Hold HoldNextRemoval()
        {
            var hold = new Hold();
            lock (_holds)
            {
                _holds.Add(hold);
            }

            return hold;
        }

        public void ReleaseAll()
        {
            lock (_holds)
            {
                _holds.ForEach(h => h.Release());
            }
        }

        public async Task RemoveAsync(Guid taskId, CancellationToken cancellationToken = default)
        {
            Hold? hold;
            lock (_holds)
            {
                hold = _holds.FirstOrDefault(h => !h.Started.IsCompleted);
                hold?.Start(taskId);
            }

            if (hold is not null)
            {
                await hold.Released.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            await inner.RemoveAsync(taskId, cancellationToken);
        }

        public Task ScheduleAsync(TaskLedgerEntry entry, CancellationToken cancellationToken = default) => inner.ScheduleAsync(entry, cancellationToken);

        public Task<IReadOnlyList<TaskLedgerEntry>> ListAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(projectId, reason, limit, cancellationToken);

        public Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.ClaimDueAsync(max, lease, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }

    private sealed class Hold
    {
        private readonly TaskCompletionSource<Guid> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Guid> Started => _started.Task;

        public Task Released => _released.Task;

        public void Start(Guid taskId) => _started.TrySetResult(taskId);

        public void Release() => _released.TrySetResult();
    }
}
