namespace Mys.Signing.Infrastructure.DataProtection;

/// <summary>A Data Protection key ring element, shared by every app instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
