using System.Net.Sockets;
using System.Security.Authentication;
using HiveOrleans.Grains.Callbacks;

namespace HiveOrleans.Tests.Callbacks;

public sealed class CallbackFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused")]
    [InlineData(SocketError.ConnectionReset, "connection reset")]
    [InlineData(SocketError.HostNotFound, "host name not resolved")]
    [InlineData(SocketError.NetworkUnreachable, "network unreachable")]
    public void A_socket_error_under_HttpClient_s_message_is_named(SocketError error, string expected)
    {
        var sent = new HttpRequestException(HttpRequestError.ConnectionError, "An error occurred while sending the request.", new IOException("io", new SocketException((int)error)));

        Assert.Equal(expected, CallbackFailure.Describe(sent, Timeout));
    }

    [Fact]
    public void A_timeout_names_the_limit()
    {
        Assert.Equal("timed out after 10 s", CallbackFailure.Describe(new TaskCanceledException(), Timeout));
    }

    [Fact]
    public void A_tls_failure_keeps_its_reason()
    {
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established.", new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        Assert.Equal("TLS: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", CallbackFailure.Describe(tls, Timeout));
    }

    [Fact]
    public void Without_an_inner_cause_the_request_error_kind_is_named_and_otherwise_the_message_is_kept()
    {
        Assert.Equal("connection closed before a complete response", CallbackFailure.Describe(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), Timeout));
        Assert.Equal("something else", CallbackFailure.Describe(new HttpRequestException("something else"), Timeout));
    }
}
