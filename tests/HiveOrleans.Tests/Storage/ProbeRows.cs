using System.Data.Common;
using System.Text;

namespace HiveOrleans.Tests.Storage;

/// <summary>Looks at the grain-state rows of one probe grain directly in the database.</summary>
internal static class ProbeRows
{
    /// <summary>
    /// The state rows of <paramref name="grain"/>: state name and the stored payload as text (null after a clear).
    /// Orleans keys a GUID grain by the GUID's two little-endian halves (GrainIdN0, GrainIdN1).
    /// </summary>
    public static async Task<List<(string StateName, string? Payload)>> ReadAsync(DbConnection connection, Guid grain)
    {
        var bytes = grain.ToByteArray();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT state_name, payload
            FROM orleans_grain_state
            WHERE service_id = @service AND grain_id_n0 = @n0 AND grain_id_n1 = @n1
            ORDER BY state_name
            """;
        Add(command, "service", ProbeSilo.ServiceId);
        Add(command, "n0", BitConverter.ToInt64(bytes, 0));
        Add(command, "n1", BitConverter.ToInt64(bytes, 8));

        var rows = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : Encoding.UTF8.GetString((byte[])reader.GetValue(1))));
        }

        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
