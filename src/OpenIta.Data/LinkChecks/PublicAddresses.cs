using System.Net;
using System.Net.Sockets;

namespace OpenIta.Data.LinkChecks;

/// <summary>
/// Which IP addresses the link checker may connect to: public unicast only. Refused: unspecified, loopback, private
/// (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10), link-local (169.254/16, fe80::/10), unique-local (fc00::/7),
/// site-local (fec0::/10), multicast (224/4, ff00::/8), reserved and broadcast (240/4), the IETF and documentation and
/// benchmarking ranges; an IPv6 address that carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible,
/// NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by the IPv4 address it carries. IPv6 is otherwise allowed only in the
/// global unicast range 2000::/3.
/// </summary>
public static class PublicAddresses
{
    /// <summary>Whether <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(b.AsSpan(12));
        }
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b.AsSpan(12)); // NAT64 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b.AsSpan(2, 4)); // 6to4 2002:a.b.c.d::/48
        }
        if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x0d && b[3] == 0xb8) || (b[2] == 0x00 && b[3] == 0x00)))
        {
            return false; // documentation 2001:db8::/32, Teredo 2001::/32 (a tunnel to any IPv4 address)
        }
        return (b[0] & 0xe0) == 0x20; // global unicast 2000::/3; fc00::/7, fe80::/10, fec0::/10, ff00::/8 are outside it
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 or 10 or 127 => false,                          // this network / unspecified, private, loopback
        100 when (b[1] & 0xc0) == 64 => false,             // CGNAT 100.64.0.0/10
        169 when b[1] == 254 => false,                     // link-local
        172 when (b[1] & 0xf0) == 16 => false,             // private 172.16.0.0/12
        192 when b[1] == 168 => false,                     // private 192.168.0.0/16
        192 when b[1] == 0 && (b[2] == 0 || b[2] == 2) => false, // IETF assignments 192.0.0.0/24, documentation 192.0.2.0/24
        198 when (b[1] & 0xfe) == 18 => false,             // benchmarking 198.18.0.0/15
        198 when b[1] == 51 && b[2] == 100 => false,       // documentation 198.51.100.0/24
        203 when b[1] == 0 && b[2] == 113 => false,        // documentation 203.0.113.0/24
        >= 224 => false,                                   // multicast 224/4, reserved 240/4, broadcast
        _ => true,
    };
}
