namespace Kazgov.Platform.Calendar;

/// <summary>The working calendar as operators have it now, for modules whose rules depend on working days.</summary>
public interface IWorkingCalendars
{
    Task<WorkingCalendar> LoadAsync(CancellationToken cancellationToken);
}
