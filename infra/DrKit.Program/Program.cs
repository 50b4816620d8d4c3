return await Deployment.RunAsync(DrKit.Program.StackProgram.Outputs);
