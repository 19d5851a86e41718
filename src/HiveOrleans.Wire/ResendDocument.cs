using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// The answer to a resend (<c>POST /api/v2/task/{id}/resend</c>, or an operator's <c>/admin/v1/tasks/{id}/resend</c>):
/// the callback will be sent again, and its payload will carry the same <c>resent_on</c> and <c>resent_by</c>.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Message">Always <c>The callback will be sent again.</c></param>
/// <param name="CallbackUrl">Where it will be sent.</param>
/// <param name="ResentOn">When the resend was asked for.</param>
/// <param name="ResentBy"><c>api</c> or <c>manual</c> (an operator).</param>
public sealed record ResendDocument(Guid TaskId, string Message, string? CallbackUrl, DateTimeOffset ResentOn, string? ResentBy)
{
    /// <summary>The answer for a task whose callback was just resent.</summary>
    public static ResendDocument From(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var callback = task.Callback ?? throw new ArgumentException("A resent task has a callback status.", nameof(task));
        return new(
            task.TaskId,
            "The callback will be sent again.",
            task.Submission.CallbackUrl,
            callback.ResentOn ?? throw new ArgumentException("A resent task says when it was resent.", nameof(task)),
            callback.ResentBy);
    }
}
