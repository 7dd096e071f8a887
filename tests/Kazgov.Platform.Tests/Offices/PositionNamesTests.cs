using Kazgov.Platform.Offices;
using Kazgov.Platform.Security;

namespace Kazgov.Platform.Tests.Offices;

/// <summary>Staff positions on ru and en papers (issue 22): the reviewed table and the rule behind it.</summary>
public sealed class PositionNamesTests
{
    private static readonly System.Buffers.SearchValues<char> KazakhLetters = System.Buffers.SearchValues.Create("әғқңөұүһіӘҒҚҢӨҰҮҺІ");

    [Fact]
    public void Every_post_of_the_staff_directory_is_reviewed_in_russian_and_english()
    {
        var posts = DemoAccounts.Staff.Select(s => s.Position).Distinct().ToList();

        posts.Should().HaveCount(10);
        PositionNames.Reviewed.Keys.Should().BeEquivalentTo(posts);
        PositionNames.Reviewed.Values.Where(p => HasKazakhLetter(p.Ru) || HasKazakhLetter(p.En)).Should().BeEmpty();
        PositionNames.Reviewed.Values.Should().OnlyContain(p => p.En.All(char.IsAscii));
    }

    private static bool HasKazakhLetter(string text) => text.AsSpan().IndexOfAny(KazakhLetters) >= 0;

    [Theory]
    [InlineData("Тіркеу-емтихан бөлімшесінің инспекторы")]
    [InlineData("Тіркеу-емтихан бөлімшесінің бастығы")]
    [InlineData("Мекенжай бюросының операторы")]
    [InlineData("Мекенжай бюросының бастығы")]
    public void The_reviewed_russian_is_the_rules_where_the_rule_knows_the_words(string kazakh) =>
        PositionNames.Reviewed[kazakh].Ru.Should().Be(OfficeNameTranslation.PositionToRussian(kazakh));

    [Fact]
    public void A_post_not_in_the_table_gets_the_rules_russian_and_its_latin_letters()
    {
        var post = PositionNames.Of("Мекенжай бюросының аға операторы")!;

        post.Kk.Should().Be("Мекенжай бюросының аға операторы");
        post.Ru.Should().Be(OfficeNameTranslation.PositionToRussian("Мекенжай бюросының аға операторы"));
        post.En.Should().Be(OfficeNameTranslation.ToLatin(post.Ru));
        PositionNames.Of("System administrator").Should().Be(new Kazgov.Kernel.Localization.LocalizedText("System administrator", "System administrator", "System administrator"));
        PositionNames.Of("  ").Should().BeNull();
        PositionNames.Of("Тіркеу-емтихан бөлімшесінің бастығы")!.En.Should().Be("Head of the registration and examination office");
    }
}
