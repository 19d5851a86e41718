namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// A request that cannot be served, with the status and message the caller gets. Thrown anywhere on the request
/// path and turned into the JSON error body in one place (<see cref="ApiErrorHandling"/>).
/// </summary>
public sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Sent as <c>Retry-After</c> (seconds) when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Sent as <c>WWW-Authenticate</c> when set: a challenge a browser answers by asking its user to log in.</summary>
    public string? Challenge { get; init; }

    /// <summary>A task the error concerns (a sync timeout names the task that goes on).</summary>
    public Guid? TaskId { get; init; }

    /// <summary>A word that says why, for a program to test (the reviewer API's 409 reasons).</summary>
    public string? Reason { get; init; }

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    /// <summary>A field given more than once: readers would keep one and drop the other silently.</summary>
    public static ApiException GivenTwice(string field) => BadRequest($"'{field}' was given twice; give it once.");

    public static ApiException TaskNotFound() => new(StatusCodes.Status404NotFound, "Task not found.");
}
