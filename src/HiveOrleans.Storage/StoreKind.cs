namespace HiveOrleans.Storage;

/// <summary>The database engines HiveOrleans keeps its durable state in.</summary>
public enum StoreKind
{
    /// <summary>A single SQLite file: embedded mode, one process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every silo: cluster mode.</summary>
    PostgreSql,
}
