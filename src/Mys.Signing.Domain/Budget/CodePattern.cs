namespace Mys.Signing.Domain.Budget;

/// <summary>Matches a code against a shape where '9' stands for one ASCII digit and any other character for itself.</summary>
internal static class CodePattern
{
    public static bool Matches(string text, string pattern)
    {
        if (text.Length != pattern.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var ok = pattern[i] == '9' ? char.IsAsciiDigit(text[i]) : text[i] == pattern[i];
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
