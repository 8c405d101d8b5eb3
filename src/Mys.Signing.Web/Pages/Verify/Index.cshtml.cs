using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Web.Pages.Accounting;

namespace Mys.Signing.Web.Pages.Verify;

/// <summary>
/// Public verification ("/dogrula"): anyone holding a printed or exported ÖEB types its code (or scans the QR) and sees
/// the document number, date, unit, the signers' names and roles and the verdict — nothing beyond what is printed.
/// They may upload a PDF to check it is a revision of that document and valid. Throttled per client address.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(CheckVerificationCode codes, VerificationThrottle throttle, SignatureValidation validation, BuildVerificationReport reports,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Largest PDF the page checks (the upload middleware refuses bigger requests before reading them).</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    [FromRoute]
    public string? Code { get; set; }

    [FromQuery(Name = "kod")]
    public string? TypedCode { get; set; }

    public PublicVerificationSummary? Found { get; private set; }

    public string? Error { get; private set; }

    public string? UploadVerdict { get; private set; }

    public bool UploadOk { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (TypedCode is not null && Code is null)
        {
            return VerificationCode.Normalise(TypedCode) is { } typed
                ? Redirect("/dogrula/" + typed)
                : await RefuseCodeAsync();
        }

        if (Code is null)
        {
            return Page();
        }

        if (!await AllowedAsync())
        {
            return Throttled();
        }

        var document = await codes.FindAsync(Code, HttpContext.RequestAborted);
        if (document is null)
        {
            return await RefuseCodeAsync();
        }

        Found = await codes.SummarizeAsync(document, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Code is null)
        {
            Error = "Önce belgenin doğrulama kodunu girin.";
            return Page();
        }

        if (!await AllowedAsync())
        {
            return Throttled();
        }

        var document = await codes.FindAsync(Code, HttpContext.RequestAborted);
        if (document is null)
        {
            return await RefuseCodeAsync();
        }

        Found = await codes.SummarizeAsync(document, HttpContext.RequestAborted);
        var file = Request.HasFormContentType ? Request.Form.Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            Error = "Denetlenecek PDF dosyasını seçin.";
            return Page();
        }

        if (file.Length > MaxUploadBytes)
        {
            Error = $"Dosya çok büyük; en çok {MaxUploadBytes / (1024 * 1024)} MB yüklenebilir.";
            logger.LogInformation("Public verification upload refused: {Size} bytes", file.Length);
            return PageWithStatus(StatusCodes.Status413PayloadTooLarge);
        }

        byte[] uploaded;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await stream.CopyToAsync(buffer, ct);
            uploaded = buffer.ToArray();
        }

        if (!uploaded.AsSpan().StartsWith("%PDF-"u8))
        {
            Error = "Yüklenen dosya PDF değil. Yalnızca e-imzalı ÖEB'nin PDF dosyası denetlenebilir.";
            logger.LogInformation("Public verification upload refused: not a PDF ({Name})", file.FileName);
            return PageWithStatus(StatusCodes.Status415UnsupportedMediaType);
        }

        var rendered = await reports.ReadAsync(document.RenderedSha256.Trim(), ct);
        if (rendered is null || !uploaded.AsSpan().StartsWith(rendered))
        {
            UploadOk = false;
            UploadVerdict = "Yüklenen PDF bu doğrulama koduna ait ÖEB değil (ilk sürümü sistemdeki belgeyle aynı değil).";
            return Page();
        }

        var embedded = HasDss(uploaded);
        var result = await validation.Validator(embedded).ValidatePdfAsync(uploaded, ct);
        UploadOk = result.Indication == Indication.TotalPassed;
        // The worst signature: its reason is the report's message (the decisive reason, shown first).
        var failed = result.Signatures.Where(s => s.Indication != Indication.TotalPassed)
            .OrderByDescending(s => Verdicts.Severity(s.Indication)).ThenBy(s => Verdicts.Decisiveness(s.SubIndication)).FirstOrDefault();
        UploadVerdict = UploadOk
            ? $"Yüklenen PDF bu ÖEB'nin bir sürümüdür ve imzaları geçerlidir ({result.Signatures.Count} imza)."
            : $"Yüklenen PDF bu ÖEB'den türemiş ancak doğrulanamadı: {result.Message}"
              + (failed is null ? string.Empty : $" {failed.Role ?? failed.FieldName}: {Mys.Signing.Application.Verification.FindingWords.Explain(failed.Findings, result.Message)}");
        return Page();
    }

    private PageResult PageWithStatus(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private static bool HasDss(byte[] pdf)
    {
        try
        {
            var dss = PdfDss.Read(PdfFile.Load(pdf));
            return dss.OcspResponses.Count > 0 || dss.Crls.Count > 0;
        }
        catch (PdfFormatException)
        {
            return false;
        }
    }

    private string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private async Task<bool> AllowedAsync() => (await throttle.RequestAsync(ClientAddress, HttpContext.RequestAborted)).Allowed;

    private PageResult Throttled()
    {
        logger.LogWarning("Public verification throttled for a client");
        Response.Headers.RetryAfter = "600";
        Error = "Çok fazla deneme yaptınız. Lütfen bir süre sonra yeniden deneyin.";
        return PageWithStatus(StatusCodes.Status429TooManyRequests);
    }

    private async Task<IActionResult> RefuseCodeAsync()
    {
        var decision = await throttle.FailureAsync(ClientAddress, HttpContext.RequestAborted);
        logger.LogInformation("Public verification: unknown or malformed code ({Failures} in window)", decision.Failures);
        Error = "Bu doğrulama koduyla kayıtlı bir belge bulunamadı. Kodu belgede yazdığı gibi girdiğinizden emin olun.";
        return PageWithStatus(StatusCodes.Status404NotFound);
    }
}
