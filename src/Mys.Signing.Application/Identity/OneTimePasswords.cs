using System.Security.Cryptography;

namespace Mys.Signing.Application.Identity;

/// <summary>Passwords an administrator hands over (new account, reset): random, meet the policy, shown once, changed at first login.</summary>
public static class OneTimePasswords
{
    private const string Upper = "ABCDEFGHJKLMNPRSTUVYZ";
    private const string Lower = "abcdefghijkmnprstuvyz";
    private const string Digits = "23456789";

    /// <summary>Four groups of six letters and digits (no look-alikes) joined by dashes: about 100 bits, readable over the phone.</summary>
    public static string New()
    {
        var groups = new string[4];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = string.Concat(Pick(Upper), Pick(Lower), Pick(Digits), Pick(Lower)) + Pick(Lower) + Pick(Upper);
        }

        return string.Join('-', groups);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
