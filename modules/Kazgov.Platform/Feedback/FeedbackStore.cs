using Kazgov.Kernel.Data;
using NodaTime;

namespace Kazgov.Platform.Feedback;

/// <summary>The SQL of platform.feedback on the request's <see cref="DbSession"/>.</summary>
internal sealed class FeedbackStore(DbSession session)
{
    public Task<bool> ExistsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        session.QuerySingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM platform.feedback WHERE application_id = @applicationId)", new { applicationId }, cancellationToken);

    /// <summary>False when the application already has an answer (a concurrent one won): one answer per application.</summary>
    public async Task<bool> InsertAsync(
        Guid applicationId, string officeId, string serviceCode, string outcome, int quality, int information, int courtesy,
        string channel, string answeredBy, Instant answeredAt, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO platform.feedback
                (application_id, office_id, service_code, outcome, quality, information, courtesy, channel, answered_by, answered_at)
            VALUES (@applicationId, @officeId, @serviceCode, @outcome, @quality, @information, @courtesy, @channel, @answeredBy, @answeredAt)
            ON CONFLICT (application_id) DO NOTHING
            """,
            new { applicationId, officeId, serviceCode, outcome, quality = (short)quality, information = (short)information, courtesy = (short)courtesy, channel, answeredBy, answeredAt },
            cancellationToken) == 1;
}
