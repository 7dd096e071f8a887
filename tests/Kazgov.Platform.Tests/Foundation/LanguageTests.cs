using Kazgov.Kernel.Localization;

namespace Kazgov.Platform.Tests.Foundation;

public sealed class LanguageTests
{
    [Theory]
    [InlineData(null, Language.Kk)]
    [InlineData("", Language.Kk)]
    [InlineData("kk-KZ", Language.Kk)]
    [InlineData("ru", Language.Ru)]
    [InlineData("ru-KZ,ru;q=0.9", Language.Ru)]
    [InlineData("en-US,en;q=0.9,ru;q=0.8", Language.En)]
    [InlineData("fr-FR,ru;q=0.3,en;q=0.5", Language.En)]
    [InlineData("fr-FR, de", Language.Kk)]
    [InlineData("EN", Language.En)]
    public void Accept_language_picks_the_best_supported_language_and_falls_back_to_kazakh(string? header, Language expected) =>
        LanguageCodes.FromAcceptLanguage(header).Should().Be(expected);

    [Fact]
    public void Localized_text_formats_every_language()
    {
        var text = new LocalizedText("{0} күн", "{0} дней", "{0} days").Format(5);

        text.Should().Be(new LocalizedText("5 күн", "5 дней", "5 days"));
        text.In(Language.Ru).Should().Be("5 дней");
    }
}
