using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Web.Infrastructure;

namespace Mys.Signing.TestSupport;

/// <summary>What the seeder produced: the ÖEB, its verification code and every PDF revision (rendered, first, second signature).</summary>
public sealed record SeededPaymentOrder(Guid Id, string Number, string VerificationCode, IReadOnlyList<byte[]> Revisions)
{
    public byte[] SignedPdf => Revisions[^1];
}

/// <summary>
/// Produces ÖEBs signed by both demo signers with the dev PKI (no bridge) and sent to the demo accounting unit, in an
/// app started with <c>Mys:DevPki:Enabled</c>; and the tampered variants the bad-input tests need.
/// </summary>
public sealed class SignedPaymentOrderSeeder(MysAppFactory app)
{
    private static int _sequence;

    public static IReadOnlyDictionary<string, string> DevPkiSettings(string folder) => new Dictionary<string, string>
    {
        ["Mys:DevPki:Enabled"] = "true",
        ["Mys:DevPki:Folder"] = folder,
        ["Mys:DevPki:BaseUrl"] = "http://127.0.0.1:5080/devpki",
    };

    /// <param name="configure">Changes the ÖEB before it is submitted (e.g. adds attachments already in the store).</param>
    public async Task<SeededPaymentOrder> SeedSentAsync(DemoSigningOrder signingOrder = DemoSigningOrder.Normal, decimal gross = 1180.00m, Action<PaymentOrder>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MysDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = await UserIdsAsync(db);
        var order = await SubmitAsync(db, clock, user, gross, configure);
        using var keys = new DevPkiDemoSignerKeys(services.GetRequiredService<DevPkiHierarchy>(), clock);
        var signing = new DemoSigning(db, services.GetRequiredService<IAttachmentStore>(), keys, clock);
        var result = await signing.SignAndSendAsync(order, user[Role.RealizationOfficer], user[Role.SpendingAuthority], "http://127.0.0.1:5080", signingOrder);
        return new SeededPaymentOrder(order.Id, order.Number.Value, result.Document.VerificationCode, result.Revisions);
    }

    /// <summary>A complete draft ÖEB of the demo data entry officer (budget classification, lines, payee), not yet submitted.</summary>
    public async Task<(Guid Id, string Number)> SeedDraftAsync(decimal gross = 1180.00m)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = await UserIdsAsync(db);
        var number = $"TEST/{Interlocked.Increment(ref _sequence):D4}{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}";
        var now = clock.GetUtcNow();
        var order = DemoData.NewElectricityOrder(number, "Başkent Elektrik Dağıtım A.Ş.", gross, Guid.NewGuid(), new Actor(user[Role.DataEntryOfficer], Role.DataEntryOfficer),
            DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(3)).DateTime), now);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return (order.Id, order.Number.Value);
    }

    /// <summary>
    /// A draft ÖEB (e.g. from <see cref="SeedDraftAsync"/>, with attachments added through the pages) submitted, signed by
    /// the demo realization officer and spending authority with the dev PKI and sent to the accounting unit, as the signing
    /// pages would.
    /// </summary>
    public async Task<SeededPaymentOrder> SubmitSignAndSendAsync(Guid orderId)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MysDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = await UserIdsAsync(db);
        var order = await db.PaymentOrders.SingleAsync(o => o.Id == orderId);
        if (order.Status == PaymentOrderStatus.Draft)
        {
            await SubmitDraftAsync(db, clock, user, order);
        }

        using var keys = new DevPkiDemoSignerKeys(services.GetRequiredService<DevPkiHierarchy>(), clock);
        var signing = new DemoSigning(db, services.GetRequiredService<IAttachmentStore>(), keys, clock);
        var result = await signing.SignAndSendAsync(order, user[Role.RealizationOfficer], user[Role.SpendingAuthority], "http://127.0.0.1:5080", DemoSigningOrder.Normal);
        return new SeededPaymentOrder(order.Id, order.Number.Value, result.Document.VerificationCode, result.Revisions);
    }

    /// <summary>Submits a draft ÖEB (e.g. from <see cref="SeedDraftAsync"/>): it then awaits the realization officer's signature.</summary>
    public async Task SubmitAsync(Guid orderId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.SingleAsync(o => o.Id == orderId);
        await SubmitDraftAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), await UserIdsAsync(db), order);
    }

    private static async Task SubmitDraftAsync(MysDbContext db, TimeProvider clock, Dictionary<Role, Guid> user, PaymentOrder order)
    {
        var context = Domain.PaymentOrders.RuleContext.Create(
            await Infrastructure.Catalog.DocumentCatalogLoader.LoadAsync(db, default), Domain.PaymentOrders.EmptyContractHistory.Instance, Domain.PaymentOrders.RuleOptions.Default, clock);
        DemoData.Submit(order, new Actor(user[Role.DataEntryOfficer], Role.DataEntryOfficer), clock.GetUtcNow(), context);
        await db.SaveChangesAsync();
    }

    /// <summary>An ÖEB entered and submitted by the demo data entry officer, awaiting the realization officer's signature.</summary>
    public async Task<(Guid Id, string Number)> SeedAwaitingRealizationAsync(decimal gross = 1180.00m)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await SubmitAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), await UserIdsAsync(db), gross);
        return (order.Id, order.Number.Value);
    }

    private static async Task<PaymentOrder> SubmitAsync(MysDbContext db, TimeProvider clock, Dictionary<Role, Guid> user, decimal gross, Action<PaymentOrder>? configure = null)
    {
        var number = $"TEST/{Interlocked.Increment(ref _sequence):D4}{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}";
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(3)).DateTime);
        var actor = new Actor(user[Role.DataEntryOfficer], Role.DataEntryOfficer);
        var order = DemoData.NewElectricityOrder(number, "Başkent Elektrik Dağıtım A.Ş.", gross, Guid.NewGuid(), actor, today, now);
        configure?.Invoke(order);
        var context = Domain.PaymentOrders.RuleContext.Create(
            await Infrastructure.Catalog.DocumentCatalogLoader.LoadAsync(db, default), Domain.PaymentOrders.EmptyContractHistory.Instance, Domain.PaymentOrders.RuleOptions.Default, clock);
        DemoData.Submit(order, actor, now, context);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Makes <paramref name="pdf"/> the ÖEB's newest stored revision (as if the stored file had been altered).</summary>
    public async Task ReplaceCurrentAsync(Guid orderId, byte[] pdf)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        using var stream = new MemoryStream(pdf, writable: false);
        var stored = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().SaveAsync(stream, ContentKind.Pdf, long.MaxValue, default);
        var sha256 = stored.IsSuccess ? stored.Value.Sha256 : throw new InvalidOperationException(stored.Error!.ToString());
        await db.SignedPaymentOrderDocuments.Where(d => d.PaymentOrderId == orderId).ExecuteUpdateAsync(s => s.SetProperty(d => d.CurrentSha256, sha256));
    }

    public async Task<(SignedPaymentOrderDocument Document, byte[] Pdf)> CurrentAsync(Guid orderId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == orderId);
        await using var stream = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(document.CurrentSha256.Trim(), default)
                                 ?? throw new InvalidOperationException("Current revision missing from the store.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return (document, buffer.ToArray());
    }

    /// <summary>One byte of the first revision's page content flipped (inside both signatures' byte ranges).</summary>
    public static byte[] FlipByteInSignedRange(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var copy = (byte[])pdf.Clone();
        var at = copy.AsSpan().IndexOf("stream\n"u8) + 60;
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>An incremental update after the signatures that draws over the first page.</summary>
    public static byte[] AppendContentRevision(byte[] pdf)
    {
        var file = PdfFile.Load(pdf);
        var page = file.ResolveDictionary(((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0])!;
        var contents = (PdfReference)page["Contents"]!;
        var update = new PdfIncrementalUpdate(file);
        var old = PdfFilters.Decode((PdfStream)file.GetObject(contents.Number)!);
        update.Replace(contents.Number, new PdfStream(new PdfDictionary(), [.. old, .. Encoding.ASCII.GetBytes("\nq 1 1 1 rg 300 500 200 40 re f Q\n")]));
        return update.Build().Bytes;
    }

    /// <summary>The second signature's value overwritten with zeros (the signature is stripped, the field stays).</summary>
    public static byte[] StripSecondSignature(byte[] pdf)
    {
        var copy = (byte[])pdf.Clone();
        var second = PdfSignatureInfo.Read(PdfFile.Load(copy))[1];
        for (var i = second.ByteRange[1] + 1; i < second.ByteRange[2] - 1; i++)
        {
            copy[i] = (byte)'0';
        }

        return copy;
    }

    private static async Task<Dictionary<Role, Guid>> UserIdsAsync(MysDbContext db)
    {
        var ids = new Dictionary<Role, Guid>();
        foreach (var account in DemoData.Accounts)
        {
            ids[account.Role] = await db.Users.Where(u => u.Tckn == account.Tckn).Select(u => u.Id).SingleAsync();
        }

        return ids;
    }
}
