namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>The optimistic-concurrency token of aggregates: a shadow property mapped to PostgreSQL's <c>xmin</c>.</summary>
public static class RowVersion
{
    public const string Property = "Version";

    /// <summary>The payment order has a domain property named Version (its ÖEB version), so its token uses this name.</summary>
    public const string PaymentOrderProperty = "RowVersion";

    public static bool IsRowVersion(string propertyName) =>
        string.Equals(propertyName, Property, StringComparison.Ordinal) || string.Equals(propertyName, PaymentOrderProperty, StringComparison.Ordinal);
}
