namespace HiveOrleans.Grains;
internal static class Placeholder { }
