using StudentMetrics.Aws.SecretsManager;

namespace StudentMetrics.UnitTests.Aws;

public sealed class DatabaseSecretTests
{
    [Theory]
    [InlineData("5432")]
    [InlineData("\"5433\"")]
    public void The_rds_secret_shape_parses_with_the_port_as_a_number_or_a_string(string port)
    {
        var secret = SecretsManagerClient.ParseDatabaseSecret(
            $$"""{"username":"loader","password":"p@ss;word","engine":"postgres","host":"db.example.internal","port":{{port}},"dbname":"student_metrics"}""");

        secret.Username.ShouldBe("loader");
        secret.Password.ShouldBe("p@ss;word");
        secret.Host.ShouldBe("db.example.internal");
        secret.Port.ShouldBe(int.Parse(port.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        secret.DatabaseName.ShouldBe("student_metrics");
    }

    [Fact]
    public void Printing_a_secret_never_shows_the_password()
    {
        var secret = SecretsManagerClient.ParseDatabaseSecret("""{"username":"u","password":"hunter2-secret","host":"h","port":5432,"dbname":"d"}""");

        secret.ToString().ShouldNotContain("hunter2-secret");
        new SecretValue { Name = "db", SecretString = "hunter2-secret" }.ToString().ShouldNotContain("hunter2-secret");
    }

    [Fact]
    public void A_secret_in_another_shape_is_refused_without_quoting_it()
    {
        var error = Should.Throw<FormatException>(() => SecretsManagerClient.ParseDatabaseSecret("""{"user":"u","pwd":"hunter2-secret"}"""));

        error.Message.ShouldNotContain("hunter2-secret");
    }
}
