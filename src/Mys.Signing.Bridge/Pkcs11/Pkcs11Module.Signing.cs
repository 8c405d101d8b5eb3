namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>Single-part signing.</summary>
public sealed unsafe partial class Pkcs11Module
{
    public void SignInit(ulong session, ulong mechanism, ulong key)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint, nuint>)Fn(FnSignInit);
        var layout = Abi.Mechanism;
        var native = stackalloc byte[layout.Size];
        new Span<byte>(native, layout.Size).Clear();
        Abi.WriteUlong(native + layout.Offset("mechanism"), mechanism);
        Check("C_SignInit", fn((nuint)session, native, (nuint)key));
    }

    /// <summary>Single-part C_Sign after <see cref="SignInit"/>; asks for the length first when the buffer is too small.</summary>
    public byte[] Sign(ulong session, ReadOnlySpan<byte> data)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, byte*, nuint, byte*, void*, nuint>)Fn(FnSign);
        var lengthBuffer = stackalloc byte[8];
        var signature = new byte[1024];
        fixed (byte* input = data)
        fixed (byte* output = signature)
        {
            Abi.WriteUlong(lengthBuffer, (ulong)signature.Length);
            var rv = Abi.ReturnValue(fn((nuint)session, input, (nuint)data.Length, output, lengthBuffer));
            if (rv == Ckr.BufferTooSmall)
            {
                var needed = checked((int)Abi.ReadUlong(lengthBuffer));
                var larger = new byte[needed];
                fixed (byte* second = larger)
                {
                    Check("C_Sign", fn((nuint)session, input, (nuint)data.Length, second, lengthBuffer));
                }

                return larger.AsSpan(0, checked((int)Abi.ReadUlong(lengthBuffer))).ToArray();
            }

            Check("C_Sign", rv);
        }

        return signature.AsSpan(0, checked((int)Abi.ReadUlong(lengthBuffer))).ToArray();
    }
}
