using Kazgov.Kernel.Localization;

namespace Kazgov.Kernel.Notifications;

public enum NotificationChannel
{
    Sms,
    Email,
}

/// <summary>A notification to send: already rendered in the recipient's language.</summary>
public sealed record OutboxMessage(
    NotificationChannel Channel,
    string Recipient,
    Language Language,
    string Subject,
    string Body,
    string? Reference);
