using Npgsql;
using StudentMetrics.Database;

namespace StudentMetrics.UnitTests.Database;

public sealed class ConnectionStringPolicyTests
{
    [Theory]
    [InlineData("Host=db;Database=d;Username=u")]
    [InlineData("Host=db;Database=d;Username=u;SSL Mode=Disable")]
    [InlineData("Host=db;Database=d;Username=u;SSL Mode=Prefer")]
    [InlineData("Host=db;Database=d;Username=u;SSL Mode=Allow")]
    public void In_aws_a_connection_that_could_be_unencrypted_is_made_to_require_tls(string connectionString) =>
        new NpgsqlConnectionStringBuilder(ConnectionStringPolicy.Apply(connectionString, requireTls: true)).SslMode.ShouldBe(SslMode.Require);

    [Theory]
    [InlineData(SslMode.Require)]
    [InlineData(SslMode.VerifyCA)]
    [InlineData(SslMode.VerifyFull)]
    public void A_stricter_setting_is_kept(SslMode mode) =>
        new NpgsqlConnectionStringBuilder(ConnectionStringPolicy.Apply($"Host=db;Database=d;SSL Mode={mode}", requireTls: true)).SslMode.ShouldBe(mode);

    [Fact]
    public void Locally_the_connection_string_is_left_as_it_is()
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionStringPolicy.Apply("Host=127.0.0.1;Port=5433;Database=d;SSL Mode=Disable", requireTls: false));

        applied.SslMode.ShouldBe(SslMode.Disable);
        applied.Port.ShouldBe(5433);
    }
}
