using Orleans;
using Orleans.Runtime;

namespace HiveOrleans.Tests.Storage;

internal sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private int _firings;

    public Task RegisterAsync(string name, TimeSpan period) => this.RegisterOrUpdateReminder(name, period, period);

    public async Task<string[]> ListAsync() => [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName)];

    public async Task UnregisterAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> FiringsAsync() => Task.FromResult(_firings);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _firings++;
        return Task.CompletedTask;
    }
}
