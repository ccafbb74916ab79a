using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Voxgate.Benchmarks.ResamplerBenchmarks).Assembly).Run(args, new Voxgate.Benchmarks.RealtimeConfig());
