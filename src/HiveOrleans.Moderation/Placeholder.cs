namespace HiveOrleans.Moderation;
internal static class Placeholder { }
