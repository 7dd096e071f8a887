using Kazgov.Platform.Offices;
using Kazgov.Platform.Reference;

namespace Kazgov.Platform.Tests.Offices;

/// <summary>The rule-based Russian and Latin texts of the offices (reference/office-names.json).</summary>
public sealed class OfficeNameTranslationTests
{
    private static readonly System.Buffers.SearchValues<char> KazakhLetters = System.Buffers.SearchValues.Create("әғқңөұүһіӘҒҚҢӨҰҮҺІ");

    [Theory]
    [InlineData("Астана қаласы ІІД ЖПБ ЕТБ", "РЭО УДП ДВД г. Астаны")]
    [InlineData("Қарабалық АІІБ ЖПБ ЕТБ", "РЭО УДП РОВД Карабалык")]
    [InlineData("Сарыкөл ауданының ІІБ КҚП бөлімшесі", "Отделение МП УВД района Сарыкол")]
    [InlineData("Қостанай облысының ІІД Көші-қон полициясы басқармасы", "Управление миграционной полиции ДВД Костанайской области")]
    [InlineData("Тараз қаласының ІІБ ПБ-2 КҚП бөлімі", "Отдел МП ОП-2 УВД г. Тараза")]
    [InlineData("ШҚО Көкпекті АІІб көші-қон полиция тобы", "Группа миграционной полиции РОВД Кокпекти ВКО")]
    [InlineData("Алматы қаласы ІІД лицензиялық-рұқсат беру жүйесі бөлімшесі", "Отделение лицензионно-разрешительной системы ДВД г. Алматы")]
    [InlineData("АЕТБ-2", "МРЭО-2")]
    public void A_name_lists_its_units_from_the_smallest_up_with_the_place_last(string kazakh, string russian) =>
        OfficeNameTranslation.NameToRussian(kazakh).Should().Be(russian);

    [Theory]
    [InlineData("Алматы ауданы, Промзона көшесі 35", "район Алматы, ул. Промзона 35")]
    [InlineData("116000 Сарыкөл ауылы Пушкин к-сі, 112", "116000 с. Сарыкол ул. Пушкин, 112")]
    [InlineData("Төлеби ауданы, Ленгер қаласы, Жамбыл к-сі, н/ж", "район Толеби, г. Ленгер, ул. Жамбыл, б/н")]
    [InlineData("Қарағанды облысы Жезқазған қаласы Сатпаев көшесі, 80", "Карагандинская область г. Жезказган ул. Сатпаев, 80")]
    [InlineData("Өскемен қаласы", "г. Усть-Каменогорск")]
    public void An_address_keeps_its_order_with_russian_words_and_city_names(string kazakh, string russian) =>
        OfficeNameTranslation.AddressToRussian(kazakh).Should().Be(russian);

    [Theory]
    [InlineData("Тіркеу-емтихан бөлімшесінің инспекторы", "Инспектор регистрационно-экзаменационного отделения")]
    [InlineData("Тіркеу-емтихан бөлімшесінің бастығы", "Начальник регистрационно-экзаменационного отделения")]
    [InlineData("Мекенжай бюросының операторы", "Оператор адресного бюро")]
    public void A_position_puts_the_post_first(string kazakh, string russian) =>
        OfficeNameTranslation.PositionToRussian(kazakh).Should().Be(russian);

    [Theory]
    [InlineData("Алматы", "Almaty")]
    [InlineData("Өскемен", "Oskemen")]
    [InlineData("Щучинск", "Shchuchinsk")]
    [InlineData("г. Усть-Каменогорск", "g. Ust-Kamenogorsk")]
    public void Latin_letters_are_what_a_latin_keyboard_types(string text, string latin) =>
        OfficeNameTranslation.ToLatin(text).Should().Be(latin);

    [Fact]
    public void Every_office_has_russian_and_latin_texts_in_the_order_of_the_directory()
    {
        var names = ReferenceFiles.OfficeNames.Offices;
        var offices = ReferenceFiles.Offices.Offices;

        names.Should().HaveCount(379);
        names.Select(n => n.Id).Should().Equal(offices.Select(o => o.Id));
        names.Zip(offices).Should().OnlyContain(p => (p.First.Ru.District == null) == (p.Second.District == null)
                                                   && (p.First.Ru.Town == null) == (p.Second.Town == null));
    }

    [Fact]
    public void No_russian_text_keeps_a_kazakh_letter_or_abbreviation_and_no_latin_text_keeps_a_cyrillic_one()
    {
        var ru = ReferenceFiles.OfficeNames.Offices.SelectMany(n => new[] { n.Ru.Name, n.Ru.District, n.Ru.Town, n.Ru.Address }).OfType<string>().ToList();
        var latin = ReferenceFiles.OfficeNames.Offices.SelectMany(n => new[] { n.Latin.Name, n.Latin.District, n.Latin.Town, n.Latin.Address }).OfType<string>().ToList();

        ru.Should().HaveCount(379 + 150 + 374 + 379); // names, districts, towns, addresses
        ru.Where(t => t.AsSpan().ContainsAny(KazakhLetters)).Should().BeEmpty();
        ru.Should().NotContain(t => t.Contains("ІІ") || t.Contains("ЕТБ") || t.Contains("КҚП") || t.Contains("қаласы") || t.Contains("көшесі"));
        latin.Should().OnlyContain(t => !t.Any(SeedText.IsCyrillic));
    }

    [Fact]
    public void The_abbreviations_the_directory_uses_have_a_russian_reading()
    {
        var russian = ReferenceFiles.OfficeNames.Offices.Select(n => n.Ru.Name).ToList();

        russian.Count(n => n.Contains("ДВД")).Should().Be(71);
        russian.Count(n => n.Contains("РОВД")).Should().Be(114);
        russian.Count(n => n.Contains("РЭО")).Should().Be(86);
        // 239 migration-police offices; three are named by their directorate or police unit only [L10685-13339].
        russian.Count(n => n.Contains("миграционной полиции") || n.Contains("МП")).Should().Be(236);
        russian.Count(n => n.Contains("адресное бюро", StringComparison.OrdinalIgnoreCase)).Should().Be(16);
        russian.Count(n => n.Contains("лицензионно-разрешительной системы")).Should().Be(16);
    }
}
