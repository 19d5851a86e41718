namespace HiveOrleans.Moderation.Pdq;

/// <summary>The wire names of the <see cref="PdqTransform"/>s and how to undo each.</summary>
public static class PdqTransforms
{
    private static readonly string[] Names =
        ["original", "rotate90", "rotate180", "rotate270", "flip_horizontal", "flip_vertical", "transpose", "transverse"];

    /// <summary>All eight, <see cref="PdqTransform.Original"/> first.</summary>
    public static IReadOnlyList<PdqTransform> All { get; } = [.. Enumerable.Range(0, Names.Length).Select(i => (PdqTransform)i)];

    /// <summary>The name results and docs use: <c>original</c>, <c>rotate90</c>, <c>flip_horizontal</c>, …</summary>
    public static string Name(this PdqTransform transform) => Names[(int)transform];

    /// <summary>
    /// The transform that undoes <paramref name="transform"/>: a quarter turn clockwise undoes three, and every other
    /// transform undoes itself.
    /// </summary>
    public static PdqTransform Inverse(this PdqTransform transform) => transform switch
    {
        PdqTransform.Rotate90 => PdqTransform.Rotate270,
        PdqTransform.Rotate270 => PdqTransform.Rotate90,
        _ => transform,
    };
}
