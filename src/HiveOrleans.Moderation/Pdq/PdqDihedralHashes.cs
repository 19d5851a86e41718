namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// A picture's hash under each of the eight <see cref="PdqTransform"/>s: <c>this[t]</c> is (to within a few bits)
/// the hash of the picture with <c>t</c> done to it. All eight come from one DCT (<see cref="PdqHasher.HashDihedral"/>).
/// </summary>
public sealed class PdqDihedralHashes
{
    private readonly PdqHash[] _hashes;

    internal PdqDihedralHashes(PdqHash[] hashes)
    {
        if (hashes.Length != PdqTransforms.All.Count)
        {
            throw new ArgumentException($"Eight hashes, one per transform; got {hashes.Length}.", nameof(hashes));
        }

        _hashes = hashes;
    }

    /// <summary>The hash of the picture with <paramref name="transform"/> done to it.</summary>
    public PdqHash this[PdqTransform transform] => _hashes[(int)transform];
}
