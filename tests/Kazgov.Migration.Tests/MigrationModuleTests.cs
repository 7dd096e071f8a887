namespace Kazgov.Migration.Tests;

public class MigrationModuleTests
{
    [Fact]
    public void The_module_runs_the_three_migration_standards_in_its_own_schema()
    {
        var module = new MigrationModule();

        module.Schema.Should().Be("migration");
        module.ServiceCodes.Should().Equal("residence-permit", "temporary-registration", "permanent-residence");
    }
}
