using System.Collections;
using Kazgov.Kernel.Identifiers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kazgov.Api.Hosting;

/// <summary>
/// No IIN reaches a log: every logger provider of the host (the JSON console, and whatever a test
/// or an operator adds) is wrapped so that the message, each structured value, each scope (the
/// request path of ASP.NET Core's scope, for one) and the exception text have their IINs masked
/// (<see cref="IinMasking"/>, e.g. 8503******28) before the provider sees them. The wrapping
/// happens when the logger factory is built, so providers registered after this call are covered too.
/// </summary>
internal static class LogRedaction
{
    public static void AddKazgovLogRedaction(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new LoggerFactory(
            provider.GetServices<ILoggerProvider>().Select(inner => (ILoggerProvider)new RedactingProvider(inner)),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));

    internal static object? MaskValue(object? value) => value switch
    {
        null => null,
        string text => IinMasking.Mask(text),
        bool or byte or short or int or float or double or decimal or Guid or DateTime or DateTimeOffset or TimeSpan or Enum => value,
        // long and others: their text may be an IIN (850315300128 as a number).
        _ => IinMasking.Mask(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private sealed class RedactingProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void SetScopeProvider(IExternalScopeProvider scopeProvider)
        {
            if (inner is ISupportExternalScope scoped)
            {
                scoped.SetScopeProvider(new RedactingScopes(scopeProvider));
            }
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(RedactedState.Of(state));

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = IinMasking.Mask(formatter(state, exception));
            var redactedException = exception is null ? null : RedactedException.Of(exception);
            inner.Log(logLevel, eventId, RedactedState.Of(state, message), redactedException, static (s, _) => s.ToString());
        }
    }

    /// <summary>The scopes the console formatter walks, each masked on the way.</summary>
    private sealed class RedactingScopes(IExternalScopeProvider inner) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(scope is null ? null : RedactedState.Of(scope), s), state);

        public IDisposable Push(object? state) => inner.Push(state);
    }

    /// <summary>A log state as key-value pairs (what structured formatters enumerate) with masked values and text.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> pairs, string text) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static object Of(object state) => state switch
        {
            IEnumerable<KeyValuePair<string, object?>> pairs => new RedactedState(Mask(pairs), IinMasking.Mask(state.ToString() ?? "")),
            string text => IinMasking.Mask(text),
            _ => IinMasking.Mask(state.ToString() ?? ""),
        };

        public static RedactedState Of<TState>(TState state, string message) => new(
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? Mask(pairs) : [new("{OriginalFormat}", message)],
            message);

        public int Count => pairs.Count;

        public KeyValuePair<string, object?> this[int index] => pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => pairs.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => text;

        private static KeyValuePair<string, object?>[] Mask(IEnumerable<KeyValuePair<string, object?>> pairs) =>
            [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Key == "{OriginalFormat}" ? p.Value : MaskValue(p.Value)))];
    }

    /// <summary>An exception whose text (message, stack, inner exceptions) is printed masked.</summary>
    private sealed class RedactedException(string type, string text) : Exception(text)
    {
        public static Exception Of(Exception exception)
        {
            var full = exception.ToString();
            var masked = IinMasking.Mask(full);
            return ReferenceEquals(full, masked) || full == masked ? exception : new RedactedException(exception.GetType().FullName ?? "Exception", masked);
        }

        public override string ToString() => Message;

        public override string? StackTrace => null;

        public string OriginalType => type;
    }
}
