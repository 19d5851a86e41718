namespace HiveOrleans.Abstractions;
internal static class Placeholder { }
