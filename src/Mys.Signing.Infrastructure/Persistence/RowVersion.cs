namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>The optimistic-concurrency token of aggregates: a shadow property mapped to PostgreSQL's <c>xmin</c>.</summary>
public static class RowVersion
{
    public const string Property = "Version";
}
