using StudentMetrics.Database;

namespace StudentMetrics.UnitTests.Database;

/// <summary>The one place database settings are read: what they mean, when TLS is required, and errors that never show a value.</summary>
public sealed class DatabaseSettingsTests
{
    private const string Local = "Host=127.0.0.1;Port=5432;Database=student_metrics;Username=owner;Password=pw";

    [Fact]
    public void A_connection_string_is_used_as_it_is_and_locally_needs_no_tls()
    {
        var settings = DatabaseSettings.FromEnvironment(Env((DatabaseSettings.ConnectionStringVariable, Local)));

        settings.ConnectionString.ShouldBe(Local);
        settings.SecretArn.ShouldBeNull();
        settings.RequireTls.ShouldBeFalse();
    }

    [Fact]
    public void In_lambda_a_connection_string_must_be_encrypted()
    {
        var settings = DatabaseSettings.FromEnvironment(Env((DatabaseSettings.ConnectionStringVariable, Local), ("AWS_LAMBDA_FUNCTION_NAME", "clean")));

        settings.RequireTls.ShouldBeTrue();
    }

    [Fact]
    public void A_secret_always_means_tls()
    {
        var settings = DatabaseSettings.FromEnvironment(Env((DatabaseSettings.SecretArnVariable, "arn:aws:secretsmanager:eu-west-1:1:secret:db")));

        settings.SecretArn.ShouldBe("arn:aws:secretsmanager:eu-west-1:1:secret:db");
        settings.RequireTls.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => settings.CreateDataSource()).Message.ShouldContain("fetch them");
    }

    [Fact]
    public void Without_either_setting_the_error_names_both()
    {
        var error = Should.Throw<DatabaseSettingsException>(() => DatabaseSettings.FromEnvironment(Env()));

        error.Message.ShouldContain(DatabaseSettings.ConnectionStringVariable);
        error.Message.ShouldContain(DatabaseSettings.SecretArnVariable);
    }

    [Theory]
    [InlineData("Host=db;Username=owner;Password=abc;secret-rest-of-password", "secret-rest-of-password")]
    [InlineData("Host=db;Port=five;Password=hunter2", "hunter2")]
    [InlineData("Hots=db;Password=hunter2", "hunter2")]
    public void A_malformed_connection_string_is_named_but_never_echoed(string connectionString, string secret)
    {
        var error = Should.Throw<DatabaseSettingsException>(() => DatabaseSettings.FromEnvironment(Env((DatabaseSettings.ConnectionStringVariable, connectionString))));

        error.Message.ShouldStartWith($"{DatabaseSettings.ConnectionStringVariable} is not a valid Npgsql connection string");
        error.Message.ShouldContain("must be quoted");
        error.Message.ShouldNotContain(secret);
        error.InnerException.ShouldBeNull("an inner exception would carry the value into a log");
    }

    [Fact]
    public void A_quoted_separator_in_a_password_is_accepted()
    {
        var settings = DatabaseSettings.ForConnectionString("Host=db;Username=owner;Password='a;b=c'");

        new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString).Password.ShouldBe("a;b=c");
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
