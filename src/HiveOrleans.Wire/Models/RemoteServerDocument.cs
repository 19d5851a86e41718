namespace HiveOrleans.Wire.Models;

/// <summary>A remote model's KServe v2 server and how it is called.</summary>
public sealed record RemoteServerDocument(string BaseUrl, string ModelName, string InputName, string OutputName, double TimeoutSeconds, int Retries, int MaxConcurrency);
