using HiveOrleans.Storage;
using Npgsql;

namespace HiveOrleans.Tests.Storage;

public sealed class ConnectionBudgetTests
{
    private const string Server = "Host=127.0.0.1;Database=hive;Username=u;Password=p";

    [Theory]
    [InlineData(16, 12, 4)]
    [InlineData(6, 4, 2)]
    [InlineData(4, 2, 2)]
    [InlineData(100, 75, 25)]
    public void A_budget_is_split_between_the_stores_and_Orleans_and_adds_up(int budget, int stores, int orleans)
    {
        var store = StoreLocation.ForPostgres(Server).WithConnectionBudget(budget);

        var ours = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var theirs = new NpgsqlConnectionStringBuilder(store.OrleansConnectionString);
        Assert.Equal(stores, ours.MaxPoolSize);
        Assert.Equal(orleans, theirs.MaxPoolSize);
        Assert.True(ours.NoResetOnClose && theirs.NoResetOnClose);
        Assert.Equal("hive", ours.Database);
        Assert.Equal("p", theirs.Password);
    }

    [Fact]
    public void A_budget_too_small_to_split_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StoreLocation.ForPostgres(Server).WithConnectionBudget(3));
    }

    [Fact]
    public void Without_a_budget_both_use_the_connection_string_as_given()
    {
        var store = StoreLocation.ForPostgres(Server);

        Assert.Equal(Server, store.ConnectionString);
        Assert.Equal(Server, store.OrleansConnectionString);
    }
}
