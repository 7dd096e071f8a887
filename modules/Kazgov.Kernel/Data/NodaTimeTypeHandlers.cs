using System.Data;
using Dapper;
using NodaTime;

namespace Kazgov.Kernel.Data;

/// <summary>
/// Lets Dapper pass NodaTime values straight to Npgsql (whose NodaTime plugin maps them to
/// timestamptz, date, time and interval) and read them back.
/// </summary>
public static class NodaTimeTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new PassThrough<Instant>());
        SqlMapper.AddTypeHandler(new PassThrough<LocalDate>());
        SqlMapper.AddTypeHandler(new PassThrough<LocalTime>());
        SqlMapper.AddTypeHandler(new PassThrough<LocalDateTime>());
        SqlMapper.AddTypeHandler(new PassThrough<Period>());
        SqlMapper.AddTypeHandler(new PassThrough<Duration>());
    }

    private sealed class PassThrough<T> : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value) => parameter.Value = value;

        public override T Parse(object value) => (T)value;
    }
}
