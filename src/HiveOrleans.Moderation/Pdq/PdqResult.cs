namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// A hash and its quality (0–100). Below <see cref="PdqHasher.MinimumQuality"/> the image is too featureless
/// (flat, tiny, mostly one colour) for its hash to say anything, so callers should not match on it.
/// </summary>
public sealed record PdqResult(PdqHash Hash, int Quality);
