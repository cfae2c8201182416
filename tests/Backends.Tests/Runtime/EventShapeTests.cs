using System.Text.Json;
using RuleCompiler.Runtime.Events;
using RuleCompiler.Runtime.Rows;
using Xunit;

namespace RuleCompiler.Backends.Tests.Runtime;

/// <summary>The data source format an event's top-level keys show, which decides the rules rulec run offers it to.</summary>
public sealed class EventShapeTests
{
    [Theory]
    [InlineData("""{"eventVersion":"1.10","eventSource":"ecr.amazonaws.com","eventName":"PutImage"}""", EventShape.CloudTrail)]
    [InlineData("""{"class_uid":6003,"api":{"operation":"PutImage"},"time":1700000000000}""", EventShape.Ocsf)]
    [InlineData("""{"schemaVersion":"2.0","type":"Recon:EC2/PortProbeUnprotectedPort","severity":5.0,"id":"x"}""", EventShape.GuardDuty)]
    [InlineData("""{"SchemaVersion":"2018-10-08","ProductArn":"arn:aws:securityhub:eu-west-1::product/aws/guardduty","AwsAccountId":"111122223333","Id":"f1"}""", EventShape.Asff)]
    [InlineData("""{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a1","stage":"ResponseComplete","verb":"get","requestURI":"/api"}""", EventShape.K8sAudit)]
    // Too little to tell: the rules' own filters decide, as for any event.
    [InlineData("""{"SchemaVersion":"2018-10-08","AwsAccountId":"111122223333"}""", null)]
    [InlineData("""{"auditID":"a1","verb":"get"}""", null)]
    // GuardDuty's lower-case keys are not ASFF's capitalised ones.
    [InlineData("""{"schemaVersion":"2.0","productArn":"p","awsAccountId":"111122223333"}""", null)]
    [InlineData("""{"eventName":"PutImage"}""", null)]
    [InlineData("""{"eventVersion":"1.10","eventSource":"ecr.amazonaws.com"}""", null)]
    [InlineData("""{"eventName":null,"eventSource":"ecr.amazonaws.com"}""", null)]
    [InlineData("""{"schemaVersion":"2.0","severity":5.0}""", null)]
    [InlineData("""[1, 2]""", null)]
    public void The_top_level_keys_tell_the_format(string json, string? format)
    {
        using var parsed = JsonDocument.Parse(json);

        Assert.Equal(format, EventShape.Of(Row.FromEvent(parsed.RootElement)));
    }
}
