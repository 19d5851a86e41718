using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>How <c>banks add --file</c> and <c>banks remove --file</c> read a file and split it into requests. No gateway needed.</summary>
public sealed class CliBankFileTests : IDisposable
{
    private static readonly string[] Connection = ["--url", "http://gateway.test", "--token", "t"];

    private readonly string _directory = Directory.CreateTempSubdirectory("hiveorleans-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_csv_file_with_a_header_is_sent_as_its_rows_in_order_skipping_blank_lines()
    {
        var file = Write("hashes.csv", $"content_id,hash,label\r\nreport-1,{Hex(1).ToUpperInvariant()},csam\r\n\r\n\"report 2, page 3\" , {Hex(2)} ,ncii\r\n");
        var handler = ScriptedHandler.Answering("""{"bank": "hotline", "added": 2, "replaced": 0, "unchanged": 0, "seq": 4}""");

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", file], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/admin/v1/banks/hotline/hashes", request.Uri.AbsolutePath);
        AssertJsonEqual(
            $$"""
            {"hashes": [{"content_id": "report-1", "hash": "{{Hex(1).ToUpperInvariant()}}", "label": "csam"},
                        {"content_id": "report 2, page 3", "hash": "{{Hex(2)}}", "label": "ncii"}]}
            """,
            request.Body);
        Assert.Equal("Bank hotline: 2 hashes added, 0 replaced, 0 unchanged.", result.StdoutLines[0]);
    }

    [Fact]
    public async Task A_tab_separated_file_without_a_header_is_read_the_same_way()
    {
        var file = Write("hashes.tsv", $"report-1\t{Hex(1)}\tcsam\nreport-2\t{Hex(2)}\tterror\n");
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", file], handler);

        result.AssertSucceeded();
        AssertJsonEqual(
            $$"""
            {"hashes": [{"content_id": "report-1", "hash": "{{Hex(1)}}", "label": "csam"},
                        {"content_id": "report-2", "hash": "{{Hex(2)}}", "label": "terror"}]}
            """,
            Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task A_file_of_more_than_10000_hashes_goes_in_batches_of_10000_whose_counts_are_added_up()
    {
        var file = HashFile(10_001);
        static ScriptedHandler TwoAnswers() => ScriptedHandler.AnsweringInTurn(
            (HttpStatusCode.OK, """{"bank": "hotline", "added": 9990, "replaced": 10, "unchanged": 0, "seq": 7}"""),
            (HttpStatusCode.OK, """{"bank": "hotline", "added": 0, "replaced": 0, "unchanged": 1, "seq": 8}"""));
        var handler = TwoAnswers();

        var result = await CliRun.RunAsync([.. Connection, "--json", "banks", "add", "hotline", "--file", file], handler);

        result.AssertSucceeded();
        Assert.Equal(2, handler.Requests.Count);
        var first = Hashes(handler.Requests[0]);
        var second = Hashes(handler.Requests[1]);
        Assert.Equal(10_000, first.Count);
        Assert.Equal("report-0", first[0]!["content_id"]!.GetValue<string>());
        Assert.Equal("report-10000", Assert.Single(second)!["content_id"]!.GetValue<string>());
        AssertJsonEqual("""{"bank": "hotline", "added": 9990, "replaced": 10, "unchanged": 1, "seq": 8}""", result.Stdout);

        var text = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", file], TwoAnswers());
        text.AssertSucceeded();
        Assert.Equal("Bank hotline: 9990 hashes added, 10 replaced, 1 unchanged.", text.StdoutLines[0]);
    }

    [Fact]
    public async Task A_refused_batch_names_the_file_line_and_how_far_the_earlier_batches_got()
    {
        var file = HashFile(10_005);
        var handler = ScriptedHandler.AnsweringInTurn(
            (HttpStatusCode.OK, """{"bank": "hotline", "added": 10000, "replaced": 0, "unchanged": 0, "seq": 7}"""),
            (HttpStatusCode.BadRequest, """{"return_code": 400, "message": "hashes[3].label must be 1–64 of a–z, 0–9 and '_'."}"""));

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", file], handler);

        // The header is line 1, so entry 10,000 (the second batch's first) is on line 10,002 and its fourth on 10,005.
        Assert.Equal(
            $"error: {file} line 10005: hashes[3].label must be 1–64 of a–z, 0–9 and '_'. "
            + "Lines up to 10001 (10000 hashes) were added already; adding them again changes nothing.",
            result.AssertOneErrorLine(exitCode: 1));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_of_the_whole_request_is_shown_as_the_api_gave_it()
    {
        var file = HashFile(3);
        var handler = new ScriptedHandler(HttpStatusCode.NotFound, """{"return_code": 404, "message": "Bank 'gone' not found."}""");

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "gone", "--file", file], handler);

        Assert.Equal("error: Bank 'gone' not found.", result.AssertOneErrorLine(exitCode: 1));
    }

    [Theory]
    [InlineData("content_id,hash,label\nreport-1,HEX,csam\nreport-2,not-a-hash,csam\n", "line 3: 'not-a-hash' is not a PDQ hash (64 hex digits)")]
    [InlineData("report-1,HEX,csam\nreport-2,HEX\n", "line 2: expected content_id,hash,label (comma-separated), found 2 fields")]
    [InlineData("report-1\tHEX\tcsam\n\nreport-2\tHEX\tcsam\textra\n", "line 3: expected content_id<tab>hash<tab>label (tab-separated), found 4 fields")]
    [InlineData("report-1,HEX,csam\n\nreport-1,HEX,ncii\n", "line 3: content id 'report-1' is also on line 1")]
    [InlineData("\"report-1,HEX,csam\n", "line 1: a quoted field has no closing quote")]
    [InlineData(",HEX,csam\n", "line 1: the content id is empty")]
    [InlineData("report-1,HEX,\n", "line 1: the label is empty")]
    [InlineData("hash,content_id,label\nHEX,report-1,csam\n", "line 1: the columns must be content_id,hash,label, in that order")]
    [InlineData("content_id,hash,label\n\n", "has no hashes")]
    public async Task A_bad_line_is_a_usage_error_naming_it_and_nothing_is_sent(string content, string expected)
    {
        var file = Write("hashes.csv", content.Replace("HEX", Hex(9), StringComparison.Ordinal));
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", file], handler);

        var error = result.AssertOneErrorLine(exitCode: 2);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_a_usage_error_naming_it()
    {
        var missing = Path.Combine(_directory, "missing.csv");
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. Connection, "banks", "add", "hotline", "--file", missing], handler);

        Assert.StartsWith($"error: cannot read '{missing}'", result.AssertOneErrorLine(exitCode: 2), StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_file_of_content_ids_is_removed_one_id_a_line_in_batches_of_10000()
    {
        var file = Write("ids.txt", string.Join('\n', Enumerable.Range(0, 10_001).Select(i => i == 1 ? $"  report-{i}  \n" : $"report-{i}")));
        var handler = ScriptedHandler.AnsweringInTurn(
            (HttpStatusCode.OK, """{"bank": "hotline", "removed": 10000, "seq": 9}"""),
            (HttpStatusCode.OK, """{"bank": "hotline", "removed": 0, "seq": 9}"""));

        var result = await CliRun.RunAsync([.. Connection, "banks", "remove", "hotline", "--file", file], handler);

        result.AssertSucceeded();
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("/admin/v1/banks/hotline/hashes/remove", r.Uri.AbsolutePath));
        var first = JsonNode.Parse(handler.Requests[0].Body!)!["content_ids"]!.AsArray();
        Assert.Equal(10_000, first.Count);
        Assert.Equal("report-1", first[1]!.GetValue<string>());
        Assert.Equal("report-10000", Assert.Single(JsonNode.Parse(handler.Requests[1].Body!)!["content_ids"]!.AsArray())!.GetValue<string>());
        Assert.Equal("Bank hotline: 10000 hashes removed.", result.StdoutLines[0]);
    }

    private string HashFile(int rows)
    {
        var text = new StringBuilder("content_id,hash,label\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"report-{i},{Hex(i)},csam\n");
        }

        return Write("hashes.csv", text.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static JsonArray Hashes(RecordedRequest request) => JsonNode.Parse(request.Body!)!["hashes"]!.AsArray();

    private static string Hex(int value) => $"{new string('a', 48)}{value:x16}";

    private static void AssertJsonEqual(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"expected {expectedNode?.ToJsonString()}, got {actual}");
    }
}
