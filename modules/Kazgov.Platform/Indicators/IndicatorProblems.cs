using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Indicators;

/// <summary>The problems of the indicators, with stable codes.</summary>
public static class IndicatorProblems
{
    /// <summary>start is not the first day of a month, quarter or year (as period asks); <c>expectedStart</c> names the one it falls in.</summary>
    public static readonly ProblemType InvalidPeriodStart = new("invalid-period-start", 400, new(
        "Кезеңнің басы оның бірінші күні болуы керек",
        "Начало периода должно быть его первым днём",
        "The start must be the first day of the period"));
}

/// <summary>The field messages of the indicators, in kk/ru/en.</summary>
internal static class IndicatorMessages
{
    public static readonly LocalizedText Period = new(
        "Кезең: month, quarter немесе year",
        "Период: month, quarter или year",
        "Period: month, quarter or year");

    public static readonly LocalizedText Start = new(
        "Кезеңнің басы: ЖЖЖЖ-АА-КК күні",
        "Начало периода: дата ГГГГ-ММ-ДД",
        "Start of the period: a date YYYY-MM-DD");

    public static readonly LocalizedText By = new(
        "Топтау: office, region немесе service",
        "Группировка: office, region или service",
        "Grouping: office, region or service");

    public static readonly LocalizedText Format = new(
        "Файл пішімі: csv немесе xlsx",
        "Формат файла: csv или xlsx",
        "File format: csv or xlsx");

    public static readonly LocalizedText UnknownService = new(
        "«{0}» коды бар мемлекеттік қызмет каталогта жоқ",
        "Государственной услуги с кодом «{0}» нет в каталоге",
        "The catalogue has no public service '{0}'");

    public static readonly LocalizedText UnknownRegion = new(
        "«{0}» өңірі жоқ",
        "Региона «{0}» нет",
        "No region '{0}'");

    public static readonly LocalizedText UnknownOffice = new(
        "«{0}» бөлімшесі табылмады",
        "Подразделение «{0}» не найдено",
        "No office '{0}'");

    public static readonly LocalizedText OwnOfficeOnly = new(
        "Бөлімше бастығы тек өз бөлімшесінің көрсеткіштерін көреді",
        "Начальник подразделения видит только показатели своего подразделения",
        "A unit head sees the indicators of their own office only");

    public static readonly LocalizedText NoOffice = new(
        "Сіз бөлімшеге бекітілмегенсіз",
        "Вы не прикреплены к подразделению",
        "You are not attached to an office");
}
