namespace Kazgov.AddressBureau.Requests;

/// <summary>
/// The bureau's part of an address-certificate application: the kind of request, the agency (for
/// agency requests), who asks, why, the sender's outgoing number, and for a telephone request the
/// password check it was accepted on (the password itself is never stored).
/// </summary>
internal sealed record AddressRequestData(
    string? Kind,
    string? AgencyCode,
    string? Requester,
    string? Reason,
    string? OutgoingNumber,
    long? PasswordCheck);
