using Kazgov.Kernel.Localization;

namespace Kazgov.AddressBureau.Domain;

/// <summary>
/// The agencies that send the bureau requests. Priority agencies (§7.1: internal affairs, national
/// security, defence, the penal system, financial police, prosecution, courts, communication
/// enterprises) get 48 hours around the clock; law-enforcement ones may also ask by telephone with
/// the quarterly password (§12.2 note).
/// </summary>
internal sealed record Agency(string Code, string Bin, LocalizedText Name, bool LawEnforcement, bool Priority);

internal static class Agencies
{
    public static readonly IReadOnlyList<Agency> All =
    [
        new("police-astana", "990240000010", new("Астана қаласының Полиция департаменті", "Департамент полиции города Астаны", "Astana City Police Department"), true, true),
        new("police-almaty", "990340000024", new("Алматы қаласының Полиция департаменті", "Департамент полиции города Алматы", "Almaty City Police Department"), true, true),
        new("knb", "990140000017", new("Қазақстан Республикасының Ұлттық қауіпсіздік комитеті", "Комитет национальной безопасности Республики Казахстан", "National Security Committee"), true, true),
        new("prosecutor-general", "990440000038", new("Бас прокуратура", "Генеральная прокуратура", "Prosecutor General's Office"), true, true),
        new("anti-corruption", "160540000049", new("Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі", "Агентство по противодействию коррупции", "Anti-Corruption Agency"), true, true),
        new("court-astana", "020740000058", new("Астана қаласының соты", "Суд города Астаны", "Astana City Court"), false, true),
        new("defence", "990540000061", new("Қорғаныс министрлігі", "Министерство обороны", "Ministry of Defence"), false, true),
        new("penal-system", "020840000071", new("Қылмыстық-атқару жүйесі комитеті", "Комитет уголовно-исполнительной системы", "Penal System Committee"), true, true),
        new("kazpost", "000140000082", new("«Қазпошта» АҚ", "АО «Казпочта»", "Kazpost JSC"), false, true),
    ];

    public static Agency? Find(string? code) => code is null ? null : All.FirstOrDefault(a => a.Code == code.Trim());
}
