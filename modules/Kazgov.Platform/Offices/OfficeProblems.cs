using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Offices;

/// <summary>The problems the office directory raises, with stable codes.</summary>
public static class OfficeProblems
{
    public static readonly ProblemType OfficeNotFound = new("office-not-found", 404, new(
        "Бөлімше табылмады",
        "Подразделение не найдено",
        "The office was not found"));

    public static readonly ProblemType UnknownRegion = new("unknown-region", 400, new(
        "Өңір белгісіз",
        "Неизвестный регион",
        "Unknown region"));

    public static readonly ProblemType UnknownService = new("unknown-service", 400, new(
        "Қызмет коды белгісіз",
        "Неизвестный код услуги",
        "Unknown service code"));

    public static readonly ProblemType ScheduleChanged = new("schedule-changed", 412, new(
        "Кестені басқа біреу өзгертті: жаңа нұсқасын алып, қайталаңыз",
        "Расписание уже изменено другим пользователем: получите новую версию и повторите",
        "The schedule was changed by someone else: fetch the new version and try again"));
}
