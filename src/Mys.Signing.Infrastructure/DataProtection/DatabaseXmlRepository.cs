using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.DataProtection;

/// <summary>
/// Stores the Data Protection key ring in PostgreSQL so that every app instance decrypts the others' cookies
/// and antiforgery tokens (the EF Core package for this is not available here; this is the small part needed).
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return db.DataProtectionKeys.AsEnumerable()
            .Select(k => XElement.Parse(k.Xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
