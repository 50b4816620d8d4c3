using DrKit.Core.Estimation;
using DrKit.Core.Monitoring;
using DrKit.Core.Planning;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Storage;

/// <summary>Translates planned bucket settings into S3 lifecycle and replication rule blocks.</summary>
internal static class BucketRules
{
    public const string Enabled = "Enabled";

    /// <summary>The planned transitions (<see cref="BucketSettings.LifecycleTransitions"/>), optional expiry, noncurrent-version expiry.</summary>
    public static PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleArgs Lifecycle(BucketSettings s)
    {
        var rule = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleArgs
        {
            Id = "drkit-tiers",
            Status = Enabled,
            Filter = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleFilterArgs { Prefix = string.Empty },
            NoncurrentVersionExpiration = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs
            {
                NoncurrentDays = s.NoncurrentExpiryDays,
            },
        };
        foreach (var (days, storageClass) in s.LifecycleTransitions())
        {
            rule.Transitions.Add(new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleTransitionArgs { Days = days, StorageClass = storageClass });
        }

        if (s.ExpireAfterDays is { } expire)
        {
            rule.Expiration = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleExpirationArgs { Days = expire };
        }

        return rule;
    }

    /// <summary>
    /// Replicate every object, KMS-encrypted ones included (re-encrypted with the destination region's key), and
    /// delete markers, so a reader that fails over sees the source's view; deleted versions are never replicated,
    /// so the replica keeps what a mistaken delete removed.
    /// </summary>
    public static PulumiAws.S3.Inputs.BucketReplicationConfigRuleArgs Replication(BucketSettings s, Pulumi.Input<string> destinationArn, Pulumi.Input<string> destinationKeyArn, int priority)
    {
        var destination = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationArgs
        {
            Bucket = destinationArn,
            EncryptionConfiguration = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs
            {
                ReplicaKmsKeyId = destinationKeyArn,
            },
        };
        if (s.ReplicationTimeControl)
        {
            // RTC only bounds time together with replication metrics; 15 minutes is the only window S3 offers.
            var minutes = (int)Assumptions.S3RtcWindow.TotalMinutes;
            destination.ReplicationTime = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationReplicationTimeArgs
            {
                Status = Enabled,
                Time = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationReplicationTimeTimeArgs { Minutes = minutes },
            };
            destination.Metrics = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationMetricsArgs
            {
                Status = Enabled,
                EventThreshold = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationMetricsEventThresholdArgs { Minutes = minutes },
            };
        }
        else if (AlarmPlanner.ReplicationMetrics(s))
        {
            // The replication alarms read ReplicationLatency and OperationsFailedReplication, which S3 publishes only
            // with metrics on; without RTC the event threshold is optional and left out.
            destination.Metrics = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDestinationMetricsArgs { Status = Enabled };
        }

        return new PulumiAws.S3.Inputs.BucketReplicationConfigRuleArgs
        {
            Id = s.ReplicationRuleId(priority),
            Status = Enabled,
            Priority = priority,
            Filter = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleFilterArgs { Prefix = string.Empty },
            DeleteMarkerReplication = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleDeleteMarkerReplicationArgs { Status = Enabled },
            SourceSelectionCriteria = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleSourceSelectionCriteriaArgs
            {
                SseKmsEncryptedObjects = new PulumiAws.S3.Inputs.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs { Status = Enabled },
            },
            Destination = destination,
        };
    }
}
