using System.Text.Json;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary><c>hiveorleans banks ...</c> and a project's hash banks, in-process, against a real gateway on PostgreSQL. Each test has its own banks.</summary>
public sealed class CliBanksAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hiveorleans-cli-banks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_bank_is_created_filled_from_a_file_counted_emptied_and_deleted()
    {
        var create = await RunAsync("banks", "create", "hotline", "--description", "reports from the hotline");
        create.AssertSucceeded();
        Assert.Equal("Created bank hotline.", create.StdoutLines[0]);
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^hashes:\s+0$"));

        var add = await RunAsync("banks", "add", "hotline", "--file", ThreeHashes("hotline.csv"));
        add.AssertSucceeded();
        Assert.Equal("Bank hotline: 3 hashes added, 0 replaced, 0 unchanged.", add.StdoutLines.Single());

        var list = await RunAsync("banks", "list");
        list.AssertSucceeded();
        Assert.Contains(list.StdoutLines, l => Regex.IsMatch(l, @"^hotline\s+3\s+csam=2, ncii=1\s+\S+\s+reports from the hotline$"));

        var show = await RunAsync("banks", "show", "hotline");
        show.AssertSucceeded();
        Assert.Contains(show.StdoutLines, l => Regex.IsMatch(l, @"^hashes:\s+3$"));
        Assert.Contains(show.StdoutLines, l => Regex.IsMatch(l, @"^labels:\s+csam=2, ncii=1$"));

        var page = await RunAsync("banks", "hashes", "hotline", "--limit", "2");
        page.AssertSucceeded();
        Assert.Equal("Hashes 1-2 of 3 in bank hotline:", page.StdoutLines[0]);
        Assert.Matches($@"^report-1\s+csam\s+{Hex(1)}\s+\S+$", page.StdoutLines[2]);
        Assert.Equal("More: hiveorleans banks hashes hotline --offset 2 --limit 2", page.StdoutLines[^1]);

        var remove = await RunAsync("banks", "remove", "hotline", "--content-id", "report-1", "--content-id", "never-added");
        remove.AssertSucceeded();
        Assert.Equal("Bank hotline: 1 hash removed.", remove.StdoutLines.Single());
        var afterRemove = await RunJsonAsync("banks", "show", "hotline");
        Assert.Equal(2, afterRemove.GetProperty("hash_count").GetInt64());
        Assert.Equal(1, afterRemove.GetProperty("labels").GetProperty("csam").GetInt64());

        var delete = await RunAsync("banks", "delete", "hotline");
        delete.AssertSucceeded();
        Assert.Equal("Deleted bank hotline.", delete.StdoutLines.Single());
        Assert.Equal("error: Bank 'hotline' not found.", (await RunAsync("banks", "show", "hotline")).AssertOneErrorLine(exitCode: 1));
        Assert.DoesNotContain((await RunJsonAsync("banks", "list")).GetProperty("banks").EnumerateArray(), b => b.GetProperty("name").GetString() == "hotline");
    }

    [Fact]
    public async Task Adding_the_same_file_again_changes_nothing()
    {
        (await RunAsync("banks", "create", "again")).AssertSucceeded();
        var file = ThreeHashes("again.csv");
        (await RunAsync("banks", "add", "again", "--file", file)).AssertSucceeded();

        var again = await RunAsync("banks", "add", "again", "--file", file);

        again.AssertSucceeded();
        Assert.Equal("Bank again: 0 hashes added, 0 replaced, 3 unchanged.", again.StdoutLines.Single());
    }

    [Fact]
    public async Task A_file_longer_than_one_request_takes_arrives_whole()
    {
        (await RunAsync("banks", "create", "large")).AssertSucceeded();
        var rows = Enumerable.Range(0, 10_001).Select(i => $"report-{i},{Hex(i)},{(i % 2 == 0 ? "csam" : "ncii")}");

        var add = await RunAsync("banks", "add", "large", "--file", Write("large.csv", string.Join('\n', rows)));

        add.AssertSucceeded();
        Assert.Equal("Bank large: 10001 hashes added, 0 replaced, 0 unchanged.", add.StdoutLines.Single());
        var bank = await RunJsonAsync("banks", "show", "large");
        Assert.Equal(10_001, bank.GetProperty("hash_count").GetInt64());
        Assert.Equal(5_001, bank.GetProperty("labels").GetProperty("csam").GetInt64());
    }

    [Fact]
    public async Task One_hash_is_added_from_options_and_removed_through_a_file_of_content_ids()
    {
        (await RunAsync("banks", "create", "single")).AssertSucceeded();

        var add = await RunAsync("banks", "add", "single", "--hash", Hex(7).ToUpperInvariant(), "--content-id", "report 7", "--label", "terror");
        add.AssertSucceeded();
        Assert.Equal("Bank single: 1 hash added, 0 replaced, 0 unchanged.", add.StdoutLines.Single());
        var listed = Assert.Single((await RunJsonAsync("banks", "hashes", "single")).GetProperty("hashes").EnumerateArray());
        Assert.Equal(("report 7", Hex(7), "terror"), (listed.GetProperty("content_id").GetString(), listed.GetProperty("hash").GetString(), listed.GetProperty("label").GetString()));

        var remove = await RunAsync("banks", "remove", "single", "--file", Write("ids.txt", "report 7\n\nnever-added\n"));
        remove.AssertSucceeded();
        Assert.Equal("Bank single: 1 hash removed.", remove.StdoutLines.Single());
        Assert.Equal(0, (await RunJsonAsync("banks", "show", "single")).GetProperty("hash_count").GetInt64());
    }

    [Fact]
    public async Task A_visual_project_created_with_hash_banks_shows_them_and_an_update_can_clear_them()
    {
        (await RunAsync("banks", "create", "attached-one")).AssertSucceeded();
        (await RunAsync("banks", "create", "attached-two")).AssertSucceeded();

        var create = await RunAsync(
            "projects", "create", "--name", "matched against banks", "--model-type", "visual", "--frame-rate", "2", "--hash-banks", "attached-one,attached-two");

        create.AssertSucceeded();
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^hash banks:\s+attached-one, attached-two$"));
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^frame rate:\s+2 frames/s$"));
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^visual models:\s+nsfw, hash_banks$"));
        var id = Regex.Match(create.StdoutLines[0], @"^Created project (\d+)\.$").Groups[1].Value;
        var shown = await RunJsonAsync("projects", "show", id);
        Assert.Equal(["attached-one", "attached-two"], shown.GetProperty("hash_banks").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(2, shown.GetProperty("frame_rate").GetDouble());

        var update = await RunAsync("projects", "update", id, "--hash-banks", "", "--frame-rate", "0.5");

        update.AssertSucceeded();
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^hash banks:\s+none$"));
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^frame rate:\s+0\.5 frames/s$"));

        // Without banks the default is the NSFW classifier alone.
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^visual models:\s+nsfw$"));
    }

    [Fact]
    public async Task A_bad_hash_line_is_refused_naming_its_line_and_nothing_is_added()
    {
        (await RunAsync("banks", "create", "untouched")).AssertSucceeded();
        var file = Write("bad-hash.csv", $"content_id,hash,label\nreport-1,{Hex(1)},csam\nreport-2,{Hex(2)[..63]},csam\n");

        var result = await RunAsync("banks", "add", "untouched", "--file", file);

        Assert.Equal($"error: {file} line 3: '{Hex(2)[..63]}' is not a PDQ hash (64 hex digits)", result.AssertOneErrorLine(exitCode: 2));
        Assert.Equal(0, (await RunJsonAsync("banks", "show", "untouched")).GetProperty("hash_count").GetInt64());
    }

    [Fact]
    public async Task A_label_the_api_refuses_is_named_by_its_file_line()
    {
        (await RunAsync("banks", "create", "labelled")).AssertSucceeded();
        var file = Write("bad-label.csv", $"content_id,hash,label\nreport-1,{Hex(1)},csam\nreport-2,{Hex(2)},Not A Label\n");

        var result = await RunAsync("banks", "add", "labelled", "--file", file);

        var error = result.AssertOneErrorLine(exitCode: 1);
        Assert.StartsWith($"error: {file} line 3: hashes[1].label must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_bank_is_refused_with_the_apis_message_wherever_it_is_named()
    {
        Assert.Equal("error: Bank 'nowhere' not found.", (await RunAsync("banks", "show", "nowhere")).AssertOneErrorLine(exitCode: 1));
        Assert.Equal("error: Bank 'nowhere' not found.", (await RunAsync("banks", "add", "nowhere", "--file", ThreeHashes("nowhere.csv"))).AssertOneErrorLine(exitCode: 1));
        Assert.Equal("error: Bank 'nowhere' not found.", (await RunAsync("banks", "remove", "nowhere", "--content-id", "report-1")).AssertOneErrorLine(exitCode: 1));

        var project = await RunAsync("projects", "create", "--name", "unknown bank", "--model-type", "visual", "--hash-banks", "nowhere");

        Assert.StartsWith("error: 'hash_banks' names 'nowhere', which is not a bank", project.AssertOneErrorLine(exitCode: 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_name_taken_already_is_refused_with_the_apis_message()
    {
        (await RunAsync("banks", "create", "taken")).AssertSucceeded();

        var again = await RunAsync("banks", "create", "taken");

        Assert.Equal("error: Bank 'taken' already exists.", again.AssertOneErrorLine(exitCode: 1));
    }

    /// <summary>A header and three rows: two labelled csam, one ncii.</summary>
    private string ThreeHashes(string name) =>
        Write(name, $"content_id,hash,label\nreport-1,{Hex(1)},csam\nreport-2,{Hex(2)},csam\nreport-3,{Hex(3)},ncii\n");

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Hex(int value) => $"{new string('a', 48)}{value:x16}";

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", GatewayServer.OperatorToken, .. args]);

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        result.AssertSucceeded();
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
