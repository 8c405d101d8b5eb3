using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Access;

/// <summary>
/// What a password must be (for every account, whoever sets it): 12 to 128 characters, at least three of upper-case
/// letters, lower-case letters, digits and other characters, not containing the holder's T.C. kimlik no, and not one of
/// the passwords (or a common word with only digits and punctuation around it) that are guessed first. "Not the
/// previous one" needs the stored hash and is checked where the password is changed.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    public const int MaxLength = 128;

    /// <summary>Whole passwords seen first in guessing lists (compared case-insensitively).</summary>
    private static readonly HashSet<string> CommonPasswords = new(StringComparer.Ordinal)
    {
        "123456789012", "1234567890123", "12345678910", "111111111111", "000000000000", "123123123123",
        "qwertyuiop12", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "asdfghjkl123", "abc123456789",
        "password1234", "password123!", "passw0rd1234", "p@ssw0rd1234", "parola123456", "parola1234!.",
        "sifre1234567", "şifre1234567", "sifre123456!", "admin1234567", "administrator", "qwertyuıop12",
        "türkiye1923!", "turkiye1923!", "ankara061234", "istanbul3434", "mustafakemal", "galatasaray1905",
        "fenerbahce1907", "besiktas1903", "trabzonspor1967",
    };

    /// <summary>Words that with only digits and punctuation added are still guessed first.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "parola", "sifre", "password", "passw", "qwerty", "qwertyuiop", "asdf", "asdfgh", "admin", "administrator",
        "yonetici", "kullanici", "mys", "maliye", "muhasebe", "harcama", "turkiye", "ankara", "istanbul", "izmir",
        "galatasaray", "fenerbahce", "besiktas", "trabzonspor", "ataturk", "mustafakemal", "abc", "deneme", "test",
        "welcome", "hosgeldin", "letmein", "iloveyou", "seniseviyorum",
    };

    public static Result Check(string? password, string? holderTckn)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Result.Failure("PASSWORD_EMPTY", "Parola boş olamaz.");
        }

        if (password.Length < MinLength)
        {
            return Result.Failure("PASSWORD_TOO_SHORT", $"Parola en az {MinLength} karakter olmalıdır.");
        }

        if (password.Length > MaxLength)
        {
            return Result.Failure("PASSWORD_TOO_LONG", $"Parola en fazla {MaxLength} karakter olabilir.");
        }

        if (!string.IsNullOrEmpty(holderTckn) && password.Contains(holderTckn, StringComparison.Ordinal))
        {
            return Result.Failure("PASSWORD_CONTAINS_TCKN", "Parola T.C. kimlik numaranızı içeremez.");
        }

        if (CharacterClasses(password) < 3)
        {
            return Result.Failure("PASSWORD_TOO_SIMPLE", "Parola büyük harf, küçük harf, rakam ve özel karakterden en az üç türü içermelidir.");
        }

        return IsCommon(password)
            ? Result.Failure("PASSWORD_COMMON", "Bu parola çok yaygın kullanılıyor ve kolayca tahmin edilir. Başka bir parola seçin.")
            : Result.Success();
    }

    private static int CharacterClasses(string password) =>
        (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
        + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    private static bool IsCommon(string password)
    {
        var folded = Fold(password);
        if (CommonPasswords.Contains(folded) || CommonPasswords.Contains(password.ToLower(CultureInfo.GetCultureInfo("tr-TR"))))
        {
            return true;
        }

        // "Parola2026!", "Qwerty.12345": a listed word with only digits and punctuation around it; or one character repeated.
        var letters = new string(folded.Where(char.IsLetter).ToArray());
        return CommonWords.Contains(letters) || password.Distinct().Count() <= 3;
    }

    /// <summary>Lower case with the Turkish letters folded to ASCII, so "Şifre", "SIFRE" and "şifre" compare alike.</summary>
    private static string Fold(string text) =>
        new(text.ToLower(CultureInfo.GetCultureInfo("tr-TR")).Select(c => c switch
        {
            'ı' => 'i', 'ş' => 's', 'ğ' => 'g', 'ü' => 'u', 'ö' => 'o', 'ç' => 'c',
            _ => c,
        }).ToArray());
}
