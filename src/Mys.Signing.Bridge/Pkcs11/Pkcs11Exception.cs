using System.Globalization;
using Net.Pkcs11Interop.Common;

namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>
/// A PKCS#11 function returned something other than CKR_OK. The bridge's own type, so the card rules
/// (<see cref="Card.CardErrorMapper"/>) do not depend on which wrapper raised it; Pkcs11Interop's exception is the inner one.
/// </summary>
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

    public Pkcs11Exception(string function, CKR returnValue, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"{function} returned {returnValue} (0x{(ulong)returnValue:X8})."), innerException)
    {
        Function = function;
        ReturnValue = returnValue;
    }

    public string Function { get; } = string.Empty;

    public CKR ReturnValue { get; }
}
