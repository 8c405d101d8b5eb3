using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>"İmza Hazırlık Kontrolü": the agent, the card and the chosen certificate, line by line (JS: wwwroot/js/readiness.js).</summary>
[RequireRole(Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer, Scope = UnitScope.AnyUnit)]
public sealed class ReadinessModel(CurrentUser current, ReadinessCheck check, ILogger<ReadinessModel> logger) : PageModel
{
    public sealed record CheckRequest(string? Certificate);

    public void OnGet()
    {
    }

    /// <summary>Checks the certificate the agent listed (JSON <c>{"certificate": base64 DER}</c>) and registers it when it is the user's.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        var ct = HttpContext.RequestAborted;
        CheckRequest? request = null;
        try
        {
            if (Request.HasJsonContentType())
            {
                request = await Request.ReadFromJsonAsync<CheckRequest>(ct);
            }
        }
        catch (JsonException e)
        {
            logger.LogInformation("Readiness check by {UserId}: body is not JSON ({Message})", current.Id, e.Message);
        }

        byte[]? der = null;
        if (request?.Certificate is { Length: > 0 } text)
        {
            der = new byte[text.Length];
            der = Convert.TryFromBase64String(text, der, out var written) ? der[..written] : null;
        }

        if (der is null)
        {
            logger.LogInformation("Readiness check by {UserId} refused: no certificate in the request", current.Id);
            return BadRequest(new { error = "İstekte kontrol edilecek sertifika yok (base64 DER beklenir)." });
        }

        var result = await check.CheckAsync(current.Id, current.User!.Tckn, der, ct);
        return new JsonResult(result);
    }
}
