namespace HiveOrleans.Moderation.Nsfw;

/// <summary>The built-in NSFW model's files are not where the silo looks; the message names the command that writes them.</summary>
public sealed class NsfwjsWeightsMissingException : FileNotFoundException
{
    public NsfwjsWeightsMissingException(string directory, IReadOnlyList<string> missing)
        : base(
            $"The built-in NSFW model's weights are missing: {string.Join(" and ", missing)} not found in {Path.GetFullPath(directory)}. "
            + "They are not in the repository: building the solution writes them (node and npm needed), or run "
            + $"`bash tools/nsfwjs/prepare.sh {Path.GetFullPath(directory)}` from the repository, or set HiveOrleans:Nsfw:ModelDirectory to where they are.")
    {
    }

    public NsfwjsWeightsMissingException()
    {
    }

    public NsfwjsWeightsMissingException(string message)
        : base(message)
    {
    }

    public NsfwjsWeightsMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
