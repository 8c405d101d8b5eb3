using Microsoft.AspNetCore.Identity;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Seeding;

/// <summary>
/// Seeds the demo organisation at start-up (<c>Mys:Demo:Seed</c>): <see cref="DemoData"/> with its e-Fatura XML, and with
/// the dev PKI's keys also the demo ÖEBs signed and sent to accounting. Idempotent. No request here: the audit rows
/// name the system as the actor.
/// </summary>
public sealed class SeedDemoData(MysDbContext db, UserManager<MysUser> users, IAttachmentStore store, TimeProvider clock)
{
    /// <param name="password">Every demo account's password.</param>
    /// <param name="publicBaseUrl">Where the verification links of the signed demo ÖEBs point.</param>
    /// <param name="signerKeys">The dev PKI's keys, or null for no signed demo ÖEBs.</param>
    /// <param name="allStates">Also the ÖEBs and the certificate of every state a user meets (<see cref="DemoStates"/>; needs the keys).</param>
    public Task RunAsync(string password, string publicBaseUrl, IDemoSignerKeys? signerKeys, bool allStates = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var signing = signerKeys is null ? null : new DemoSigning(db, store, signerKeys, clock);
        return DemoData.SeedAsync(db, users, password, clock, signing: signing, publicBaseUrl: publicBaseUrl, store: store, allStates: allStates, ct: ct);
    }
}
