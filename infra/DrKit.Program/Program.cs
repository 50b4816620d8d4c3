return await Deployment.RunAsync<DrStack>();
