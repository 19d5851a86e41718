using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Review;

/// <summary>What the reviewer API answers when the desk did not act on a task: 404, or 409 with a <c>reason</c>.</summary>
internal static class ReviewRefusals
{
    public const string LeaseExpired = "lease_expired";
    public const string HeldByAnother = "held_by_another";
    public const string AlreadyDecided = "already_decided";

    /// <summary>Throws the refusal for <paramref name="outcome"/>; returns when it is <see cref="ReviewOutcome.Taken"/>.</summary>
    public static void ThrowUnlessTaken(ReviewOutcome outcome)
    {
        if (outcome != ReviewOutcome.Taken)
        {
            throw For(outcome);
        }
    }

    public static ApiException For(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.LeaseExpired => Conflict(LeaseExpired, "Your lease on this task has expired; claim a task again."),
        ReviewOutcome.HeldByAnother => Conflict(HeldByAnother, "Another reviewer holds this task now."),
        ReviewOutcome.AlreadyDecided => Conflict(AlreadyDecided, "This task has been decided already."),
        _ => NotInYourQueues(),
    };

    /// <summary>A task that waits in none of the reviewer's queues: the same answer whether or not it exists elsewhere.</summary>
    public static ApiException NotInYourQueues() =>
        new(StatusCodes.Status404NotFound, "Task not found in your review queues.");

    private static ApiException Conflict(string reason, string message) =>
        new(StatusCodes.Status409Conflict, message) { Reason = reason };
}
