return await DrProgram.RunAsync();
