using System.Text.Json.Serialization;

namespace HiveOrleans.Wire;

/// <summary>
/// The contract's error body, the same for every refusal and failure: <c>{"return_code": status, "message": "..."}</c>.
/// </summary>
/// <param name="ReturnCode">The HTTP status, repeated in the body.</param>
/// <param name="Message">What went wrong, in words for the caller: which field and why, or what to do next.</param>
/// <param name="TaskId">The task the error concerns (a sync timeout names the task that goes on); absent otherwise.</param>
/// <param name="Reason">
/// For the reviewer API's 409: why, as a word a program can test (<c>lease_expired</c>, <c>held_by_another</c>,
/// <c>already_decided</c>); absent otherwise.
/// </param>
public sealed record ErrorDocument(
    int ReturnCode,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TaskId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
