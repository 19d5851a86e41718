namespace HiveOrleans.Wire.Models;

/// <summary>The answer to deleting a model.</summary>
/// <param name="Name">The model.</param>
/// <param name="Deleted">Always true.</param>
public sealed record ModelDeletedDocument(string Name, bool Deleted);
