using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Tasks;

/// <summary>Observers of the task (<see cref="ITaskObserver"/>): every status change, in order.</summary>
internal sealed partial class TaskGrain
{
    /// <summary>How long one observer may take over one event before it is dropped.</summary>
    private static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Each observer with when its subscription lapses and the last status (phase and progress) it was given.</summary>
    private readonly Dictionary<ITaskObserver, (DateTimeOffset Expires, (TaskPhase, TaskProgress?)? Last)> _observers = [];
    private readonly Queue<TaskEvent> _outbox = new();
    private Task? _notifying;

    public async Task<TaskEvent?> SubscribeAsync(ITaskObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = (time.GetUtcNow() + TaskObservation.SubscriptionLifetime, null);
        await LoadAsync();
        if (!Exists)
        {
            return null;
        }

        // The answer is the status it has now. A change published while this call waited (the grain is reentrant:
        // a task that finished but is still being written) would otherwise reach it a second time.
        var current = CurrentEvent();
        if (_observers.TryGetValue(observer, out var entry))
        {
            _observers[observer] = entry with { Last = (current.Phase, current.Progress) };
        }

        return current;
    }

    public Task UnsubscribeAsync(ITaskObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    private TaskEvent CurrentEvent()
    {
        var snapshot = Snapshot();
        var (code, message) = TaskDocument.StatusOf(snapshot);
        return new TaskEvent { TaskId = TaskId, Phase = _state.Phase, Code = code, Message = message, At = time.GetUtcNow(), Progress = snapshot.Progress };
    }

    /// <summary>Queues the current status for every observer; one loop sends them, so each observer sees them in order.</summary>
    private void Publish()
    {
        if (_observers.Count == 0)
        {
            return;
        }

        _outbox.Enqueue(CurrentEvent());
        if (_notifying is null || _notifying.IsCompleted)
        {
            _notifying = NotifyAsync();
        }
    }

    private async Task NotifyAsync()
    {
        while (_outbox.TryDequeue(out var next))
        {
            var now = time.GetUtcNow();
            foreach (var (observer, (expires, last)) in _observers.ToArray())
            {
                if (expires <= now)
                {
                    _observers.Remove(observer);
                    continue;
                }

                if (last == (next.Phase, next.Progress))
                {
                    // It was given this status already, as its subscription's answer.
                    continue;
                }

                try
                {
                    await observer.OnTaskEventAsync(next).WaitAsync(ObserverTimeout, time);
                    if (_observers.TryGetValue(observer, out var entry))
                    {
                        _observers[observer] = entry with { Last = (next.Phase, next.Progress) };
                    }
                }
                catch (Exception ex)
                {
                    // An observer that cannot keep up or has gone away is dropped; it can subscribe again.
                    _observers.Remove(observer);
                    LogObserverDropped(logger, TaskId, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "An observer of task {TaskId} was dropped")]
    private static partial void LogObserverDropped(ILogger logger, Guid taskId, Exception exception);
}
