using Mys.Signing.Application.Common;

namespace Mys.Signing.Application.Identity;

/// <summary>The account refusals the user sees.</summary>
public static class AccountMessages
{
    /// <summary>
    /// The one answer for an unknown T.C. kimlik no, a wrong password, a deactivated account and a throttled account, so
    /// the login form tells nobody which accounts exist or are locked.
    /// </summary>
    public static readonly Refusal LoginFailed = new(RefusalKind.Invalid, "LOGIN_FAILED",
        "T.C. kimlik numarası veya parola hatalı ya da hesap şu anda kullanılamıyor. Bilgilerinizi kontrol edip birkaç dakika sonra yeniden deneyin.");

    /// <summary>About the address, not the account: it says nothing about who exists.</summary>
    public static readonly Refusal AddressThrottled = new(RefusalKind.Throttled, "LOGIN_ADDRESS_THROTTLED",
        "Bu adresten çok sayıda başarısız giriş denemesi yapıldı. 15 dakika sonra yeniden deneyin.");

    public static readonly Refusal WrongCurrentPassword = new(RefusalKind.Invalid, "PASSWORD_CURRENT_WRONG", "Mevcut parolanız hatalı.");

    public static readonly Refusal SameAsOld = new(RefusalKind.Invalid, "PASSWORD_SAME_AS_OLD", "Yeni parola eski parolanızla aynı olamaz.");

    public static readonly Refusal ConfirmationMismatch = new(RefusalKind.Invalid, "PASSWORD_CONFIRMATION", "Yeni parola ile tekrarı aynı değil.");

    public static readonly Refusal SessionNotFound = new(RefusalKind.NotFound, "SESSION_NOT_FOUND", "Oturum bulunamadı ya da zaten sonlanmış.");

    public static readonly Refusal UserNotInUnit = new(RefusalKind.NotFound, "USER_NOT_IN_UNIT", "Kullanıcı bu birimde kayıtlı değil.");
}
