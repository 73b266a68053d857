using StudentMetrics.Aws;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.Functions.Migrate;
using StudentMetrics.Hosting;

namespace StudentMetrics.Functions;

/// <summary>
/// The functions this image serves, registered by hand so nothing is found by reflection at run time. Each entry repeats
/// the name and trigger its class declares; a unit test holds the two in step. A function's settings are read when it
/// is built (Lambda's init phase), once per process.
/// </summary>
public static class ProductFunctions
{
    /// <summary>The functions with AWS as the process's settings say (in Lambda: the function's own role).</summary>
    public static FunctionCatalog Catalog { get; } = Create(AwsSettings.FromEnvironment);

    /// <summary>
    /// The functions with AWS reached through <paramref name="aws"/>, read when a function is built: on a laptop, the
    /// settings of the role the template gives the function (and the stack's data bucket), so it runs with exactly the
    /// rights it has in Lambda.
    /// </summary>
    public static FunctionCatalog Create(Func<AwsSettings> aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return new FunctionCatalog(
        [
            FunctionRegistration.ForS3Objects(
                CleanFunction.Name,
                CleanOutputLayout.Raw,
                () =>
                {
                    var settings = aws();
                    return new CleanFunction(S3ClientFactory.Create(settings), settings.RequireDataBucket("the clean function"), new CleanerOptions());
                }),
            FunctionRegistration.ForJson(
                MigrateFunction.Name,
                MigrateJsonContext.Default.MigrateRequest,
                MigrateJsonContext.Default.MigrateResponse,
                () => new MigrateFunction(DatabaseConnections.FromEnvironment(), aws())),
        ]);
    }
}
