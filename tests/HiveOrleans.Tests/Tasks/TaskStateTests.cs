using System.Reflection;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// <see cref="TaskState"/> (persisted) and <see cref="TaskSnapshot"/> (on the wire) share most fields, copied in one
/// place, <see cref="TaskState.ToSnapshot"/>; the state's property names are its stored format.
/// </summary>
public sealed class TaskStateTests
{
    [Fact]
    public void A_snapshot_carries_every_field_it_shares_with_the_state()
    {
        var now = DateTimeOffset.UtcNow;
        var state = new TaskState
        {
            Submission = TextSubmissions.Async("every field set"),
            Phase = TaskPhase.Failed,
            InputHash = "0123456789abcdef0123456789abcdef",
            Output = new ModerationOutput { Model = "text", ModelVersion = "1", Entries = [] },
            ErrorCode = "MODEL_FAILED",
            ErrorMessage = "a reason",
            ProcessingStartedOn = now.AddSeconds(-2),
            CompletedOn = now,
            Recoveries = 2,
            Callback = new CallbackStatus { Attempts = 3 },
            Charge = 1.5,
            Media = new TaskMedia { Key = "key", Md5 = "md5", Length = 7, Type = "image", MimeType = "image/png" },
            FromCache = true,
            HandedOver = true,
            Review = new TaskReview(ReviewDecisions.Reject, ["violence"], "a threat", 4, now, ReviewDecisions.MainQueue),
            ReviewQueue = ReviewDecisions.MainQueue,
            ReviewSince = now.AddMinutes(-1),
        };
        var taskId = Guid.CreateVersion7();

        var snapshot = state.ToSnapshot(taskId);

        Assert.Equal(taskId, snapshot.TaskId);
        var shared = typeof(TaskSnapshot).GetProperties()
            .Where(p => p.GetCustomAttribute<IdAttribute>() is not null && p.Name != nameof(TaskSnapshot.TaskId))

            // Progress lives in the activation's memory, never in the stored state (the test below).
            .Where(p => p.Name != nameof(TaskSnapshot.Progress))
            .ToList();
        Assert.NotEmpty(shared);
        foreach (var field in shared)
        {
            // A field added to the snapshot is either the state's too (and copied) or needs a decision here.
            var stored = typeof(TaskState).GetProperty(field.Name);
            Assert.True(stored is not null, $"TaskSnapshot.{field.Name} has no namesake on TaskState.");
            var value = stored.GetValue(state);
            Assert.True(value is not null && !value.Equals(DefaultOf(stored.PropertyType)), $"The test sets no value for TaskState.{field.Name}.");
            Assert.Equal(value, field.GetValue(snapshot));
        }
    }

    [Theory]
    [InlineData(TaskPhase.Processing, true)]
    [InlineData(TaskPhase.Pending, false)]
    [InlineData(TaskPhase.Succeeded, false)]
    [InlineData(TaskPhase.Failed, false)]
    public void Progress_is_shown_only_while_the_task_is_processing(TaskPhase phase, bool shown)
    {
        var state = new TaskState { Submission = TextSubmissions.Async("long audio"), Phase = phase, InputHash = "0123456789abcdef0123456789abcdef" };
        var progress = new TaskProgress { Unit = "seconds", Done = 20, Total = 95.5 };

        var snapshot = state.ToSnapshot(Guid.CreateVersion7(), progress);

        Assert.Equal(shown ? progress : null, snapshot.Progress);
    }

    [Fact]
    public void The_state_s_property_names_are_the_stored_format_and_stay_as_they_are()
    {
        // Rows hold the state as JSON under these names, read by this release and the one before it (a rolling
        // upgrade): renaming or nesting one is a data migration, not a refactoring. Adding one is fine.
        string[] stored =
        [
            "Submission", "Phase", "InputHash", "Output", "ErrorCode", "ErrorMessage", "ProcessingStartedOn",
            "CompletedOn", "Recoveries", "Callback", "Charge", "Media", "FromCache", "HandedOver",
        ];

        var names = typeof(TaskState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();

        Assert.All(stored, name => Assert.Contains(name, names));
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
