using HiveOrleans.Storage.Banks;

namespace HiveOrleans.Tests.Banks;

/// <summary>A real store whose reads of the feed fail while <see cref="Failing"/> is set, as when the database is unreachable.</summary>
internal sealed class FlakyHashBankStore(IHashBankStore inner) : IHashBankStore, IAsyncDisposable
{
    private volatile bool _failing;
    private TaskCompletionSource _failedRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Failing
    {
        get => _failing;
        set
        {
            if (value && !_failing)
            {
                _failedRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _failing = value;
        }
    }

    /// <summary>Completes when a read has failed since <see cref="Failing"/> was last set.</summary>
    public Task FailedRead => _failedRead.Task;

    public Task<HashBankWrite?> CreateBankAsync(string name, string description, bool matchTransforms, CancellationToken cancellationToken = default) =>
        inner.CreateBankAsync(name, description, matchTransforms, cancellationToken);

    public Task<HashBankWrite?> UpdateBankAsync(string name, string? description, bool? matchTransforms, CancellationToken cancellationToken = default) =>
        inner.UpdateBankAsync(name, description, matchTransforms, cancellationToken);

    public Task<StoredHashBank?> GetBankAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetBankAsync(name, cancellationToken);

    public Task<IReadOnlyList<StoredHashBank>> ListBanksAsync(CancellationToken cancellationToken = default) =>
        inner.ListBanksAsync(cancellationToken);

    public Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default) =>
        inner.DeleteBankAsync(name, cancellationToken);

    public Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default) =>
        inner.AddHashesAsync(bank, hashes, cancellationToken);

    public Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default) =>
        inner.RemoveHashesAsync(bank, contentIds, cancellationToken);

    public Task<StoredHashPage?> ListHashesAsync(string bank, int offset, int limit, CancellationToken cancellationToken = default) =>
        inner.ListHashesAsync(bank, offset, limit, cancellationToken);

    public Task<IReadOnlyList<HashBankChange>> ReadChangesAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        _failing ? Fail<IReadOnlyList<HashBankChange>>() : inner.ReadChangesAsync(afterSeq, limit, cancellationToken);

    public Task<long> LoadAllAsync(Action<HashBankChange> visit, CancellationToken cancellationToken = default) =>
        _failing ? Fail<long>() : inner.LoadAllAsync(visit, cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private Task<T> Fail<T>()
    {
        _failedRead.TrySetResult();
        return Task.FromException<T>(new InvalidOperationException("The store is unreachable (simulated)."));
    }
}
