using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line as a structured formatter would write it: the message,
/// each structured value and each scope. Registered like any provider, so the host wraps it like
/// the console's (log redaction applies to every provider).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope(
                (scope, builder) =>
                {
                    builder.Append(" | scope: ").Append(scope);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    {
                        foreach (var (key, value) in values)
                        {
                            builder.Append(' ').Append(key).Append('=').Append(value);
                        }
                    }
                },
                line);
            if (exception is not null)
            {
                line.Append(" | exception: ").Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }
    }
}
