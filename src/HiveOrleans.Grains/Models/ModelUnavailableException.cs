namespace HiveOrleans.Grains.Models;

/// <summary>The task asks for a model this silo cannot run; retrying will not help.</summary>
public sealed class ModelUnavailableException(string message) : Exception(message);
