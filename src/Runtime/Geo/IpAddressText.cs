using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RuleCompiler.Runtime.Geo;

/// <summary>
/// IP addresses as 128-bit numbers in one space: IPv6 as they are, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so
/// one sorted table serves both. Parsing is strict: an IPv4 address is a dotted quad of decimal octets (not "1.2" or
/// "0x7f.1"), an IPv6 address has no zone (%eth0); anything else is not an address.
/// </summary>
public static class IpAddressText
{
    private static readonly UInt128 MappedIpv4Base = (UInt128)0xFFFF << 32;

    /// <summary>Where IPv4 sits in the 128-bit space, and how many leading bits that prefix takes.</summary>
    public const int MappedIpv4PrefixBits = 96;

    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 address)
    {
        address = 0;
        if (text.IndexOf(':') >= 0)
        {
            if (text.IndexOf('%') >= 0 || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[16];
            parsed.TryWriteBytes(bytes, out _);
            address = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return true;
        }

        if (!TryIpv4(text, out var v4))
        {
            return false;
        }

        address = MappedIpv4Base | v4;
        return true;
    }

    /// <summary>True for an IPv4 address (or an IPv4-mapped IPv6 one).</summary>
    public static bool IsIpv4(UInt128 address) => address >> 32 == 0xFFFF;

    /// <summary>
    /// Private, loopback, link-local and unspecified addresses: no public geo-IP database places them (GeoLite2, which
    /// Splunk's iplocation and KQL read, has none), so the lookup never answers for them.
    /// </summary>
    public static bool IsPrivate(UInt128 address)
    {
        if (IsIpv4(address))
        {
            var v4 = (uint)(address & uint.MaxValue);
            return (v4 >> 24) is 10 or 127 or 0 || (v4 >> 20) == 0xAC1 || (v4 >> 16) is 0xC0A8 or 0xA9FE;
        }

        var top = (ulong)(address >> 64);
        return address <= 1 || (top >> 57) == (0xFC00UL >> 9) || (top >> 54) == (0xFE80UL >> 6);
    }

    private static bool TryIpv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++parts > 4 || part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            address = (address << 8) | octet;
        }

        return parts == 4;
    }
}
