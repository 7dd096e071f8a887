using Kazgov.Kernel.Mediation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Kazgov.Platform.Tests.Foundation;

/// <summary>How the logging behaviour ends a message: a fault is an error, a caller gone away is not.</summary>
public sealed class LoggingBehaviorTests
{
    [Fact]
    public async Task A_message_cancelled_by_its_caller_is_logged_as_information_not_as_an_error()
    {
        var logger = new LevelsLogger();
        var behavior = new LoggingBehavior<Ping, int>(logger);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var act = async () => await behavior.Handle(new Ping(), (_, ct) => throw new OperationCanceledException(ct), gone.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        logger.Levels.Should().Equal(LogLevel.Information);
    }

    [Fact]
    public async Task A_fault_is_logged_as_an_error_even_when_it_is_a_cancellation_nobody_asked_for()
    {
        var logger = new LevelsLogger();
        var behavior = new LoggingBehavior<Ping, int>(logger);

        var act = async () => await behavior.Handle(new Ping(), (_, _) => throw new OperationCanceledException(), CancellationToken.None);

        await act.Should().ThrowAsync<OperationCanceledException>();
        logger.Levels.Should().Equal(LogLevel.Error);
    }

    public sealed record Ping : ICommand<int>;

    private sealed class LevelsLogger : ILogger<LoggingBehavior<Ping, int>>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }
}
