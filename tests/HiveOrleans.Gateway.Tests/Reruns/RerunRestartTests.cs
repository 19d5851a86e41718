using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Reruns;

/// <summary>A rerun outlives its server: a new server on the same database carries it on from its checkpoint.</summary>
public sealed class RerunRestartTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_rerun_resumes_after_a_restart_and_finishes_without_counting_a_task_twice()
    {
        string rerunId;
        List<string> named;
        long doneBefore;
        var server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, RerunGateway.SlowReruns(tasksPerSecond: 10));
        try
        {
            var project = await server.Client.CreateProjectAsync("restart");
            (named, _) = await RerunGateway.FillAsync(server, project, count: 40, every: 4);
            rerunId = await RerunGateway.StartAsync(server, project.ProjectId, new { mode = "shadow", config = new { blocklist = new[] { RerunGateway.Term } } });
            var midway = await RerunGateway.WaitUntilAsync(server, rerunId, r => r.GetProperty("done").GetInt64() >= 10, "the rerun to be a quarter through");
            doneBefore = midway.GetProperty("done").GetInt64();
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.InRange(doneBefore, 10, 39);
        await using var restarted = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, RerunGateway.SlowReruns(tasksPerSecond: 10));
        var resumed = await RerunGateway.GetAsync(restarted, rerunId);
        Assert.InRange(resumed.GetProperty("done").GetInt64(), 8, 39);

        var rerun = await RerunGateway.WaitForStatusAsync(restarted, rerunId, "completed");

        Assert.Equal(40, rerun.GetProperty("total").GetInt64());
        Assert.Equal(40, rerun.GetProperty("done").GetInt64());
        Assert.Equal(10, rerun.GetProperty("changed").GetInt64());
        Assert.Equal(10, rerun.GetProperty("newly_flagged").GetInt64());
        Assert.Equal(10, rerun.GetProperty("heads")[0].GetProperty("count").GetInt64());
        Assert.Equal(named, RerunGateway.Strings(rerun.GetProperty("examples")));
    }
}
