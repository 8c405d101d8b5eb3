namespace Mys.Signing.Bridge.Pkcs11;

/// <summary>Slots, tokens and mechanisms.</summary>
public sealed unsafe partial class Pkcs11Module
{
    public IReadOnlyList<ulong> GetSlotList(bool tokenPresent)
    {
        var fn = (delegate* unmanaged[Cdecl]<byte, void*, void*, nuint>)Fn(FnGetSlotList);
        var present = tokenPresent ? (byte)1 : (byte)0;
        // Slots may appear between the two calls (reader plugged in): retry on CKR_BUFFER_TOO_SMALL.
        var countBuffer = stackalloc byte[8];
        for (var attempt = 0; ; attempt++)
        {
            Check("C_GetSlotList", fn(present, null, countBuffer));
            var count = checked((int)Abi.ReadUlong(countBuffer));
            if (count == 0)
            {
                return [];
            }

            var slots = new byte[count * Abi.UlongSize];
            fixed (byte* p = slots)
            {
                var rv = Abi.ReturnValue(fn(present, p, countBuffer));
                if (rv == Ckr.BufferTooSmall && attempt < 3)
                {
                    continue;
                }

                Check("C_GetSlotList", rv);
                count = checked((int)Abi.ReadUlong(countBuffer));
                var result = new ulong[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = Abi.ReadUlong(p + (i * Abi.UlongSize));
                }

                return result;
            }
        }
    }

    public SlotInfo GetSlotInfo(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint>)Fn(FnGetSlotInfo);
        var layout = Abi.SlotInfo;
        var info = stackalloc byte[layout.Size];
        Check("C_GetSlotInfo", fn((nuint)slot, info));
        return new SlotInfo(
            slot,
            Text(info + layout.Offset("slotDescription"), 64),
            Text(info + layout.Offset("manufacturerID"), 32),
            Abi.ReadUlong(info + layout.Offset("flags")));
    }

    public TokenInfo GetTokenInfo(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, nuint>)Fn(FnGetTokenInfo);
        var layout = Abi.TokenInfo;
        var info = stackalloc byte[layout.Size];
        Check("C_GetTokenInfo", fn((nuint)slot, info));
        return new TokenInfo(
            slot,
            Text(info + layout.Offset("label"), 32),
            Text(info + layout.Offset("manufacturerID"), 32),
            Text(info + layout.Offset("model"), 16),
            Text(info + layout.Offset("serialNumber"), 16),
            Abi.ReadUlong(info + layout.Offset("flags")));
    }

    public IReadOnlyList<ulong> GetMechanismList(ulong slot)
    {
        var fn = (delegate* unmanaged[Cdecl]<nuint, void*, void*, nuint>)Fn(FnGetMechanismList);
        var countBuffer = stackalloc byte[8];
        Check("C_GetMechanismList", fn((nuint)slot, null, countBuffer));
        var count = checked((int)Abi.ReadUlong(countBuffer));
        var buffer = new byte[Math.Max(1, count) * Abi.UlongSize];
        fixed (byte* p = buffer)
        {
            Check("C_GetMechanismList", fn((nuint)slot, p, countBuffer));
            count = checked((int)Abi.ReadUlong(countBuffer));
            var result = new ulong[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Abi.ReadUlong(p + (i * Abi.UlongSize));
            }

            return result;
        }
    }
}
