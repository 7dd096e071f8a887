using Kazgov.Kernel.Data;
using Kazgov.Kernel.Mediation;
using Kazgov.Kernel.Problems;
using Mediator;

namespace Kazgov.Platform.Tests.Foundation;

/// <summary>The mediator's validation and transaction behaviours, against the real database.</summary>
public sealed class PipelineBehaviorTests() : ScratchTableTests("unit")
{
    [Fact]
    public async Task A_command_commits_when_its_handler_returns()
    {
        await using (var session = new DbSession(DataSource))
        {
            var behavior = new TransactionBehavior<Insert, int>(session);
            await behavior.Handle(new Insert("kept"), (message, ct) => InsertAsync(session, message.Name), CancellationToken.None);
        }

        (await CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_command_rolls_back_when_its_handler_throws()
    {
        await using (var session = new DbSession(DataSource))
        {
            var behavior = new TransactionBehavior<Insert, int>(session);
            var act = async () => await behavior.Handle(new Insert("lost"), async (message, ct) =>
            {
                await InsertAsync(session, message.Name);
                throw new ProblemException(PlatformProblems.BadRequest);
            }, CancellationToken.None);

            await act.Should().ThrowAsync<ProblemException>();
        }

        (await CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_command_inside_an_outer_transaction_commits_with_it_not_before()
    {
        await using var session = new DbSession(DataSource);
        await using (var outer = await session.BeginAsync())
        {
            var behavior = new TransactionBehavior<Insert, int>(session);
            await behavior.Handle(new Insert("joined"), (message, ct) => InsertAsync(session, message.Name), CancellationToken.None);

            (await CountAsync()).Should().Be(0, "the outer transaction has not committed yet");
        }

        (await CountAsync()).Should().Be(0, "the outer scope was disposed without committing");
    }

    [Fact]
    public async Task Validation_stops_the_pipeline_with_every_field_error()
    {
        var behavior = new ValidationBehavior<Insert, int>([new InsertValidator(), new InsertValidator()]);
        var called = false;

        var act = async () => await behavior.Handle(new Insert(""), (_, _) => { called = true; return ValueTask.FromResult(1); }, CancellationToken.None);

        var problem = (await act.Should().ThrowAsync<ProblemException>()).Which;
        problem.Type.Code.Should().Be("validation-failed");
        problem.Errors!["name"].Should().HaveCount(2);
        called.Should().BeFalse();
    }

    private async ValueTask<int> InsertAsync(DbSession session, string name) =>
        await session.ExecuteAsync($"INSERT INTO public.{Table} (name) VALUES (@name)", new { name });

    private async Task<long> CountAsync()
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM public.{Table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed record Insert(string Name) : ICommand<int>;

    private sealed class InsertValidator : IValidator<Insert>
    {
        public void Validate(Insert message, ValidationErrors errors) => errors.Required("name", message.Name);
    }
}
