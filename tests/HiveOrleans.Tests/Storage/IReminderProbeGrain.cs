using Orleans;

namespace HiveOrleans.Tests.Storage;

/// <summary>Registers, lists and counts the firings of reminders, to exercise the reminder table.</summary>
[Alias("hive.tests.reminder-probe")]
internal interface IReminderProbeGrain : IGrainWithGuidKey
{
    [Alias("register")]
    Task RegisterAsync(string name, TimeSpan period);

    [Alias("list")]
    Task<string[]> ListAsync();

    [Alias("unregister")]
    Task UnregisterAsync(string name);

    [Alias("firings")]
    Task<int> FiringsAsync();
}
