using Kazgov.Platform.Catalogue;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;
using Kazgov.Kernel.Security;
using Kazgov.Platform.Security;
using NodaTime;

namespace Kazgov.Platform.Applications;

/// <summary>The shared checks of what an application carries: who may submit, the channel, the fee items and the bank receipts.</summary>
internal static class IntakeRules
{
    public static void EnsureMaySubmit(ICurrentActor actor, string officeId, string service)
    {
        var allowed = actor.Kind switch
        {
            ActorKind.Staff => actor.Role is Roles.Clerk or Roles.UnitHead && actor.CanChange(officeId, service),
            ActorKind.Client => actor.Scopes.Contains(Scopes.For(service, Scopes.Submit)),
            _ => false,
        };
        if (!allowed)
        {
            throw new ProblemException(SecurityProblems.Forbidden, new LocalizedText(
                "Сіз бұл бөлімшеде бұл қызмет бойынша өтініш қабылдай алмайсыз",
                "Вы не можете принимать заявления по этой услуге в этом подразделении",
                "You may not take applications for this service at this office"));
        }
    }

    /// <summary>Staff take applications at the front office; integrators through e-gov or their API.</summary>
    public static string ChannelOf(ICurrentActor actor, string? requested, ValidationErrors errors)
    {
        var channel = requested ?? (actor.Kind == ActorKind.Client ? "api" : "front-office");
        var allowed = actor.Kind == ActorKind.Client ? new[] { "e-gov", "api" } : ["front-office"];
        if (!allowed.Contains(channel))
        {
            errors.Add("channel", new LocalizedText(
                "Рұқсат етілген арна: " + string.Join(", ", allowed),
                "Допустимый канал: " + string.Join(", ", allowed),
                "Allowed channel: " + string.Join(", ", allowed)));
        }

        return channel;
    }

    public static List<FeeItem> FeeItemsOf(ServiceEntry service, IReadOnlyList<string>? requested, ValidationErrors errors)
    {
        if (service.Fees.Free)
        {
            if (requested is { Count: > 0 })
            {
                errors.Add("feeItems", new LocalizedText("Қызмет тегін", "Услуга бесплатна", "The service is free"));
            }

            return [];
        }

        if (requested is null or { Count: 0 })
        {
            if (service.Fees.Items.Count == 1)
            {
                return [service.Fees.Items[0]];
            }

            errors.Add("feeItems", new LocalizedText(
                "Төлем баптарын көрсетіңіз: " + string.Join(", ", service.Fees.Items.Select(i => i.Code)),
                "Укажите статьи оплаты: " + string.Join(", ", service.Fees.Items.Select(i => i.Code)),
                "Give the fee items: " + string.Join(", ", service.Fees.Items.Select(i => i.Code))));
            return [];
        }

        var items = new List<FeeItem>();
        foreach (var code in requested.Distinct(StringComparer.Ordinal))
        {
            var item = service.Fees.Items.FirstOrDefault(i => i.Code == code);
            if (item is null)
            {
                errors.Add("feeItems", new LocalizedText("Белгісіз төлем бабы: " + code, "Неизвестная статья оплаты: " + code, "Unknown fee item: " + code));
            }
            else
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>
    /// A receipt names one of the application's fee items, its bank and number, the day it was paid
    /// (never after today: a receipt dated in the future is not a payment) and a positive amount in tiyn.
    /// </summary>
    public static void ValidateReceipts(IReadOnlyList<ReceiptRequest>? receipts, IReadOnlyList<FeeItem> items, LocalDate today, ValidationErrors errors, string prefix)
    {
        for (var i = 0; i < (receipts?.Count ?? 0); i++)
        {
            var receipt = receipts![i];
            var field = receipts.Count == 1 && prefix == "receipt" ? prefix : $"{prefix}[{i}]";
            if (receipt.Item is null || items.All(item => item.Code != receipt.Item))
            {
                errors.Add(field + ".item", new LocalizedText(
                    "Өтініштің төлем баптарының бірі болуы керек",
                    "Должна быть одной из статей оплаты заявления",
                    "Must be one of the application's fee items"));
            }

            errors.Required(field + ".bank", receipt.Bank);
            errors.Required(field + ".receiptNumber", receipt.ReceiptNumber);
            if (receipt.PaidOn is null)
            {
                errors.Add(field + ".paidOn", CommonMessages.Required);
            }
            else if (receipt.PaidOn > today)
            {
                errors.Add(field + ".paidOn", new LocalizedText(
                    "Төлем күні бүгіннен кейін болмауы керек",
                    "Дата оплаты не может быть позже сегодняшнего дня",
                    "The payment date cannot be after today"));
            }

            if (receipt.Amount is not > 0 || decimal.Round(receipt.Amount.Value, 2) != receipt.Amount)
            {
                errors.Add(field + ".amount", new LocalizedText(
                    "Сома оң, тиынға дейін болуы керек",
                    "Сумма должна быть положительной, с точностью до тиына",
                    "The amount must be positive, to the tiyn"));
            }
        }
    }

    public static ProblemException ReceiptAlreadyRecorded(ReceiptRequest receipt) =>
        new(ApplicationProblems.ReceiptAlreadyRecorded, new LocalizedText(
            "{0} банкінің {1} түбіртегі бұрын тіркелген",
            "Квитанция {1} банка {0} уже зарегистрирована",
            "Receipt {1} of {0} has already been recorded").Format(receipt.Bank?.Trim(), receipt.ReceiptNumber?.Trim()));

    /// <summary>A module naming a ground its standard does not have is a programming error, not the caller's.</summary>
    public static void EnsureGroundsOfService(ServiceEntry service, IEnumerable<string> grounds)
    {
        var unknown = grounds.Where(g => service.RefusalGrounds.All(r => r.Code != g)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Refusal grounds {string.Join(", ", unknown)} are not in the catalogue of {service.Code}.");
        }
    }
}
