using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.Functions.Migrate;
using StudentMetrics.Hosting;

namespace StudentMetrics.Functions;

/// <summary>
/// The functions this image serves, registered by hand so nothing is found by reflection at run time. Each entry repeats
/// the name and trigger its class declares; a unit test holds the two in step.
/// </summary>
public static class ProductFunctions
{
    public static FunctionCatalog Catalog { get; } = new(
    [
        FunctionRegistration.ForS3Objects(
            CleanFunction.Name,
            FeedKeys.Raw,
            () => new CleanFunction(new S3ObjectCleaner(S3ClientFactory.Create(), new CleanerOptions()))),
        FunctionRegistration.ForJson(
            MigrateFunction.Name,
            MigrateJsonContext.Default.MigrateRequest,
            MigrateJsonContext.Default.MigrateResponse,
            () => new MigrateFunction(DatabaseConnections.FromEnvironment())),
    ]);
}
