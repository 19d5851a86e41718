using System.Data.Common;
using HiveOrleans.Abstractions.Health;

namespace HiveOrleans.Grains.Hosting;

/// <summary>
/// Turns a database failure that ends a grain call into <see cref="StoreUnavailableException"/>: the drivers'
/// exceptions (Npgsql's, SQLite's) have no Orleans codec, so a gateway in another process would get an opaque
/// fallback exception and could not answer the caller 503 "retry shortly". Nothing else is touched.
/// </summary>
internal sealed class StoreFailureCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (DatabaseFailure(ex) is { } failure)
        {
            throw new StoreUnavailableException($"The store could not be used ({failure.GetType().Name}: {failure.Message}).");
        }
    }

    private static DbException? DatabaseFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException db)
            {
                return db;
            }
        }

        return null;
    }
}
