using Kazgov.Kernel.Localization;

namespace Kazgov.Citizenship.Domain;

/// <summary>
/// citizenship §8 and the note to §12.1 (seed lines 10533–10537): who is exempt from the duty of
/// 100 % MCI. Read as three groups (the catalogue's reading of the garbled sentence): oralmans (once),
/// victims of mass repression and their descendants (once), citizens of Ukraine under the simplified
/// route (no "once" is attached to them). The exemptions stand under the admission documents, so they
/// are for admission only; renunciation is charged.
/// </summary>
internal static class FeeExemptions
{
    public const string Oralman = "oralman";

    public const string RepressionVictim = "victim-of-mass-repression-or-descendant";

    public const string Ukrainian = "ukrainian-citizen-simplified-procedure";

    public static readonly IReadOnlyList<string> OneTime = [Oralman, RepressionVictim];

    /// <summary>Why a claimed exemption does not fit the application (a 400 on feeExemption), or null when it fits.</summary>
    public static LocalizedText? Misfit(string exemption, int category, string? basis) => exemption switch
    {
        Oralman when category != 1 => new(
            "Оралмандардың жеңілдігі тек 1-санатқа (азаматтық §12.1 ескертпе)",
            "Льгота оралманов — только для категории 1 (примечание к §12.1)",
            "The oralman exemption is for category 1 only (citizenship §12.1 note)"),
        Ukrainian when category != 2 => new(
            "Жеңілдетілген тәртіппен қабылданатын Украина азаматтарына — тек 2-санат (азаматтық §12.1 ескертпе)",
            "Для граждан Украины в упрощённом порядке — только категория 2 (примечание к §12.1)",
            "For citizens of Ukraine under the simplified route: category 2 only (citizenship §12.1 note)"),
        RepressionVictim when category == 8 || string.IsNullOrWhiteSpace(basis) => new(
            "Қуғын-сүргін құрбанының (не ұрпағының) растайтын құжаты көрсетілуі керек; тек азаматтыққа қабылдау үшін (азаматтық §12.1 ескертпе)",
            "Нужен документ, подтверждающий статус жертвы репрессий (или потомка); только для приёма в гражданство (примечание к §12.1)",
            "The document proving the repression victim (or descendant) status is needed; admission only (citizenship §12.1 note)"),
        _ when category == 8 => new(
            "Азаматтықтан шығу бажы алынады: жеңілдіктер азаматтыққа қабылдауға ғана (азаматтық §8, §12.1 ескертпе)",
            "За выход из гражданства пошлина взимается: льготы — только для приёма (§8, примечание к §12.1)",
            "Renunciation is charged: the exemptions are for admission only (citizenship §8, §12.1 note)"),
        _ => null,
    };

    public static LocalizedText AlreadyUsed(string exemption) => new LocalizedText(
        "«{0}» жеңілдігін бұл адам бұрын пайдаланған (бір рет беріледі, азаматтық §12.1 ескертпе): баж 100 % АЕК төленеді",
        "Льгота «{0}» уже использована этим лицом (предоставляется один раз, примечание к §12.1): пошлина 100 % МРП уплачивается",
        "The exemption '{0}' was already used by this person (it is granted once, citizenship §12.1 note): the duty of 100 % MCI is charged").Format(exemption);
}
