using Kazgov.Kernel.Data;
using Kazgov.Kernel.Security;

namespace Kazgov.Platform.Tests.Foundation;

public sealed class SqlCodesTests
{
    [Fact]
    public void Codes_are_written_once_each_in_a_stable_order()
    {
        SqlCodes.In("a.status", ["submitted", "in-review", "submitted"]).Should().Be("a.status IN ('in-review', 'submitted')");
        SqlCodes.In("a.status", ["in-review", "submitted"]).Should().Be(SqlCodes.In("a.status", ["submitted", "in-review"]),
            "the same set is the same statement, prepared once");
    }

    [Theory]
    [InlineData("x'); DROP TABLE platform.applications; --")]
    [InlineData("Driver-Licence")]
    [InlineData("driver licence")]
    [InlineData("driver--licence")]
    [InlineData("-driver")]
    [InlineData("")]
    public void A_value_that_is_no_code_is_left_out_and_nothing_is_matched_when_none_is_left(string value)
    {
        SqlCodes.In("a.service_code", [value, "driver-licence"]).Should().Be("a.service_code IN ('driver-licence')");
        SqlCodes.In("a.service_code", [value]).Should().Be("FALSE");
    }

    [Fact]
    public void A_clerk_s_read_scope_names_the_services_as_literals_and_the_office_as_a_parameter()
    {
        new ReadScope("road-police-astana-671c3429", ["weapon-registration", "driver-licence"], null).Sql("a")
            .Should().Be("TRUE AND a.office_id = @scopeOffice AND a.service_code IN ('driver-licence', 'weapon-registration')");
        new ReadScope(null, [], "client:portal").Sql("a").Should().Be("TRUE AND FALSE AND a.submitted_by = @scopeSubmittedBy",
            "a client with no read scope reads nothing");
    }
}
