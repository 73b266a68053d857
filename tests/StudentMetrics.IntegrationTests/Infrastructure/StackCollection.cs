namespace StudentMetrics.IntegrationTests.Infrastructure;

/// <summary>Every integration test class joins this collection, so one <see cref="LocalStack"/> serves the whole process.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<LocalStack>
{
    public const string Name = "stack";
}
