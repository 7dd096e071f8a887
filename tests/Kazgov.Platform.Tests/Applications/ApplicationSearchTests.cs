using Kazgov.Kernel.Problems;
using Kazgov.Platform.Applications;
using Kazgov.Tests;

namespace Kazgov.Platform.Tests.Applications;

public sealed class ApplicationSearchTests
{
    [Theory]
    [InlineData("850315 300 128", "850315300128", null)]
    [InlineData(" 850315300128 ", "850315300128", null)]
    [InlineData("671c3429-2026-000012", null, "671C3429-2026-000012")]
    public void An_identifier_is_searched_as_itself(string q, string? subject, string? number)
    {
        var search = ApplicationSearch.Parse(q, new ValidationErrors())!;
        search.SubjectId.Should().Be(subject);
        search.RegistrationNumber.Should().Be(number);
        search.NameWords.Should().BeEmpty();
    }

    [Fact]
    public void Names_fold_kazakh_letters_as_a_russian_keyboard_types_them()
    {
        ApplicationSearch.Parse("ҚАСЫМҰЛЫ Әлихан Өмірзақ", new ValidationErrors())!.NameWords.Should().Equal("касымулы", "алихан", "омирзак");
        ApplicationSearch.Fold("ҒҢҮІҺЁ").Should().Be("гнуихе");
        ApplicationSearch.Fold("50%_").Should().Be("50  ", "LIKE's own characters match nothing special");
    }

    [Theory]
    [InlineData("а")]
    [InlineData("  ")]
    [InlineData("%")]
    public void Less_than_two_letters_is_a_field_error(string q)
    {
        var errors = new ValidationErrors();
        ApplicationSearch.Parse(q, errors).Should().BeNull();
        errors.ToDictionary().Keys.Should().Equal("q");
    }

    [Fact]
    public void The_column_the_database_searches_folds_the_same_letters()
    {
        var migration = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "Kazgov.Platform", "Migrations", "0018_application_search.sql"));
        migration.Should().Contain($"'{ApplicationSearch.KazakhLetters}', '{ApplicationSearch.RussianLetters}'");
    }
}
