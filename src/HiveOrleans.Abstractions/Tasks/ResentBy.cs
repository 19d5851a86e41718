namespace HiveOrleans.Abstractions.Tasks;

/// <summary>Who asked for a callback to be sent again, as the payload's <c>resent_by</c> says.</summary>
public static class ResentBy
{
    /// <summary>The project, through <c>POST /api/v2/task/{id}/resend</c>.</summary>
    public const string Api = "api";

    /// <summary>An operator.</summary>
    public const string Manual = "manual";
}
