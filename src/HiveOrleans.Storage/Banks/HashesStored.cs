namespace HiveOrleans.Storage.Banks;

/// <summary>
/// What storing a batch did: content ids that were new (or removed before), ids whose hash or label changed, and ids
/// that already held exactly that hash and label. <paramref name="Seq"/> is the batch's last change, 0 when none.
/// </summary>
public sealed record HashesStored(int Added, int Replaced, int Unchanged, long Seq);
