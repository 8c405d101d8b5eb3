using System.Globalization;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>A PKCS#11 function returned something other than CKR_OK.</summary>
public sealed class Pkcs11Exception : Exception
{
    public Pkcs11Exception()
    {
    }

    public Pkcs11Exception(string message)
        : base(message)
    {
    }

    public Pkcs11Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Pkcs11Exception(string function, ulong returnValue)
        : base(string.Create(CultureInfo.InvariantCulture, $"{function} returned CKR 0x{returnValue:X8}."))
    {
        Function = function;
        ReturnValue = returnValue;
    }

    public string Function { get; } = string.Empty;

    public ulong ReturnValue { get; }
}
