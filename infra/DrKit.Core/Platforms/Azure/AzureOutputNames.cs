namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Stack outputs the Azure stack exports beside the flat operations outputs (<see cref="Operations.OperationsOutputNames"/>),
/// for Azure operations and operators: <c>azure.resourceGroup.&lt;region&gt;</c> and <c>azure.&lt;component&gt;.&lt;what&gt;[.&lt;region&gt;]</c>.
/// Operations address resources by the names <see cref="AzureNames"/> decides; these ids and hosts are what a deployment
/// alone knows (docs/operations.md, "Contract with the Azure stack").
/// </summary>
public static class AzureOutputNames
{
    /// <summary>ARM id of a PostgreSQL Flexible Server, per region (primary and replica).</summary>
    public const string ServerId = "serverId";

    /// <summary>The host clients write to: the virtual endpoint's writer host, or a lone server's FQDN.</summary>
    public const string WriterHost = "writerHost";

    /// <summary>Host name of a Managed Redis instance, per region.</summary>
    public const string RedisHost = "redisHost";

    /// <summary>ARM id of a storage account, per region.</summary>
    public const string StorageAccountId = "storageAccountId";

    public const string RegistryLoginServer = "loginServer";

    /// <summary>ARM id of the capacity reservation group that holds the GPU VMs, per region.</summary>
    public const string CapacityReservationGroupId = "capacityReservationGroupId";

    /// <summary>ARM id of the GPU Linux VM scale set, per region.</summary>
    public const string ScaleSetId = "scaleSetId";

    /// <summary>The Traffic Manager name clients resolve (<c>&lt;label&gt;.trafficmanager.net</c>).</summary>
    public const string TrafficFqdn = "trafficFqdn";

    /// <summary>Endpoint of an Azure OpenAI rung's account, per rung.</summary>
    public const string OpenAiEndpoint = "openAiEndpoint";

    public static string ResourceGroup(string region) => $"azure.resourceGroup.{region}";

    public static string Of(string component, string what, string? region = null) =>
        region is null ? $"azure.{component}.{what}" : $"azure.{component}.{what}.{region}";
}
