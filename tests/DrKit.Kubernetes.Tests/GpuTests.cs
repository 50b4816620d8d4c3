namespace DrKit.Kubernetes.Tests;

/// <summary>GPU inference: tolerations, the placeholders' PriorityClass, and the inference Service.</summary>
public sealed class GpuTests
{
    [TestCase("gpu-us-east-1-inference")]
    [TestCase("gpu-us-west-2-inference")]
    [TestCase("gpu-us-west-2-placeholder")]
    public async Task Pods_TolerateTheGpuTaint(string deployment)
    {
        var run = await KubernetesRun.OfAsync();
        var toleration = KubernetesRun.At(run.Named(deployment).Inputs, "spec", "template", "spec", "tolerations", "0");
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(toleration, "key"), Is.EqualTo("nvidia.com/gpu"), $"{deployment} tolerates the GPU nodes' taint");
            Assert.That(KubernetesRun.At(toleration, "operator"), Is.EqualTo("Exists"), "any value of the taint");
            Assert.That(KubernetesRun.At(toleration, "effect"), Is.EqualTo("NoSchedule"), "the taint's effect");
        });
    }

    [Test]
    public async Task NoToleration_WhenTheStackSaysNone()
    {
        var run = await KubernetesRun.EditedAsync("      gpuToleration:\n        key: nvidia.com/gpu\n        operator: Exists\n        effect: NoSchedule", "      gpuToleration: none");
        Assert.That(KubernetesRun.At(run.Named("gpu-us-west-2-placeholder").Inputs, "spec", "template", "spec", "tolerations", "0"), Is.Null, "gpuToleration: none tolerates nothing");
    }

    [Test]
    public async Task PriorityClass_NamedPerNamespaceAndBelowTheAutoscalerCutoff()
    {
        var run = await KubernetesRun.OfAsync();
        var priority = run.Named("gpu-us-west-2-priority");
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(priority.Inputs, "metadata", "name"), Is.EqualTo("rag-assistant-gpu-placeholder"), "cluster-scoped: namespace and component in the name");
            Assert.That(Convert.ToInt32(KubernetesRun.At(priority.Inputs, "value"), System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(-10),
                "below the Cluster Autoscaler's expendable cutoff (-10): preempted placeholders buy no GPU nodes during an incident");
        });
    }

    [Test]
    public async Task InferenceService_SelectsTheRegionsInferencePods()
    {
        var run = await KubernetesRun.OfAsync();
        var service = run.Named("gpu-us-west-2-service");
        var deployment = run.Named("gpu-us-west-2-inference");
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(service.Inputs, "spec", "selector", "app.kubernetes.io/name"),
                Is.EqualTo(KubernetesRun.At(deployment.Inputs, "spec", "template", "metadata", "labels", "app.kubernetes.io/name")), "the Service selects the inference pods");
            Assert.That(KubernetesRun.At(service.Inputs, "spec", "ports", "0", "targetPort"), Is.EqualTo("http"), "to their named http port");
            Assert.That(KubernetesRun.RegionOf(service), Is.EqualTo("us-west-2"), "in the region's own cluster");
        });
    }
}
