// Browser tests run on the wall clock with real audio: one at a time, so they do not starve each other on 2 cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
