namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// The eight ways to turn or mirror a picture without losing a pixel (the dihedral group of the square). Each names
/// what was done to a picture, in image coordinates (x to the right, y down); <see cref="PdqTransforms"/> gives their
/// wire names and inverses.
/// </summary>
public enum PdqTransform
{
    /// <summary>Unchanged.</summary>
    Original = 0,

    /// <summary>Turned a quarter turn clockwise.</summary>
    Rotate90 = 1,

    /// <summary>Turned a half turn (upside down, not mirrored).</summary>
    Rotate180 = 2,

    /// <summary>Turned three quarter turns clockwise, which is a quarter turn anticlockwise.</summary>
    Rotate270 = 3,

    /// <summary>Mirrored left to right (the left edge becomes the right edge).</summary>
    FlipHorizontal = 4,

    /// <summary>Mirrored top to bottom (the top edge becomes the bottom edge).</summary>
    FlipVertical = 5,

    /// <summary>Mirrored across the diagonal from the top-left to the bottom-right corner (rows become columns).</summary>
    Transpose = 6,

    /// <summary>Mirrored across the diagonal from the top-right to the bottom-left corner.</summary>
    Transverse = 7,
}
