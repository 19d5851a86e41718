using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage;

namespace HiveOrleans.Tests.Idempotency;

/// <summary>
/// The grains own the state name idempotency claims are stored under (<see cref="StorageNames.Idempotency"/>); the
/// pruner is given it, and the schema's partial index has to name it too.
/// </summary>
public sealed class IdempotencyStateNameTests
{
    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public void The_retention_index_covers_the_state_name_claims_are_stored_under(StoreKind kind)
    {
        var scripts = SchemaScript.For(new StoreLocation(kind, "unused"));

        var retention = Assert.Single(scripts, s => s.Name.EndsWith("idempotency-retention.sql", StringComparison.Ordinal));
        Assert.Contains($"WHERE state_name = '{StorageNames.Idempotency}'", retention.Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("idempotency'; DROP TABLE orleans_grain_state; --")]
    [InlineData("Idempotency")]
    [InlineData("")]
    public void The_pruner_refuses_a_state_name_that_is_not_a_plain_literal(string stateName)
    {
        var store = new StoreLocation(StoreKind.Sqlite, "Data Source=:memory:");

        Assert.ThrowsAny<ArgumentException>(() => new IdempotencyClaimPruner(store, stateName));
    }
}
