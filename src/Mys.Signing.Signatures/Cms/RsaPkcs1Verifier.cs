using System.Security.Cryptography;

namespace Mys.Signing.Signatures.Cms;

/// <summary>
/// RSASSA-PKCS1-v1_5 signature verification (RFC 8017 §8.2.2) from a public key's modulus and exponent, in managed
/// code: importing a key into OpenSSL 3 (<c>RSA.Create</c> + any import) costs 150–250 µs of CPU, several times the
/// verification itself, and a document not seen before brings four to six keys that are used once or twice each.
/// The public operation s^e mod n runs in Montgomery form on 64-bit limbs; the result is compared, in full, with the
/// encoding the RFC prescribes (00 01 FF… 00 DigestInfo, parameters NULL), as OpenSSL compares it. Public data only,
/// so constant time is not needed. Returns null for what it does not handle (an even modulus, a modulus outside
/// 1024–16384 bits, an exponent over 64 bits, a signature not exactly the modulus's length, an unknown digest), so
/// the caller falls back to OpenSSL and the verdict stays OpenSSL's.
/// </summary>
public static class RsaPkcs1Verifier
{
    // DigestInfo prefixes, RFC 8017 §9.2 note 1.
    private static readonly byte[] Sha1Prefix = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];
    private static readonly byte[] Sha256Prefix = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
    private static readonly byte[] Sha384Prefix = [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30];
    private static readonly byte[] Sha512Prefix = [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40];

    /// <summary>True or false for a signature over <paramref name="digest"/>; null when this class does not decide (see above).</summary>
    public static bool? Verify(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent, HashAlgorithmName hash, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        modulus = modulus.TrimStart((byte)0);
        exponent = exponent.TrimStart((byte)0);
        var prefix = PrefixOf(hash);
        var k = modulus.Length;
        if (prefix is null || digest.Length != prefix[^1] || k < 128 || k > 2048 || (modulus[^1] & 1) == 0 || exponent.Length is 0 or > 8
            || signature.Length != k)
        {
            return null;
        }

        ulong e = 0;
        foreach (var b in exponent)
        {
            e = (e << 8) | b;
        }

        if (e < 3 || (e & 1) == 0)
        {
            return null;
        }

        var n = Limbs(modulus, (k + 7) / 8);
        var s = Limbs(signature, n.Length);
        if (Compare(s, n) >= 0)
        {
            return false;
        }

        var m = new Montgomery(n, modulus).Power(s, e);
        Span<byte> encoded = stackalloc byte[k];
        for (var i = 0; i < k; i++)
        {
            encoded[k - 1 - i] = (byte)(m[i / 8] >> (8 * (i % 8)));
        }

        var padding = k - 3 - prefix.Length - digest.Length;
        if (padding < 8)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[k];
        expected[0] = 0;
        expected[1] = 1;
        expected.Slice(2, padding).Fill(0xFF);
        expected[2 + padding] = 0;
        prefix.CopyTo(expected[(3 + padding)..]);
        digest.CopyTo(expected[(3 + padding + prefix.Length)..]);
        return encoded.SequenceEqual(expected);
    }

    private static byte[]? PrefixOf(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 ? Sha256Prefix
        : hash == HashAlgorithmName.SHA384 ? Sha384Prefix
        : hash == HashAlgorithmName.SHA512 ? Sha512Prefix
        : hash == HashAlgorithmName.SHA1 ? Sha1Prefix
        : null;

    /// <summary>A big-endian number as little-endian 64-bit limbs (<paramref name="count"/> of them; it must fit).</summary>
    private static ulong[] Limbs(ReadOnlySpan<byte> bigEndian, int count)
    {
        var limbs = new ulong[count];
        for (var i = 0; i < bigEndian.Length; i++)
        {
            limbs[i / 8] |= (ulong)bigEndian[bigEndian.Length - 1 - i] << (8 * (i % 8));
        }

        return limbs;
    }

    private static int Compare(ulong[] a, ulong[] b)
    {
        for (var i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>x·y + add + carry as (high, low); it cannot overflow 128 bits.</summary>
    private static ulong MultiplyAdd(ulong x, ulong y, ulong add, ulong carry, out ulong low)
    {
        var high = Math.BigMul(x, y, out low);
        low += add;
        high += low < add ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        return high;
    }

    /// <summary>Arithmetic modulo an odd n with R = 2^(64·limbs): products a·b·R⁻¹ mod n (CIOS).</summary>
    private sealed class Montgomery
    {
        private readonly ulong[] _n;
        private readonly ulong _n0Inverse;
        private readonly ulong[] _rSquared;
        private readonly ulong[] _t;

        public Montgomery(ulong[] n, ReadOnlySpan<byte> modulus)
        {
            _n = n;
            // -n⁻¹ mod 2^64 by Newton's iteration: x = n0 is right to 3 bits for odd n0, each step doubles that.
            var x = n[0];
            for (var i = 0; i < 5; i++)
            {
                x *= 2 - (n[0] * x);
            }

            _n0Inverse = 0 - x;
            var r2 = System.Numerics.BigInteger.Remainder(System.Numerics.BigInteger.One << (128 * n.Length),
                new System.Numerics.BigInteger(modulus, isUnsigned: true, isBigEndian: true));
            _rSquared = Limbs(r2.ToByteArray(isUnsigned: true, isBigEndian: true), n.Length);
            _t = new ulong[n.Length + 2];
        }

        /// <summary>b^e mod n, for b &lt; n and e ≥ 1.</summary>
        public ulong[] Power(ulong[] b, ulong e)
        {
            var baseR = new ulong[_n.Length];
            Multiply(b, _rSquared, baseR);
            var acc = (ulong[])baseR.Clone();
            var scratch = new ulong[_n.Length];
            for (var bit = 62 - System.Numerics.BitOperations.LeadingZeroCount(e); bit >= 0; bit--)
            {
                Multiply(acc, acc, scratch);
                (acc, scratch) = (scratch, acc);
                if (((e >> bit) & 1) != 0)
                {
                    Multiply(acc, baseR, scratch);
                    (acc, scratch) = (scratch, acc);
                }
            }

            var one = new ulong[_n.Length];
            one[0] = 1;
            Multiply(acc, one, scratch);
            return scratch;
        }

        private void Multiply(ulong[] a, ulong[] b, ulong[] result)
        {
            ReadOnlySpan<ulong> n = _n;
            ReadOnlySpan<ulong> x = a;
            var t = _t.AsSpan();
            var count = n.Length;
            t.Clear();
            for (var i = 0; i < count; i++)
            {
                ulong carry = 0;
                var bi = b[i];
                for (var j = 0; j < count; j++)
                {
                    carry = MultiplyAdd(x[j], bi, t[j], carry, out t[j]);
                }

                var top = t[count] + carry;
                t[count + 1] = top < carry ? 1UL : 0UL;
                t[count] = top;

                var m = t[0] * _n0Inverse;
                carry = MultiplyAdd(m, n[0], t[0], 0, out _);
                for (var j = 1; j < count; j++)
                {
                    carry = MultiplyAdd(m, n[j], t[j], carry, out t[j - 1]);
                }

                var last = t[count] + carry;
                t[count - 1] = last;
                t[count] = t[count + 1] + (last < carry ? 1UL : 0UL);
            }

            // t < 2n: subtract n once when t ≥ n.
            var subtract = t[count] != 0;
            if (!subtract)
            {
                subtract = true;
                for (var i = count - 1; i >= 0; i--)
                {
                    if (t[i] != n[i])
                    {
                        subtract = t[i] > n[i];
                        break;
                    }
                }
            }

            if (!subtract)
            {
                t[..count].CopyTo(result);
                return;
            }

            ulong borrow = 0;
            for (var i = 0; i < count; i++)
            {
                var difference = t[i] - n[i] - borrow;
                borrow = (t[i] < n[i]) || (t[i] == n[i] && borrow == 1) ? 1UL : 0UL;
                result[i] = difference;
            }
        }
    }
}
