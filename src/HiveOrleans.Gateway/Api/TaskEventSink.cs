using System.Threading.Channels;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Gateway.Api;

/// <summary>An observer that hands a task's events to the request streaming them.</summary>
internal sealed class TaskEventSink : ITaskObserver
{
    private readonly Channel<TaskEvent> _events = Channel.CreateBounded<TaskEvent>(new BoundedChannelOptions(64)
    {
        // A task has a handful of status changes; a reader that falls this far behind has gone away.
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    public ChannelReader<TaskEvent> Events => _events.Reader;

    public Task OnTaskEventAsync(TaskEvent taskEvent) => _events.Writer.WriteAsync(taskEvent).AsTask();
}
