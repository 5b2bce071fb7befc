using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>
/// The country of an IP address, from a GeoIP source the operator provides (<c>Autonomus:GeoIp:CountriesCsv</c>): a CSV
/// with one network per line, either <c>network/prefix,CC</c> (a GeoLite2- or IP2Location-style export reduced to two
/// columns) or <c>first,last,CC</c> (the DB-IP lite layout); IPv4 and IPv6; a header line and blank lines are skipped.
/// Loaded once into sorted ranges; a lookup is a binary search. Without a source nothing is looked up.
/// </summary>
public sealed class GeoIpCountries
{
    private readonly (UInt128 First, UInt128 Last, string Country)[] _ranges;

    private GeoIpCountries((UInt128, UInt128, string)[] ranges) => _ranges = ranges;

    public static readonly GeoIpCountries None = new([]);

    public bool IsConfigured => _ranges.Length > 0;

    public static GeoIpCountries Load(string path) => Parse(File.ReadLines(path), path);

    public static GeoIpCountries Parse(IEnumerable<string> lines, string source = "GeoIP source")
    {
        var ranges = new List<(UInt128, UInt128, string)>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var cells = line.Split(',', StringSplitOptions.TrimEntries);
            if (cells.Length == 0 || cells[0].Length == 0) continue;
            try
            {
                ranges.Add(cells.Length switch
                {
                    2 => Network(cells[0], cells[1]),
                    3 => (ToNumber(IPAddress.Parse(cells[0])), ToNumber(IPAddress.Parse(cells[1])), Country(cells[2])),
                    _ => throw new FormatException("expected network,country or first,last,country"),
                });
            }
            catch (FormatException) when (number == 1)
            {
                // A header line (network,country_iso_code…): nothing to keep.
            }
            catch (FormatException e) { throw new FormatException($"{source}, line {number}: {e.Message}", e); }
        }
        return new GeoIpCountries([.. ranges.OrderBy(r => r.Item1)]);
    }

    /// <summary>The ISO 3166 code of the address's country, or null when the source does not know it.</summary>
    public string? CountryOf(IPAddress? address)
    {
        if (address is null || _ranges.Length == 0) return null;
        var n = ToNumber(address);
        int lo = 0, hi = _ranges.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_ranges[mid].First <= n) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found >= 0 && n <= _ranges[found].Last ? _ranges[found].Country : null;
    }

    private static (UInt128, UInt128, string) Network(string cidr, string country)
    {
        var parts = cidr.Split('/');
        var address = IPAddress.Parse(parts[0]);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : bits;
        if (prefix < 0 || prefix > bits) throw new FormatException($"prefix /{prefix} out of range");
        // IPv4 lives in ::ffff:0:0/96, so its prefix counts from bit 96.
        var hostBits = bits - prefix;
        var mask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var first = ToNumber(address) & ~mask;
        return (first, first | mask, Country(country));
    }

    private static string Country(string code) =>
        code.Length == 2 && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : throw new FormatException($"'{code}' is not a two-letter country code");

    private static UInt128 ToNumber(IPAddress address)
    {
        var bytes = (address.IsIPv4MappedToIPv6 ? address : address.MapToIPv6()).GetAddressBytes();
        UInt128 n = 0;
        foreach (var b in bytes) n = (n << 8) | b;
        return n;
    }
}
