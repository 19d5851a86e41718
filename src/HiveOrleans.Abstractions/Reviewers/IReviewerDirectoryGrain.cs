namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>Hands out reviewer ids and bounds the list. Only the operator API touches it.</summary>
[Alias("HiveOrleans.IReviewerDirectoryGrain")]
public interface IReviewerDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of the directory grain.</summary>
    const string Key = "reviewers";

    /// <summary>Reserves the next reviewer id.</summary>
    [Alias("AllocateReviewerId")]
    Task<long> AllocateReviewerIdAsync();

    /// <summary>The highest id handed out so far; ids run from 1 (an id may be skipped if creation failed).</summary>
    [Alias("GetLastReviewerId")]
    Task<long> GetLastReviewerIdAsync();
}
