using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Doqutore.Aws.Events;

/// <summary>
/// A CIDR block, IPv4 or IPv6. Event values are strings holding an IP address: dotted-quad for IPv4 (strictly
/// four decimal parts; <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone would accept "10.1"),
/// any RFC 4291 text form for IPv6.
/// </summary>
internal sealed class IpRange
{
    private readonly byte[] _network;
    private readonly int _bits;

    private IpRange(byte[] network, int bits)
    {
        _network = network;
        _bits = bits;
    }

    /// <summary>Parses "addr/bits"; the error texts are event-ruler's CIDR messages. [guess]</summary>
    public static IpRange? TryParse(string cidr, out string? error)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2)
        {
            error = "Malformed CIDR, one '/' required";
            return null;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            error = "Malformed CIDR, mask bits must be an integer";
            return null;
        }
        var address = ParseAddress(parts[0]);
        if (address is null)
        {
            error = "Invalid IP address: " + parts[0];
            return null;
        }
        if (bits > address.Length * 8)
        {
            error = address.Length == 4 ? "Malformed CIDR, IPv4 mask bits must be <= 32" : "Malformed CIDR, IPv6 mask bits must be <= 128";
            return null;
        }
        error = null;
        return new IpRange(address, bits);
    }

    public bool Contains(string ip)
    {
        var address = ParseAddress(ip);
        if (address is null || address.Length != _network.Length)
        {
            return false;
        }
        var full = _bits / 8;
        for (var i = 0; i < full; i++)
        {
            if (address[i] != _network[i])
            {
                return false;
            }
        }
        var rest = _bits % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (address[full] & mask) == (_network[full] & mask);
    }

    private static byte[]? ParseAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && v6.ScopeId == 0
                ? v6.GetAddressBytes()
                : null;
        }
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }
        return bytes;
    }
}
