using CsCheck;
using Kazgov.AddressBureau.Domain;

namespace Kazgov.AddressBureau.Tests;

/// <summary>Kazakh, Russian and Latin spellings of one name find each other (issue: the register's search form).</summary>
public sealed class NameNormaliserTests
{
    private static readonly string[] Consonants = ["Б", "В", "Г", "Ғ", "Д", "Ж", "З", "Й", "К", "Қ", "Л", "М", "Н", "Ң", "П", "Р", "С", "Т", "Ф", "Х", "Һ", "Ц", "Ч", "Ш"];

    private static readonly string[] Vowels = ["А", "Ә", "Е", "Ё", "И", "І", "О", "Ө", "У", "Ұ", "Ү", "Ы", "Э", "Ю", "Я"];

    /// <summary>Names of consonant–vowel syllables over the Kazakh alphabet, in mixed case as written.</summary>
    private static readonly Gen<string> KazakhNames =
        Gen.Select(Gen.Int[0, Consonants.Length - 1], Gen.Int[0, Vowels.Length - 1]).Select(p => Consonants[p.Item1] + Vowels[p.Item2])
            .Array[1, 5].Select(s => string.Concat(s)).Select(s => s[..1] + s[1..].ToLowerInvariant());

    private static readonly Dictionary<char, string> Russian = new()
    {
        ['Ә'] = "А", ['Ө'] = "О", ['Ү'] = "У", ['Ұ'] = "У", ['Қ'] = "К", ['Ғ'] = "Г", ['Ң'] = "Н", ['І'] = "И", ['Һ'] = "Х", ['Ё'] = "Е",
    };

    /// <summary>The passport (ICAO 9303) transliteration.</summary>
    private static readonly Dictionary<char, string> Passport = new()
    {
        ['А'] = "A", ['Ә'] = "A", ['Б'] = "B", ['В'] = "V", ['Г'] = "G", ['Ғ'] = "G", ['Д'] = "D", ['Е'] = "E", ['Ё'] = "E", ['Ж'] = "ZH",
        ['З'] = "Z", ['И'] = "I", ['Й'] = "I", ['І'] = "I", ['К'] = "K", ['Қ'] = "K", ['Л'] = "L", ['М'] = "M", ['Н'] = "N", ['Ң'] = "N",
        ['О'] = "O", ['Ө'] = "O", ['П'] = "P", ['Р'] = "R", ['С'] = "S", ['Т'] = "T", ['У'] = "U", ['Ұ'] = "U", ['Ү'] = "U", ['Ф'] = "F",
        ['Х'] = "KH", ['Һ'] = "KH", ['Ц'] = "TS", ['Ч'] = "CH", ['Ш'] = "SH", ['Ы'] = "Y", ['Э'] = "E", ['Ю'] = "IU", ['Я'] = "IA",
    };

    /// <summary>The Kazakh Latin alphabet of 2021 (Ä, Ö, Ü, Ū, Q, Ğ, Ñ, Ş, Ç, J, İ).</summary>
    private static readonly Dictionary<char, string> KazakhLatin = new()
    {
        ['А'] = "A", ['Ә'] = "Ä", ['Б'] = "B", ['В'] = "V", ['Г'] = "G", ['Ғ'] = "Ğ", ['Д'] = "D", ['Е'] = "E", ['Ё'] = "E", ['Ж'] = "J",
        ['З'] = "Z", ['И'] = "İ", ['Й'] = "İ", ['І'] = "I", ['К'] = "K", ['Қ'] = "Q", ['Л'] = "L", ['М'] = "M", ['Н'] = "N", ['Ң'] = "Ñ",
        ['О'] = "O", ['Ө'] = "Ö", ['П'] = "P", ['Р'] = "R", ['С'] = "S", ['Т'] = "T", ['У'] = "U", ['Ұ'] = "Ū", ['Ү'] = "Ü", ['Ф'] = "F",
        ['Х'] = "H", ['Һ'] = "H", ['Ц'] = "C", ['Ч'] = "Ç", ['Ш'] = "Ş", ['Ы'] = "Y", ['Э'] = "E", ['Ю'] = "Iu", ['Я'] = "Ia",
    };

    private static string Spell(string name, Dictionary<char, string> table) =>
        string.Concat(name.Select(c => table.TryGetValue(char.ToUpperInvariant(c), out var s) ? s : c.ToString()));

    [Fact]
    public void A_Kazakh_name_and_its_Russian_spelling_normalise_alike() =>
        KazakhNames.Sample(name => NameNormaliser.Normalise(Spell(name, Russian)) == NameNormaliser.Normalise(name));

    [Fact]
    public void A_name_and_its_passport_transliteration_normalise_alike() =>
        KazakhNames.Sample(name => NameNormaliser.Normalise(Spell(name, Passport)) == NameNormaliser.Normalise(name));

    [Fact]
    public void A_name_and_its_Kazakh_Latin_spelling_normalise_alike() =>
        KazakhNames.Sample(name => NameNormaliser.Normalise(Spell(name, KazakhLatin)) == NameNormaliser.Normalise(name));

    [Fact]
    public void The_search_form_of_a_search_form_is_itself() =>
        Gen.String.Sample(text => NameNormaliser.Normalise(NameNormaliser.Normalise(text)) == NameNormaliser.Normalise(text));

    [Fact]
    public void Case_and_spacing_do_not_matter() =>
        KazakhNames.Array[1, 3].Sample(parts =>
            NameNormaliser.Normalise(string.Join("  ", parts).ToUpperInvariant()) == NameNormaliser.Normalise(" " + string.Join(' ', parts).ToLowerInvariant()));

    [Theory]
    [InlineData("Әбілова Жанар Қанатқызы", "Абилова Жанар Канаткызы")]
    [InlineData("Сейітова Айгерім", "Seitova Aigerim")]
    [InlineData("Сейітова Айгерім", "Seyitova Aygerim")]
    [InlineData("Ерлан", "Yerlan")]
    [InlineData("Жақсылықов", "Zhaksylykov")]
    [InlineData("Жақсылықов", "Jaqsylyqov")]
    [InlineData("Хасанов", "Hasanov")]
    [InlineData("Һасанов", "Хасанов")]
    [InlineData("Фёдоров", "Федоров")]
    [InlineData("Нұрғали Ұлпан", "Nurgali Ulpan")]
    [InlineData("Ілияс", "Ilyas")]
    [InlineData("Шыңғыс", "Shyngys")]
    public void Known_spellings_meet(string a, string b) =>
        NameNormaliser.Normalise(a).Should().Be(NameNormaliser.Normalise(b));

    [Fact]
    public void Different_names_stay_apart() =>
        NameNormaliser.Normalise("Ахметов").Should().NotBe(NameNormaliser.Normalise("Омаров"));
}
