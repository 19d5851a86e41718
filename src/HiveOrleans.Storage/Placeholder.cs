namespace HiveOrleans.Storage;
internal static class Placeholder { }
