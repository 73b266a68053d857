using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Contracts;

namespace StudentMetrics.UnitTests.Contracts;

/// <summary>Each feed's documentation holds the tables its contract file gives (<c>make contracts</c> writes them).</summary>
public sealed class ContractDocumentationTests
{
    public static TheoryData<string> Feeds() => new(FeedContracts.All.Keys);

    [Theory]
    [MemberData(nameof(Feeds))]
    public void The_documentation_holds_the_tables_of_the_contract_file(string feed)
    {
        var contract = FeedContracts.Get(feed);
        var page = Path.Combine(RepositoryPaths.Root, contract.Documentation);

        File.Exists(page).ShouldBeTrue($"{contract.Documentation} exists (make contracts writes it)");
        File.ReadAllText(page).ShouldContain(ContractMarkdown.Tables(contract), customMessage: $"{contract.Documentation} is out of date: run 'make contracts'");
    }

    [Fact]
    public void Replacing_the_tables_keeps_the_prose_around_them()
    {
        var page = "# Title\n\nprose before\n\n" + ContractMarkdown.Begin + "\nold table\n" + ContractMarkdown.End + "\n\nprose after\n";

        var replaced = ContractMarkdown.Replace(page, FeedContracts.Default);

        replaced.ShouldStartWith("# Title\n\nprose before\n\n" + ContractMarkdown.Begin);
        replaced.ShouldEndWith(ContractMarkdown.End + "\n\nprose after\n");
        replaced.ShouldNotContain("old table");
        replaced.ShouldContain("| days_present | integer | `smallint` | no | ≥ 0; at most days_enrolled (else `present_exceeds_enrolled`) |");
    }
}
