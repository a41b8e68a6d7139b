using System.Net;
using OpenIta.Data.LinkChecks;
using Xunit;

namespace OpenIta.Web.Tests.LinkChecks;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("100.64.0.1")]      // CGNAT
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("169.254.169.254")] // link-local: cloud metadata
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("192.0.2.1")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]       // multicast
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]     // IPv4-compatible
    [InlineData("64:ff9b::a00:1")]  // NAT64 of 10.0.0.1
    [InlineData("2002:c0a8:0101::1")] // 6to4 of 192.168.1.1
    [InlineData("fc00::1")]          // unique-local
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]          // link-local
    [InlineData("fec0::1")]          // site-local
    [InlineData("ff02::1")]          // multicast
    [InlineData("2001:db8::1")]      // documentation
    [InlineData("2001:0:4136:e378::1")] // Teredo
    public void Refuses_what_is_not_public(string address) => Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("100.63.255.255")]  // just below CGNAT
    [InlineData("100.128.0.1")]     // just above it
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("164.115.40.1")]    // a Thai government network
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2405:9800::1")]
    public void Allows_public_unicast(string address) => Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));
}
