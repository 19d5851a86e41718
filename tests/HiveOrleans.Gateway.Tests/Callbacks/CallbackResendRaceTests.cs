using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>
/// A resend that arrives while the task is recording that its previous callback was delivered. The task store here is
/// the real PostgreSQL one, except that the test can hold back the write that says "nothing more is owed".
/// <c>RecoverAfter</c> is five minutes, so only the task itself, not the sweeper, can send the resend within the
/// test's deadlines: a resend the task loses stays lost here.
/// </summary>
public sealed class CallbackResendRaceTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private ITaskStore _realStore = null!;
    private HeldSettlingStore _store = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _realStore = TaskStoreFactory.Create(_database.Store);
        _store = new HeldSettlingStore(_realStore);
        _server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["HiveOrleans:Tasks:RecoverAfter"] = "00:05:00" },
            silo => silo.ConfigureServices(services => services.AddSingleton<ITaskStore>(_store)));
    }

    public async Task DisposeAsync()
    {
        _store.ReleaseAll();
        await _server.DisposeAsync();
        await ((IAsyncDisposable)_realStore).DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_resend_while_the_delivered_callback_is_being_recorded_is_still_sent()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("resend while closing");
        await using var receiver = await CallbackReceiver.StartAsync();
        var hold = _store.HoldNextSettlingWrite();
        var (_, ack) = await client.SubmitTextAsync(project.Key, "async", "close the books", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;
        await receiver.NextAsync();

        // The first callback was delivered and the task is writing that nothing is owed any more.
        Assert.Equal(Guid.Parse(taskId), await hold.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var resend = client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{taskId}/resend").WithToken(project.Key));

        // A resend that the settling write could overwrite (or that the finished work loop could miss) would be
        // acknowledged and never sent. The race is run only once the resend has reached the task while the write is
        // held: the grain is reentrant, and a poll shows the resend from its memory. (Or the resend was answered
        // already, as in a build that writes it beside the held write.) However slow the machine, the write is not
        // let go before then; if the resend can never get there, this fails instead of testing nothing.
        await Eventually.UntilAsync(
            async () => (await client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}")).Body,
            task => resend.IsCompleted || task.GetProperty("resent_by").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "the resend to reach the task while its settling write is held");
        hold.Release();

        var (status, answer) = await resend;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api", answer.GetProperty("resent_by").GetString());
        using var resent = JsonDocument.Parse((await receiver.NextAsync(TimeSpan.FromSeconds(15))).Body);
        Assert.Equal(taskId, resent.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("api", resent.RootElement.GetProperty("resent_by").GetString());

        // Once the task has stored its last attempt (its row owes nothing: the resend's own write, which owed the
        // callback, was stored before the resend was answered), it has recorded exactly the two deliveries the
        // receiver had: the first callback and the resent one, none lost and none sent twice.
        await Eventually.UntilAsync(
            () => _realStore.ReadAsync(Guid.Parse(taskId)),
            row => row is { DueAt: null },
            TimeSpan.FromSeconds(15),
            "the task's row to owe nothing once the resent callback is delivered");
        var (_, settled) = await client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}");
        Assert.True(settled.GetProperty("callback_succeeded").GetBoolean());
        Assert.Equal(2, settled.GetProperty("callback_attempts").GetArrayLength());
        Assert.Equal(2, receiver.Count);
    }

    /// <summary>The real store, with one write that leaves nothing owed held back on request.</summary>
    private sealed class HeldSettlingStore(ITaskStore inner) : ITaskStore
    {
        private readonly List<Hold> _holds = [];

        /// <summary>The next write that leaves a task owing nothing, of whichever task, waits until the hold is released.</summary>
        public Hold HoldNextSettlingWrite()
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

        public async Task WriteAsync(TaskWrite write, CancellationToken cancellationToken = default)
        {
            Hold? hold = null;
            if (write.DueAt is null)
            {
                lock (_holds)
                {
                    hold = _holds.FirstOrDefault(h => !h.Started.IsCompleted);
                    hold?.Start(write.TaskId);
                }
            }

            if (hold is not null)
            {
                // Longer than any wait of the test, so only a test that never lets go meets it.
                await hold.Released.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            await inner.WriteAsync(write, cancellationToken);
        }

        public Task<StoredTask?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) => inner.ReadAsync(taskId, cancellationToken);

        public Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.ClaimDueAsync(max, lease, cancellationToken);

        public Task<IReadOnlyList<TaskLedgerEntry>> ListDueAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default) =>
            inner.ListDueAsync(projectId, reason, limit, cancellationToken);

        public Task<int> ExpediteOwnedByAsync(string owner, CancellationToken cancellationToken = default) =>
            inner.ExpediteOwnedByAsync(owner, cancellationToken);

        public Task<int> ExpediteCallbacksToAsync(string destination, TimeSpan spread, CancellationToken cancellationToken = default) =>
            inner.ExpediteCallbacksToAsync(destination, spread, cancellationToken);

        public Task<long> CountDueAsync(TaskLedgerReason? reason = null, CancellationToken cancellationToken = default) => inner.CountDueAsync(reason, cancellationToken);

        public Task<bool> HasLegacyStateAsync(string serviceId, string stateName, CancellationToken cancellationToken = default) =>
            inner.HasLegacyStateAsync(serviceId, stateName, cancellationToken);

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
