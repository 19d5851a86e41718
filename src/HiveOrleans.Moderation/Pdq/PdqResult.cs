namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// A hash and its quality (0–100). Below <see cref="PdqHasher.MinimumQuality"/> the image is too featureless
/// (flat, tiny, mostly one colour) for its hash to say anything, so callers should not match on it.
/// </summary>
public sealed record PdqResult(PdqHash Hash, int Quality)
{
    /// <summary>
    /// The picture's hash turned and mirrored each way, when the hasher was asked for them
    /// (<see cref="PdqHasher.HashDihedral"/>); <c>null</c> otherwise. Its <see cref="PdqTransform.Original"/> is <see cref="Hash"/>.
    /// </summary>
    public PdqDihedralHashes? Dihedral { get; init; }
}
