using Mys.Signing.Infrastructure.Archive;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Archive;

/// <summary>
/// Within retention the database itself refuses deleting what was sent: the ÖEB, its lines and attachment rows, its
/// signed document, and the stored contents (and their chunks) they refer to. Drafts and unreferenced contents stay
/// deletable; outside retention the refusal lifts.
/// </summary>
public sealed class RetentionTriggerTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const string AttachmentSha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DocumentSha = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string LooseSha = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    [Theory]
    [InlineData("DELETE FROM \"PaymentOrders\" WHERE \"Id\" = @sent")]
    [InlineData("DELETE FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = @sent")]
    [InlineData("DELETE FROM \"PaymentOrderLines\" WHERE \"PaymentOrderId\" = @sent")]
    [InlineData("DELETE FROM \"SignedPaymentOrderDocuments\" WHERE \"PaymentOrderId\" = @sent")]
    [InlineData("DELETE FROM \"AttachmentBlobs\" WHERE \"Sha256\" = @attachment")]
    [InlineData("DELETE FROM \"AttachmentBlobs\" WHERE \"Sha256\" = @document")]
    [InlineData("DELETE FROM \"AttachmentChunks\" WHERE \"BlobId\" = (SELECT \"BlobId\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = @loose)")]
    [InlineData("TRUNCATE \"AttachmentChunks\"")]
    [InlineData("TRUNCATE \"PaymentOrders\" CASCADE")]
    public async Task Deleting_what_a_sent_payment_order_keeps_is_refused_within_retention(string sql)
    {
        var ids = await SeedAsync(sentAt: DateTimeOffset.UtcNow.AddYears(-9));

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(sql, ids));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("refused");
        (await CountAsync("SELECT count(*) FROM \"PaymentOrders\" WHERE \"Id\" = @sent", ids)).ShouldBe(1);
    }

    [Fact]
    public async Task The_revision_the_accounting_officers_signature_produced_is_kept_within_retention()
    {
        var ids = await SeedAsync(sentAt: DateTimeOffset.UtcNow.AddYears(-9));
        await ExecuteAsync("UPDATE \"PaymentOrders\" SET \"AccountingOfficerSignature_SignatureReference\" = @loose WHERE \"Id\" = @sent", ids);

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync("DELETE FROM \"AttachmentBlobs\" WHERE \"Sha256\" = @loose", ids));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Drafts_and_unreferenced_contents_can_still_be_deleted()
    {
        var ids = await SeedAsync(sentAt: DateTimeOffset.UtcNow);

        await ExecuteAsync("DELETE FROM \"PaymentOrders\" WHERE \"Id\" = @draft", ids);
        await ExecuteAsync("DELETE FROM \"AttachmentBlobs\" WHERE \"Sha256\" = @loose", ids);
        await ExecuteAsync("DELETE FROM \"AttachmentChunks\" WHERE \"BlobId\" = @looseBlob", ids);

        (await CountAsync("SELECT count(*) FROM \"PaymentOrders\" WHERE \"Id\" = @draft", ids)).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM \"AttachmentChunks\" WHERE \"BlobId\" = @looseBlob", ids)).ShouldBe(0);
    }

    [Fact]
    public async Task After_the_configured_retention_a_sent_payment_order_may_be_deleted()
    {
        await RetentionOptions.ApplyAsync(fixture.Database.ConnectionString, 5);
        try
        {
            var ids = await SeedAsync(sentAt: DateTimeOffset.UtcNow.AddYears(-6));

            await ExecuteAsync("DELETE FROM \"SignedPaymentOrderDocuments\" WHERE \"PaymentOrderId\" = @sent", ids);
            await ExecuteAsync("DELETE FROM \"PaymentOrders\" WHERE \"Id\" = @sent", ids);

            (await CountAsync("SELECT count(*) FROM \"PaymentOrders\" WHERE \"Id\" = @sent", ids)).ShouldBe(0);
        }
        finally
        {
            await RetentionOptions.ApplyAsync(fixture.Database.ConnectionString, 10);
        }
    }

    private sealed record Ids(Guid Sent, Guid Draft, Guid LooseBlob, string Suffix);

    private async Task<Ids> SeedAsync(DateTimeOffset sentAt)
    {
        var ids = new Ids(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid().ToString("N")[..8]);
        await ExecuteAsync("""
            INSERT INTO "Institutions" ("Id", "Name") VALUES (@institution, 'Kurum');
            INSERT INTO "AccountingUnits" ("Id", "InstitutionId", "Name", "Code") VALUES (@au, @institution, 'Muhasebe', @suffix);
            INSERT INTO "SpendingUnits" ("Id", "InstitutionId", "Name", "InstitutionalCode", "AccountingUnitId") VALUES (@su, @institution, 'Harcama', @suffix, @au);
            INSERT INTO "PaymentOrders" ("Id", "Version", "Number", "DocumentDate", "BudgetYear", "SpendingUnitId", "AccountingUnitId", "ExpenseTypeCode",
                "GrossAmount", "AttachmentsDescription", "Status", "CreatedBy", "CreatedAt", "SentAt", "IsWetSigned", "Deduction_IncomeTaxWithholding",
                "Deduction_Other", "Deduction_SocialSecurity", "Deduction_StampDuty", "Deduction_VatWithholding", "SpendingAuthoritySignature_SignatureReference")
            VALUES (@sent, 1, @suffix, '2026-01-01', 2026, @su, @au, 'X', 10, '', 4, @su, @sentAt, @sentAt, false, 0, 0, 0, 0, 0, @document),
                   (@draft, 1, @suffix || 'd', '2026-01-01', 2026, @su, @au, 'X', 10, '', 1, @su, @sentAt, NULL, false, 0, 0, 0, 0, 0, NULL);
            INSERT INTO "PaymentOrderLines" ("Account", "Side", "Amount", "PaymentOrderId") VALUES ('630', 1, 10, @sent), ('630', 1, 10, @draft);
            INSERT INTO "PaymentOrderAttachments" ("Id", "DocumentTypeCode", "Source", "SizeBytes", "Sha256", "CarriesSignatures", "IsCommitmentFile", "PaymentOrderId", "Position")
            VALUES (gen_random_uuid(), 'FATURA', 1, 1, @attachment, false, false, @sent, 0), (gen_random_uuid(), 'FATURA', 1, 1, @loose, false, false, @draft, 0);
            INSERT INTO "SignedPaymentOrderDocuments" ("PaymentOrderId", "VerificationCode", "RenderedSha256", "CurrentSha256", "Stage", "RenderedAt", "UpdatedAt")
            VALUES (@sent, @suffix, @document, @document, 'SpendingAuthoritySigned', @sentAt, @sentAt);
            INSERT INTO "AttachmentBlobs" ("Sha256", "BlobId", "Size", "MediaType", "StoredAt")
            VALUES (@attachment, gen_random_uuid(), 1, 'application/pdf', @sentAt), (@document, gen_random_uuid(), 1, 'application/pdf', @sentAt),
                   (@loose, @looseBlob, 1, 'application/pdf', @sentAt);
            INSERT INTO "AttachmentChunks" ("BlobId", "Sequence", "Data") SELECT "BlobId", 0, '\x00'::bytea FROM "AttachmentBlobs" WHERE "Sha256" IN (@attachment, @document, @loose);
            """, ids, ("institution", Guid.NewGuid()), ("au", Guid.NewGuid()), ("su", Guid.NewGuid()), ("sentAt", sentAt));
        return ids;
    }

    private async Task ExecuteAsync(string sql, Ids ids, params (string Name, object Value)[] extra)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, ids, extra);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql, Ids ids)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, ids, []);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, Ids ids, (string Name, object Value)[] extra)
    {
        // Each test's rows carry their own content hashes, so tests sharing the database do not see each other's.
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("sent", ids.Sent);
        command.Parameters.AddWithValue("draft", ids.Draft);
        command.Parameters.AddWithValue("looseBlob", ids.LooseBlob);
        command.Parameters.AddWithValue("suffix", ids.Suffix);
        command.Parameters.AddWithValue("attachment", ids.Suffix + AttachmentSha[8..]);
        command.Parameters.AddWithValue("document", ids.Suffix + DocumentSha[8..]);
        command.Parameters.AddWithValue("loose", ids.Suffix + LooseSha[8..]);
        foreach (var (name, value) in extra)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
