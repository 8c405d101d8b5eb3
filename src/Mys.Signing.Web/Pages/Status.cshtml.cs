using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Web.Infrastructure.Http;

namespace Mys.Signing.Web.Pages;

/// <summary>Friendly Turkish pages for error status codes (403, 404, 400 from a failed antiforgery check, 429…).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public string CorrelationId { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        Code = code;
        CorrelationId = CorrelationIdMiddleware.Get(HttpContext);
        (Heading, Explanation) = code switch
        {
            400 => ("İstek doğrulanamadı", "Form süresi dolmuş ya da istek değiştirilmiş olabilir. Sayfayı yenileyip işlemi tekrar deneyin."),
            403 => ("Bu sayfaya erişim yetkiniz yok", "Bu işlem için gerekli rol bu birimde size atanmamış. Gerekirse biriminizin kimlik yöneticisine başvurun."),
            404 => ("Sayfa bulunamadı", "Aradığınız kayıt ya da sayfa yok veya kaldırılmış."),
            422 when FormControlCharacters.RefusalOf(HttpContext) is { } refusal => ("Form kabul edilmedi", refusal),
            429 => ("Çok fazla istek", "Kısa sürede çok fazla deneme yapıldı. Lütfen biraz bekleyip tekrar deneyin."),
            _ => ("İşlem tamamlanamadı", "Beklenmeyen bir durum oluştu."),
        };
        if (HttpContext.Response.StatusCode == 200 && code is >= 400 and < 600)
        {
            HttpContext.Response.StatusCode = code;
        }
    }
}
