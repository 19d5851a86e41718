namespace HiveOrleans.Moderation.Pdq;

/// <summary>An entry of a <see cref="PdqIndex"/> within the query's distance.</summary>
public sealed record PdqMatch(long Id, int Distance);
