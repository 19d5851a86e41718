using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace HiveOrleans.Bench;

/// <summary>What the rerun phase needs of the system: a text project filled straight in the store, and the rerun API.</summary>
internal sealed partial class SystemUnderTest
{
    /// <summary>Whether the store is one this driver can fill directly (PostgreSQL: cluster mode).</summary>
    public bool CanFillTaskStore => _serverConnectionString is not null;

    /// <summary>Creates a text, model-only project and returns its id and first API key.</summary>
    public async Task<(long ProjectId, string ApiKey)> CreateTextProjectAsync(HttpClient client, string name)
    {
        var project = await CreateAsync(client, "/admin/v1/projects", new Dictionary<string, object> { ["name"] = name, ["model_type"] = "text", ["review"] = "model_only" });
        return (project.GetProperty("project_id").GetInt64(), project.GetProperty("api_keys")[0].GetString()!);
    }

    /// <summary>
    /// Adds <paramref name="count"/> finished tasks to <paramref name="projectId"/> by copying the stored state of the
    /// project's existing tasks (made through the API) under new version-7 ids, with one binary COPY: a million rows
    /// in seconds instead of the hours submitting them would take. Returns how many were added.
    /// </summary>
    public async Task<long> CloneStoredTasksAsync(long projectId, int count)
    {
        await using var connection = await OpenAsync(DatabaseConnectionString);
        var templates = new List<byte[]>();
        await using (var read = new NpgsqlCommand("SELECT state FROM hive_task WHERE project_id = $1 AND state IS NOT NULL", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                templates.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"Project {projectId} has no stored task to copy.");
        }

        await using var writer = await connection.BeginBinaryImportAsync("COPY hive_task (task_id, project_id, version, due_reason, state) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(projectId, NpgsqlDbType.Bigint);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync((short)0, NpgsqlDbType.Smallint);
            await writer.WriteAsync(templates[i % templates.Count], NpgsqlDbType.Bytea);
        }

        return (long)await writer.CompleteAsync();
    }

    /// <summary>Vacuums and analyses the task table, as autovacuum would have while its rows were stored over time.</summary>
    public async Task VacuumTaskTableAsync()
    {
        await using var connection = await OpenAsync(DatabaseConnectionString);
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) hive_task", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a PostgreSQL checkpoint, so the window after it starts where every other one does in the checkpoint cycle.</summary>
    public async Task CheckpointAsync()
    {
        await using var connection = await OpenAsync(DatabaseConnectionString);
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 600 };
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>Starts a rerun and returns its id.</summary>
    public async Task<string> StartRerunAsync(HttpClient client, long projectId, object body)
    {
        using var response = await SendOperatorAsync(client, HttpMethod.Post, $"/admin/v1/projects/{projectId}/rerun", body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Starting a rerun answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("rerun_id").GetString()!;
    }

    /// <summary>The rerun's document.</summary>
    public async Task<JsonElement> GetRerunAsync(HttpClient client, string rerunId)
    {
        using var response = await SendOperatorAsync(client, HttpMethod.Get, $"/admin/v1/reruns/{rerunId}", body: null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>Cancels a rerun.</summary>
    public async Task CancelRerunAsync(HttpClient client, string rerunId)
    {
        using var response = await SendOperatorAsync(client, HttpMethod.Post, $"/admin/v1/reruns/{rerunId}/cancel", body: null);
        response.EnsureSuccessStatusCode();
    }

    private Task<HttpResponseMessage> SendOperatorAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(Address, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _operatorToken);
        return client.SendAsync(request);
    }
}
