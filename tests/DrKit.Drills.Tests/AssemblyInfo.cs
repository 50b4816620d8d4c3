// Every test starts real servers; running them in parallel on a 2-core machine would distort timings
// and starve the drills.
[assembly: NonParallelizable]
[assembly: LevelOfParallelism(1)]
