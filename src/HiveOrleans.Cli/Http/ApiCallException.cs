namespace HiveOrleans.Cli.Http;

/// <summary>The API refused the request or could not be reached. Exit code 1.</summary>
internal sealed class ApiCallException(string message) : Exception(message);
